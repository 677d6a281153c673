import { msg, type Msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import type { HostConfig, PoolConfig } from './schema.ts';

/**
 * Desktop VMs in pools on data-center hosts. Desktops are created on demand, up to the pool size and the hosts'
 * capacity (desktop count, vCPUs, memory). A persistent (dedicated) desktop stays assigned to its user with its disk;
 * a non-persistent (floating) desktop is refreshed or deleted at logoff.
 */
export interface Desktop {
  pool: string;
  host: string;
  /** The user a persistent desktop belongs to. */
  assignedTo: string | null;
  /** Who is using it now. */
  user: string | null;
  /** Files saved on the desktop's virtual disk (in the data center). */
  files: string[];
  refreshes: number;
}

export type NoDesktop = { reason: 'pool-full' | 'no-capacity'; message: Msg };

export interface HostUsage {
  desktops: number;
  vcpus: number;
  memoryGb: number;
}

export class DesktopPools {
  readonly desktops = new Map<string, Desktop>();
  private readonly created = new Map<string, number>();

  constructor(
    private readonly hosts: readonly HostConfig[],
    private readonly pools: readonly PoolConfig[],
    private readonly trace: Trace,
  ) {}

  pool(name: string): PoolConfig {
    return this.pools.find((p) => p.name === name)!;
  }

  usage(host: string): HostUsage {
    const u = { desktops: 0, vcpus: 0, memoryGb: 0 };
    for (const d of this.desktops.values()) {
      if (d.host !== host) continue;
      const spec = this.pool(d.pool).desktop;
      u.desktops += 1;
      u.vcpus += spec.vcpus;
      u.memoryGb += spec.memoryGb;
    }
    return u;
  }

  private fits(host: HostConfig, pool: PoolConfig): boolean {
    const u = this.usage(host.name);
    return (
      (host.desktops === undefined || u.desktops + 1 <= host.desktops) &&
      (host.vcpus === undefined || u.vcpus + pool.desktop.vcpus <= host.vcpus) &&
      (host.memoryGb === undefined || u.memoryGb + pool.desktop.memoryGb <= host.memoryGb)
    );
  }

  /** A desktop for this user: their dedicated one, a free floating one, or a new one where capacity allows. */
  acquire(user: string, poolName: string): { name: string } | NoDesktop {
    const pool = this.pool(poolName);
    for (const [name, d] of this.desktops) {
      if (d.pool !== poolName) continue;
      const mine = pool.type === 'persistent' ? d.assignedTo === user : d.user === null;
      if (mine) return { name };
    }
    const inPool = [...this.desktops.values()].filter((d) => d.pool === poolName).length;
    if (inPool >= pool.size) {
      return {
        reason: 'pool-full',
        message: msg(
          `풀 ${poolName}의 데스크톱 ${pool.size}대가 모두 쓰이고 있습니다.`,
          `All ${pool.size} desktops of pool ${poolName} are taken.`,
        ),
      };
    }
    const host = [...this.hosts]
      .filter((h) => this.fits(h, pool))
      .sort((a, b) => this.usage(a.name).desktops - this.usage(b.name).desktops)[0];
    if (!host) {
      const used = this.hosts.map((h) => `${h.name} ${describeUsage(this.usage(h.name), h)}`).join('; ');
      return {
        reason: 'no-capacity',
        message: msg(
          `새 데스크톱을 켤 여유가 있는 호스트가 없습니다 (${used}).`,
          `No host has room to power on another desktop (${used}).`,
        ),
      };
    }
    const n = (this.created.get(poolName) ?? 0) + 1;
    this.created.set(poolName, n);
    const name = `${poolName}-${n}`;
    const desktop: Desktop = {
      pool: poolName,
      host: host.name,
      assignedTo: pool.type === 'persistent' ? user : null,
      user: null,
      files: [],
      refreshes: 0,
    };
    this.desktops.set(name, desktop);
    this.trace.emit({
      actor: `hypervisor:${host.name}`,
      lane: 'hypervisor',
      kind: 'create',
      op: 'desktop.create',
      subject: name,
      detail: `${pool.desktop.vcpus} vCPU, ${pool.desktop.memoryGb} GiB`,
      note: msg(
        `${host.name}에서 데스크톱 VM ${name}을(를) 켰습니다.`,
        `Desktop VM ${name} was powered on on ${host.name}.`,
      ),
    });
    return { name };
  }

  /**
   * Logoff: a dedicated desktop keeps its disk for its owner; a floating one is refreshed (its disk discarded) or
   * deleted. Returns the files that were discarded.
   */
  release(name: string): string[] {
    const d = this.desktops.get(name)!;
    const pool = this.pool(d.pool);
    d.user = null;
    if (pool.type === 'persistent') return [];
    const discarded = d.files;
    const deleted = pool.onLogoff === 'delete';
    if (deleted) this.desktops.delete(name);
    else {
      d.files = [];
      d.refreshes += 1;
    }
    this.trace.emit({
      actor: `hypervisor:${d.host}`,
      lane: 'hypervisor',
      kind: deleted ? 'delete' : 'refresh',
      op: `desktop.${deleted ? 'delete' : 'refresh'}`,
      subject: name,
      detail: discarded.length ? msg(`폐기: ${discarded.join(', ')}`, `discarded: ${discarded.join(', ')}`) : undefined,
      note: deleted
        ? msg(`비영구 풀이라 ${name}을(를) 지웠습니다.`, `Non-persistent pool: ${name} was deleted.`)
        : msg(
            `비영구 풀이라 ${name}을(를) 기본 이미지로 되돌렸습니다. 디스크의 변경은 사라집니다.`,
            `Non-persistent pool: ${name} was refreshed to its base image; changes on its disk are gone.`,
          ),
    });
    return discarded;
  }
}

export function describeUsage(u: HostUsage, h: HostConfig): string {
  const parts = [`${u.desktops}${h.desktops === undefined ? '' : `/${h.desktops}`} desktops`];
  if (h.vcpus !== undefined) parts.push(`${u.vcpus}/${h.vcpus} vCPU`);
  if (h.memoryGb !== undefined) parts.push(`${u.memoryGb}/${h.memoryGb} GiB`);
  return parts.join(', ');
}
