import { msg, type Msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { classify } from './chain.ts';
import { laneOf, pickInstance, type VnfRuntime } from './mano.ts';
import type { Packet } from './packet.ts';
import type { NetworkConfig } from './schema.ts';
import type { PacketState } from './state.ts';
import { applyFunction, type DropReason } from './vnf.ts';
import { admits, describePort, tagOnIngress } from './vswitch.ts';
import { VXLAN, encapsulate } from './vxlan.ts';

/** Simulated cost in cycles of each kind of hop (rough, to compare paths, not a benchmark). */
const COST = { vswitch: 300, vtep: 1_200, wire: 100, vnf: 2_000, appliance: 400 } as const;

const UPLINK = 'uplink';
const isHost = (loc: string) => !loc.startsWith('appliance:') && loc !== UPLINK;

/** A packet on its way: what it looks like now, where it is (an NFVI host, `appliance:<name>` or the uplink). */
export interface Flight {
  name: string;
  p: Packet;
  loc: string;
  /** What has happened to it so far: the packet's record in the final state. */
  state: PacketState;
  config: NetworkConfig;
  trace: Trace;
}

const event = (f: Flight) => ({ subject: f.name, op: 'packet' });

/** The packet arrives at the classifier's vswitch, on its VLAN (or the VLAN its VNI maps to). */
export function depart(name: string, input: Packet, config: NetworkConfig, trace: Trace): Flight {
  const p: Packet = { ...input };
  const ingressVlan = p.vlan ?? config.segments.find((s) => s.vni !== undefined && s.vni === p.vni)?.vlan;
  if (ingressVlan !== undefined) p.vlan = ingressVlan;
  const state: PacketState = {
    outcome: 'delivered',
    classifierRule: null,
    path: null,
    hops: [],
    steps: [],
    final: p,
    deliveredTo: null,
    drop: null,
    backend: null,
    tags: [],
    vlans: p.vlan === undefined ? [] : [p.vlan],
    vxlan: [],
  };
  return { name, p, loc: config.classifier.host ?? config.hosts[0].name, state, config, trace };
}

export function drop(f: Flight, reason: DropReason, at: string, note: Msg, fix?: Msg, rule?: string): PacketState {
  f.state.outcome = 'dropped';
  f.state.final = f.p;
  f.state.drop = { reason, at, rule: rule ?? null, message: note };
  f.trace.emit({
    ...event(f),
    actor: `vswitch:${f.loc}`,
    lane: 'network',
    kind: 'drop',
    outcome: 'dropped',
    detail: reason,
    note,
    fix,
  });
  return f.state;
}

const vlanMismatch = (f: Flight, at: string, where: string): void => {
  drop(
    f,
    'vlan-mismatch',
    at,
    msg(
      `VLAN ${f.p.vlan ?? '없음'} 패킷은 ${where}에 들어갈 수 없습니다. 라우터 없이 VLAN을 건너는 패킷은 없습니다.`,
      `A VLAN ${f.p.vlan ?? 'untagged'} packet cannot pass ${where}. No packet crosses VLANs without a router.`,
    ),
    msg('경로에 router VNF를 넣거나 포트의 VLAN을 맞추세요.', 'Put a router VNF in the path or align the port VLANs.'),
  );
};

function noteVlan(f: Flight): void {
  const v = f.p.vlan;
  if (v !== undefined && f.state.vlans[f.state.vlans.length - 1] !== v) f.state.vlans.push(v);
}

/** How a packet gets from one place to the next: the same vswitch, a physical trunk, or a VXLAN tunnel. */
export type LinkKind = 'vswitch' | 'wire' | 'vxlan';
export const linkKind = (from: string, to: string): LinkKind =>
  to === from ? 'vswitch' : !isHost(from) || !isHost(to) ? 'wire' : 'vxlan';

/** Carry the packet from `f.loc` to `to`, one handler per kind of link. False when it was dropped on the way. */
export const LINKS = {
  vswitch(f, _to, hopName) {
    f.trace.emit({
      ...event(f),
      actor: `vswitch:${f.loc}`,
      lane: 'network',
      kind: 'forward',
      cycles: COST.vswitch,
      detail: `vlan ${f.p.vlan ?? 'untagged'} → ${hopName}`,
    });
    return true;
  },
  wire(f, to) {
    const vlan = f.p.vlan ?? 'untagged';
    f.trace.emit({
      ...event(f),
      actor: `wire:${f.loc}-${to}`,
      lane: 'hardware',
      kind: 'transmit',
      cycles: COST.wire,
      detail: msg(`물리 트렁크, vlan ${vlan}`, `physical trunk, vlan ${vlan}`),
    });
    f.loc = to;
    return true;
  },
  vxlan: tunnel,
} satisfies Record<LinkKind, (f: Flight, to: string, hopName: string) => boolean>;

export const move = (f: Flight, to: string, hopName: string): boolean => LINKS[linkKind(f.loc, to)](f, to, hopName);

/** Between NFVI hosts: the VLAN's VXLAN segment, encapsulated by one VTEP and decapsulated by the other. */
function tunnel(f: Flight, to: string): boolean {
  const { config, trace, p, loc } = f;
  const vni = config.segments.find((s) => s.vlan === p.vlan)?.vni ?? p.vni;
  if (vni === undefined) {
    drop(
      f,
      'no-overlay',
      `vtep:${loc}`,
      msg(
        `${loc}에서 ${to}(으)로 가야 하는데 VLAN ${p.vlan ?? '-'}에 대응하는 VXLAN 세그먼트(VNI)가 없습니다.`,
        `It must go from ${loc} to ${to}, but VLAN ${p.vlan ?? '-'} has no VXLAN segment (VNI).`,
      ),
      msg('segments에 이 VLAN의 vni를 지정하세요.', 'Give this VLAN a vni in segments.'),
    );
    return false;
  }
  const enc = encapsulate(p.size, config.underlay.mtu, config.underlay.oversize);
  if (!enc.ok) {
    drop(
      f,
      'mtu-exceeded',
      `vtep:${loc}`,
      msg(
        `VXLAN 캡슐화로 ${p.size} + ${VXLAN.overhead} = ${enc.outer} 바이트가 되어 언더레이 MTU ${config.underlay.mtu}을(를) 넘습니다. VTEP은 조각내지 않고 버립니다.`,
        `VXLAN encapsulation makes ${p.size} + ${VXLAN.overhead} = ${enc.outer} bytes, over the underlay MTU ${config.underlay.mtu}. The VTEP drops it rather than fragment.`,
      ),
      msg(
        `언더레이 MTU를 ${enc.outer} 이상(보통 1600)으로 올리거나 게스트 MTU를 ${config.underlay.mtu - VXLAN.overhead}로 낮추세요.`,
        `Raise the underlay MTU to at least ${enc.outer} (1600 is common) or lower the guest MTU to ${config.underlay.mtu - VXLAN.overhead}.`,
      ),
    );
    return false;
  }
  trace.emit({
    ...event(f),
    actor: `vtep:${loc}`,
    lane: 'network',
    kind: 'encap',
    cycles: COST.vtep,
    detail: `VXLAN VNI ${vni}, UDP ${VXLAN.udpPort}, outer ${enc.outer} B${enc.fragments > 1 ? `, ${enc.fragments} fragments` : ''}`,
    note:
      enc.fragments > 1
        ? msg(
            `${enc.outer} 바이트가 MTU ${config.underlay.mtu}을(를) 넘어 언더레이가 ${enc.fragments}조각으로 나눠 보냅니다.`,
            `${enc.outer} bytes exceed MTU ${config.underlay.mtu}: the underlay sends ${enc.fragments} fragments.`,
          )
        : undefined,
  });
  trace.emit({
    ...event(f),
    actor: `vtep:${to}`,
    lane: 'network',
    kind: 'decap',
    cycles: COST.vtep,
    detail: `VNI ${vni} → vlan ${p.vlan ?? 'untagged'}`,
  });
  f.state.vxlan.push({ from: loc, to, vni, outer: enc.outer, fragments: enc.fragments });
  f.p = { ...p, vni };
  f.loc = to;
  return true;
}

/** The ingress vswitch picks the service path by the first classifier rule that matches; none matching drops it. */
export function classifyAt(f: Flight): NetworkConfig['paths'][number] | undefined {
  const { p, config } = f;
  f.trace.emit({
    ...event(f),
    actor: `vswitch:${f.loc}`,
    lane: 'network',
    kind: 'ingress',
    cycles: COST.vswitch,
    detail: `${p.proto} ${p.src}:${p.sport} → ${p.dst}:${p.dport}, ${p.size} B, ttl ${p.ttl}`,
  });
  const cls = classify(config.classifier.rules, p);
  if (!cls) {
    drop(
      f,
      'unclassified',
      'classifier',
      msg(
        '어떤 분류 규칙에도 맞지 않아 서비스 경로가 없습니다.',
        'No classifier rule matched, so the packet has no service path.',
      ),
      msg('마지막에 모든 패킷과 맞는 규칙(match: {})을 두세요.', 'End the rules with a catch-all (match: {}).'),
    );
    return undefined;
  }
  f.state.classifierRule = cls.rule;
  f.state.path = cls.path;
  const path = config.paths.find((x) => x.name === cls.path)!;
  f.trace.emit({
    ...event(f),
    actor: `vswitch:${f.loc}`,
    lane: 'network',
    kind: 'classify',
    detail: `rule ${cls.rule} → path ${cls.path}: ${path.hops.join(' → ')}`,
  });
  return path;
}

/** One service function of the path: an instance by flow hash, the way there, its port's VLAN, the function. */
export function visit(f: Flight, vnf: VnfRuntime): boolean {
  const hop = vnf.config.name;
  f.state.hops.push(hop);
  const inst = pickInstance(vnf, f.p);
  if (!inst) {
    drop(
      f,
      'vnf-down',
      hop,
      msg(`${hop}의 실행 중인 인스턴스가 없습니다.`, `${hop} has no running instance.`),
      vnf.kind === 'appliance'
        ? msg(
            '하드웨어 어플라이언스는 사람이 고쳐야 합니다. VNF로 바꾸면 VNFM이 치유합니다.',
            'A hardware appliance needs a person to repair it; as a VNF the VNFM would heal it.',
          )
        : msg(
            'VNFM에게 치유(heal)를 요청하거나 mano.autoHeal을 켜세요.',
            'Ask the VNFM to heal it, or turn on mano.autoHeal.',
          ),
    );
    return false;
  }
  vnf.flows.set(f.name, { packet: f.p, instance: inst.id });
  if (!move(f, inst.host ?? `appliance:${hop}`, hop)) return false;
  const port = vnf.config.port;
  if (!admits(port, f.p.vlan)) {
    vlanMismatch(f, hop, `${hop} (${describePort(port)})`);
    return false;
  }
  f.p = { ...f.p, vlan: tagOnIngress(port, f.p.vlan) };
  noteVlan(f);
  f.trace.spend(f.p.size >> 6);
  const d = applyFunction(vnf.config, f.p);
  f.state.steps.push({ vnf: hop, instance: inst.id, host: inst.host, action: d.action, rule: d.rule ?? null });
  f.trace.emit({
    ...event(f),
    actor: `vnf:${inst.id}`,
    lane: laneOf(vnf),
    kind: vnf.config.type,
    op: `vnf.${vnf.config.type}`,
    cycles: vnf.kind === 'appliance' ? COST.appliance : COST.vnf,
    detail: msg(
      `${d.action}${d.rule ? ` (${d.rule})` : ''}${inst.host ? `, 호스트 ${inst.host}` : ' (어플라이언스)'}`,
      `${d.action}${d.rule ? ` (${d.rule})` : ''}${inst.host ? ` on ${inst.host}` : ' (appliance)'}`,
    ),
    outcome: d.verdict === 'drop' ? 'dropped' : 'ok',
    note: d.note,
  });
  if (d.verdict === 'drop') {
    // The function itself dropped it and said why: no extra vswitch drop event.
    f.state.outcome = 'dropped';
    f.state.final = f.p;
    f.state.drop = { reason: d.reason, at: hop, rule: d.rule ?? null, message: d.note };
    return false;
  }
  f.p = d.packet;
  if (d.backend) f.state.backend = d.backend;
  if (d.tag) f.state.tags.push(d.tag);
  if (!admits(port, f.p.vlan)) {
    vlanMismatch(f, hop, `${hop} (${describePort(port)})`);
    return false;
  }
  noteVlan(f);
  return true;
}

/** After the last function: to the endpoint that owns the destination address, or out of the uplink. */
export function deliver(f: Flight): void {
  const endpoint = f.config.endpoints.find((e) => e.ip === f.p.dst);
  if (!move(f, endpoint?.host ?? UPLINK, endpoint?.name ?? 'external')) return;
  if (endpoint?.vlan !== undefined && f.p.vlan !== undefined && f.p.vlan !== endpoint.vlan) {
    vlanMismatch(f, endpoint.name, `${endpoint.name} (access vlan ${endpoint.vlan})`);
    return;
  }
  f.state.deliveredTo = endpoint?.name ?? 'external';
  f.state.final = f.p;
  f.trace.emit({
    ...event(f),
    actor: endpoint ? `endpoint:${endpoint.name}` : 'network:uplink',
    lane: endpoint ? 'guest' : 'network',
    kind: 'deliver',
    detail: `${f.p.dst}:${f.p.dport}`,
    outcome: 'ok',
  });
}

/**
 * The service function forwarder: classifies a packet at the ingress vswitch and steers it through the path's
 * functions, host to host (vswitch locally, VXLAN between NFVI hosts, a physical trunk to appliances and the uplink),
 * then delivers it. Never throws on a bad packet: every failure is a drop with a reason.
 */
export function forward(
  name: string,
  input: Packet,
  config: NetworkConfig,
  vnfs: Map<string, VnfRuntime>,
  trace: Trace,
): PacketState {
  const f = depart(name, input, config, trace);
  const path = classifyAt(f);
  if (path && path.hops.every((hop) => visit(f, vnfs.get(hop)!))) deliver(f);
  return f.state;
}
