import { msg, type Msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { TargetSimulator } from '../target.ts';
import type { Trace } from '../trace.ts';
import { forward, type PacketState } from '../network/forwarder.ts';
import { Mano, laneOf, type ManoEntry, type VnfRuntime } from '../network/mano.ts';
import { NetworkConfigSchema, type NetworkConfig } from '../network/schema.ts';
import type { VnfType } from '../network/vnf.ts';
import { describePort } from '../network/vswitch.ts';

/**
 * Network virtualization (NFV): VNFs on NFVI hosts behind Open vSwitch-style bridges, VXLAN between hosts, service
 * function chains, and the MANO lifecycle (instantiate, fail, heal, scale).
 */
export interface NetworkState {
  hosts: Record<string, { capacity: number; used: number; instances: string[] }>;
  vnfs: Record<
    string,
    {
      type: VnfType;
      kind: 'vnf' | 'appliance';
      form: 'vm' | 'container' | 'appliance';
      status: 'running' | 'degraded' | 'failed';
      /** Host of the first running instance (null for an appliance or when none runs). */
      host: string | null;
      port: string;
      instances: { id: string; host: string | null; status: string }[];
      /** Packets whose flow moved to another instance at the last scaling. */
      moved: string[];
    }
  >;
  packets: Record<string, PacketState>;
  mano: ManoEntry[];
}

/** What an unknown name was meant to be, for the check messages. */
const NAMED = {
  host: msg('NFVI 호스트', 'NFVI host'),
  vnf: msg('VNF', 'VNF'),
  path: msg('서비스 경로(path)', 'path'),
};

function check(c: NetworkConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const unknown = (path: string, what: Msg, name: string) =>
    issues.push(issue(path, msg(`${what.ko} '${name}'이(가) 정의되어 있지 않습니다.`, `No ${what.en} named '${name}' is defined.`)));
  const unique = (list: readonly { name: string }[], key: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name)) issues.push(issue(`${key}[${i}].name`, msg(`이름 '${x.name}'이(가) 겹칩니다.`, `The name '${x.name}' is used twice.`)));
      seen.add(x.name);
    });
  };
  unique(c.hosts, 'hosts');
  unique(c.vnfs, 'vnfs');
  unique(c.paths, 'paths');
  unique(c.endpoints, 'endpoints');
  unique(c.segments, 'segments');
  const hosts = new Set(c.hosts.map((h) => h.name));
  const vnfs = new Map(c.vnfs.map((v) => [v.name, v]));
  const paths = new Set(c.paths.map((p) => p.name));
  c.segments.forEach((s, i) => {
    if (c.segments.findIndex((t) => t.vlan === s.vlan || (s.vni !== undefined && t.vni === s.vni)) !== i) {
      issues.push(issue(`segments[${i}]`, msg('VLAN이나 VNI가 다른 세그먼트와 겹칩니다.', 'Its VLAN or VNI is used by another segment.')));
    }
  });
  c.vnfs.forEach((v, i) => {
    if (v.host && !hosts.has(v.host)) unknown(`vnfs[${i}].host`, NAMED.host, v.host);
    if (v.form === 'appliance' && (v.host || v.instances > 1)) {
      issues.push(
        issue(
          `vnfs[${i}]`,
          msg(
            '하드웨어 어플라이언스는 NFVI 호스트에 올라가지 않고 인스턴스도 하나뿐입니다: host와 instances를 지우세요.',
            'A hardware appliance runs on no NFVI host and is a single box: remove host and instances.',
          ),
        ),
      );
    }
  });
  c.paths.forEach((p, i) => p.hops.forEach((h, j) => vnfs.has(h) || unknown(`paths[${i}].hops[${j}]`, NAMED.vnf, h)));
  if (c.classifier.host && !hosts.has(c.classifier.host)) unknown('classifier.host', NAMED.host, c.classifier.host);
  c.classifier.rules.forEach((r, i) => paths.has(r.path) || unknown(`classifier.rules[${i}].path`, NAMED.path, r.path));
  c.endpoints.forEach((e, i) => e.host && !hosts.has(e.host) && unknown(`endpoints[${i}].host`, NAMED.host, e.host));
  const packets = new Set<string>();
  c.ops.forEach((op, i) => {
    if ('send' in op) {
      if (packets.has(op.send.name)) issues.push(issue(`ops[${i}].send.name`, msg(`패킷 이름 '${op.send.name}'이(가) 겹칩니다.`, `The packet name '${op.send.name}' is used twice.`)));
      packets.add(op.send.name);
      return;
    }
    const name = 'fail' in op ? op.fail : 'heal' in op ? op.heal : op.scale;
    const key = 'fail' in op ? 'fail' : 'heal' in op ? 'heal' : 'scale';
    if (!vnfs.has(name)) unknown(`ops[${i}].${key}`, NAMED.vnf, name);
  });
  const guests = c.vnfs.reduce((n, v) => n + v.instances, 0) + c.endpoints.length;
  if (guests > limits.maxGuests) {
    issues.push(issue('vnfs', msg(`VNF 인스턴스와 엔드포인트가 최대 ${limits.maxGuests}개를 넘습니다.`, `More than ${limits.maxGuests} VNF instances and endpoints.`)));
  }
  if (c.ops.length > limits.maxOps) {
    issues.push(issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)));
  }
  return issues;
}

function run(c: NetworkConfig, trace: Trace): NetworkState {
  const vnfs = new Map<string, VnfRuntime>(
    c.vnfs.map((v) => [v.name, { config: v, kind: v.form === 'appliance' ? 'appliance' : 'vnf', instances: [], flows: new Map(), moved: [] }]),
  );
  const mano = new Mano(c.hosts, vnfs, trace);
  mano.instantiate();
  const packets: Record<string, PacketState> = {};
  c.ops.forEach((op, step) => {
    trace.step = step;
    if ('send' in op) {
      const { name, ...packet } = op.send;
      packets[name] = forward(name, packet, c, vnfs, trace);
    } else if ('fail' in op) {
      const vnf = vnfs.get(op.fail)!;
      const inst = mano.fail(vnf, op.instance);
      trace.emit({
        actor: `vnf:${inst?.id ?? op.fail}`,
        lane: laneOf(vnf),
        kind: 'fault',
        op: 'vnf.fail',
        subject: op.fail,
        outcome: 'failed',
        note: inst
          ? msg(`${inst.id}이(가) 멈췄습니다.`, `${inst.id} crashed.`)
          : msg(`${op.fail}에는 인스턴스 ${op.instance}이(가) 없습니다.`, `${op.fail} has no instance ${op.instance}.`),
      });
      if (inst && c.mano.autoHeal && vnf.kind === 'vnf') mano.heal(vnf, op.instance);
    } else if ('heal' in op) {
      mano.heal(vnfs.get(op.heal)!, op.instance);
    } else {
      mano.scale(vnfs.get(op.scale)!, op.instances);
    }
  });
  return {
    hosts: Object.fromEntries(
      c.hosts.map((h) => {
        const ids = [...vnfs.values()].flatMap((v) => v.instances.filter((i) => i.host === h.name && i.status === 'running').map((i) => i.id));
        return [h.name, { capacity: h.capacity, used: ids.length, instances: ids }];
      }),
    ),
    vnfs: Object.fromEntries(
      [...vnfs.values()].map((v) => {
        const running = v.instances.filter((i) => i.status === 'running');
        const status = running.length === v.instances.length ? 'running' : running.length ? 'degraded' : 'failed';
        return [
          v.config.name,
          {
            type: v.config.type,
            kind: v.kind,
            form: v.config.form,
            status,
            host: running[0]?.host ?? null,
            port: describePort(v.config.port),
            instances: v.instances.map((i) => ({ ...i })),
            moved: v.moved,
          },
        ];
      }),
    ),
    packets,
    mano: mano.log,
  };
}

export const networkSimulator: TargetSimulator<NetworkConfig, NetworkState> = {
  target: 'network',
  schema: NetworkConfigSchema,
  check,
  run,
};
