import { msg, type Msg } from '../../i18n.ts';
import type { Lane } from '../trace.ts';
import type { Trace } from '../trace.ts';
import { flowHash, type Packet } from './packet.ts';
import type { VnfConfig } from './schema.ts';

/**
 * NFV MANO (ETSI GS NFV 002): the NFVO runs the network service lifecycle, the VNFM the lifecycle of each VNF
 * (instantiate, heal, scale), and the VIM the NFVI resources (placing instances on hosts, creating vswitch ports).
 * Every action is logged and traced in the `mano` lane.
 */
export type ManoRole = 'NFVO' | 'VNFM' | 'VIM';

export interface ManoEntry {
  role: ManoRole;
  action: string;
  vnf?: string;
  instance?: string;
  host?: string;
  outcome: 'ok' | 'refused';
}

export type InstanceStatus = 'running' | 'failed' | 'unplaced';

export interface Instance {
  /** `fw1#2`: the VNF name and the instance number. A healed instance keeps its id (and so its flows). */
  id: string;
  host: string | null;
  status: InstanceStatus;
}

export interface VnfRuntime {
  config: VnfConfig;
  kind: 'vnf' | 'appliance';
  instances: Instance[];
  /** Packets the SFF sent through this VNF and the instance each one used (by packet name), for flow affinity. */
  flows: Map<string, { packet: Packet; instance: string }>;
  /** Packets whose flow moved to another instance at the last scaling. */
  moved: string[];
}

const ROLE_ACTOR: Record<ManoRole, string> = { NFVO: 'mano:nfvo', VNFM: 'mano:vnfm', VIM: 'mano:vim' };

export const laneOf = (vnf: VnfRuntime): Lane =>
  vnf.kind === 'appliance' ? 'hardware' : vnf.config.form === 'container' ? 'container' : 'guest';

export class Mano {
  readonly log: ManoEntry[] = [];

  constructor(
    private readonly hosts: readonly { name: string; capacity: number }[],
    readonly vnfs: Map<string, VnfRuntime>,
    private readonly trace: Trace,
  ) {}

  /** Running instances per host. */
  private load(host: string): number {
    let n = 0;
    for (const v of this.vnfs.values())
      n += v.instances.filter((i) => i.host === host && i.status === 'running').length;
    return n;
  }

  private record(entry: ManoEntry, note: Msg, kind = 'lifecycle'): void {
    this.log.push(entry);
    this.trace.emit({
      actor: ROLE_ACTOR[entry.role],
      lane: 'mano',
      kind,
      op: `mano.${entry.action}`,
      subject: entry.instance ?? entry.vnf,
      detail: entry.host ? `host ${entry.host}` : undefined,
      outcome: entry.outcome === 'ok' ? 'ok' : 'failed',
      note,
    });
  }

  /**
   * VIM placement: the pinned host when it has room, else the least-loaded host with room, preferring hosts that
   * hold no other instance of the same VNF (anti-affinity) and never one in `avoid`.
   */
  private place(vnf: VnfRuntime, avoid: readonly string[], pinned?: string): string | null {
    const free = (h: { name: string; capacity: number }) => this.load(h.name) < h.capacity && !avoid.includes(h.name);
    const pin = pinned && this.hosts.find((h) => h.name === pinned);
    if (pin && free(pin)) return pin.name;
    const siblings = new Set(vnf.instances.filter((i) => i.status === 'running').map((i) => i.host));
    const candidates = this.hosts
      .filter(free)
      .sort(
        (a, b) => Number(siblings.has(a.name)) - Number(siblings.has(b.name)) || this.load(a.name) - this.load(b.name),
      );
    return candidates[0]?.name ?? null;
  }

  /** VNFM asks the VIM for a host and a vswitch port for one instance. */
  private start(vnf: VnfRuntime, inst: Instance, avoid: readonly string[], pinned?: string): void {
    const host = this.place(vnf, avoid, pinned);
    if (!host) {
      inst.status = 'unplaced';
      inst.host = null;
      this.record(
        { role: 'VIM', action: 'place', vnf: vnf.config.name, instance: inst.id, outcome: 'refused' },
        msg(`${inst.id}을(를) 놓을 여유가 있는 NFVI 호스트가 없습니다.`, `No NFVI host has room for ${inst.id}.`),
      );
      return;
    }
    inst.host = host;
    inst.status = 'running';
    const form = vnf.config.form === 'container' ? msg('컨테이너', 'container') : msg('VM', 'VM');
    this.record(
      { role: 'VIM', action: 'place', vnf: vnf.config.name, instance: inst.id, host, outcome: 'ok' },
      msg(
        `VIM이 ${inst.id}을(를) ${host}에 ${form.ko}(으)로 만들었습니다.`,
        `The VIM created ${inst.id} on ${host} as a ${form.en}.`,
      ),
    );
    this.record(
      { role: 'VIM', action: 'port', vnf: vnf.config.name, instance: inst.id, host, outcome: 'ok' },
      msg(
        `VIM이 ${host}의 vswitch에 ${inst.id}의 포트를 만들었습니다.`,
        `The VIM created a vswitch port for ${inst.id} on ${host}.`,
      ),
    );
  }

  /** NFVO instantiates the network service: the VNFM instantiates each VNF; appliances are already cabled. */
  instantiate(): void {
    this.record(
      { role: 'NFVO', action: 'instantiate-ns', outcome: 'ok' },
      msg('NFVO가 네트워크 서비스를 인스턴스화합니다.', 'The NFVO instantiates the network service.'),
    );
    for (const vnf of this.vnfs.values()) {
      if (vnf.kind === 'appliance') {
        vnf.instances = [{ id: `${vnf.config.name}#1`, host: null, status: 'running' }];
        continue;
      }
      this.record(
        { role: 'VNFM', action: 'instantiate', vnf: vnf.config.name, outcome: 'ok' },
        msg(`VNFM이 ${vnf.config.name}을(를) 인스턴스화합니다.`, `The VNFM instantiates ${vnf.config.name}.`),
      );
      for (let n = 1; n <= vnf.config.instances; n++) this.addInstance(vnf, n === 1 ? vnf.config.host : undefined);
    }
  }

  private addInstance(vnf: VnfRuntime, pinned?: string): void {
    const inst: Instance = { id: `${vnf.config.name}#${vnf.instances.length + 1}`, host: null, status: 'unplaced' };
    vnf.instances.push(inst);
    this.start(vnf, inst, [], pinned);
  }

  fail(vnf: VnfRuntime, n: number): Instance | undefined {
    const inst = vnf.instances[n - 1];
    if (inst) inst.status = 'failed';
    return inst;
  }

  /** Heal: re-instantiate a failed instance on another host. Software cannot heal a hardware appliance. */
  heal(vnf: VnfRuntime, n: number): void {
    const inst = vnf.instances[n - 1];
    if (vnf.kind === 'appliance') {
      this.record(
        { role: 'VNFM', action: 'heal', vnf: vnf.config.name, outcome: 'refused' },
        msg(
          `${vnf.config.name}은(는) 전용 하드웨어 어플라이언스라 VNFM이 치유할 수 없습니다. 사람이 장비를 고쳐야 합니다.`,
          `${vnf.config.name} is a dedicated hardware appliance: the VNFM cannot heal it; someone must repair the box.`,
        ),
      );
      return;
    }
    if (!inst || inst.status === 'running') return;
    this.record(
      { role: 'VNFM', action: 'heal', vnf: vnf.config.name, instance: inst.id, outcome: 'ok' },
      msg(
        `VNFM이 고장 난 ${inst.id}을(를) 다른 호스트에 다시 만듭니다.`,
        `The VNFM re-instantiates failed ${inst.id} on another host.`,
      ),
    );
    this.start(vnf, inst, inst.host ? [inst.host] : []);
  }

  /**
   * Scale out or in. Instances are chosen per flow by rendezvous hashing, so adding an instance moves only the
   * flows the new instance wins, and removing one moves only the flows it held. `vnf.moved` lists the packets that moved.
   */
  scale(vnf: VnfRuntime, count: number): void {
    if (vnf.kind === 'appliance') {
      this.record(
        { role: 'VNFM', action: 'scale', vnf: vnf.config.name, outcome: 'refused' },
        msg(
          `${vnf.config.name}은(는) 하드웨어 어플라이언스라 소프트웨어로 확장할 수 없습니다. 장비를 더 사야 합니다.`,
          `${vnf.config.name} is a hardware appliance: software cannot scale it; you would buy another box.`,
        ),
      );
      return;
    }
    this.record(
      {
        role: 'VNFM',
        action: count >= vnf.instances.length ? 'scale-out' : 'scale-in',
        vnf: vnf.config.name,
        outcome: 'ok',
      },
      msg(
        `VNFM이 ${vnf.config.name}을(를) 인스턴스 ${vnf.instances.length}개에서 ${count}개로 조정합니다.`,
        `The VNFM scales ${vnf.config.name} from ${vnf.instances.length} to ${count} instances.`,
      ),
    );
    while (vnf.instances.length < count) this.addInstance(vnf);
    vnf.instances.length = Math.min(vnf.instances.length, count);
    const moved: string[] = [];
    for (const [name, flow] of vnf.flows) {
      this.trace.spend(vnf.instances.length * HASH_WORK);
      const now = pickInstance(vnf, flow.packet);
      if (now && now.id !== flow.instance) {
        moved.push(name);
        vnf.flows.set(name, { packet: flow.packet, instance: now.id });
      }
    }
    vnf.moved = moved;
  }
}

/** Work units (limits.ts) of hashing one flow's 5-tuple for one instance: building and hashing the key string. */
export const HASH_WORK = 140;

/** Rendezvous (highest-random-weight) hashing of the 5-tuple over the running instances. */
export function pickInstance(vnf: VnfRuntime, packet: Packet): Instance | undefined {
  let best: Instance | undefined;
  let bestScore = -1;
  for (const inst of vnf.instances) {
    if (inst.status !== 'running') continue;
    const score = flowHash(packet, inst.id);
    if (score > bestScore) [best, bestScore] = [inst, score];
  }
  return best;
}
