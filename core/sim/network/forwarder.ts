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
  let p: Packet = { ...input };
  const ingressVlan = p.vlan ?? config.segments.find((s) => s.vni !== undefined && s.vni === p.vni)?.vlan;
  if (ingressVlan !== undefined) p.vlan = ingressVlan;
  let loc = config.classifier.host ?? config.hosts[0].name;
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
  const base = { subject: name, op: 'packet' };

  const drop = (reason: DropReason, at: string, note: Msg, fix?: Msg, rule?: string): PacketState => {
    state.outcome = 'dropped';
    state.final = p;
    state.drop = { reason, at, rule: rule ?? null, message: note };
    trace.emit({ ...base, actor: `vswitch:${loc}`, lane: 'network', kind: 'drop', outcome: 'dropped', detail: reason, note, fix });
    return state;
  };
  const noteVlan = (v: number | undefined) => {
    if (v !== undefined && state.vlans[state.vlans.length - 1] !== v) state.vlans.push(v);
  };

  /** Carry the packet from `loc` to `to`. False when it was dropped on the way. */
  const move = (to: string, hopName: string): boolean => {
    if (to === loc) {
      trace.emit({ ...base, actor: `vswitch:${loc}`, lane: 'network', kind: 'forward', cycles: COST.vswitch, detail: `vlan ${p.vlan ?? 'untagged'} → ${hopName}` });
      return true;
    }
    if (!isHost(loc) || !isHost(to)) {
      const vlan = p.vlan ?? 'untagged';
      trace.emit({ ...base, actor: `wire:${loc}-${to}`, lane: 'hardware', kind: 'transmit', cycles: COST.wire, detail: msg(`물리 트렁크, vlan ${vlan}`, `physical trunk, vlan ${vlan}`) });
      loc = to;
      return true;
    }
    const vni = config.segments.find((s) => s.vlan === p.vlan)?.vni ?? p.vni;
    if (vni === undefined) {
      drop(
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
      ...base,
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
    trace.emit({ ...base, actor: `vtep:${to}`, lane: 'network', kind: 'decap', cycles: COST.vtep, detail: `VNI ${vni} → vlan ${p.vlan ?? 'untagged'}` });
    state.vxlan.push({ from: loc, to, vni, outer: enc.outer, fragments: enc.fragments });
    p = { ...p, vni };
    loc = to;
    return true;
  };

  const vlanMismatch = (at: string, where: string): PacketState =>
    drop(
      'vlan-mismatch',
      at,
      msg(
        `VLAN ${p.vlan ?? '없음'} 패킷은 ${where}에 들어갈 수 없습니다. 라우터 없이 VLAN을 건너는 패킷은 없습니다.`,
        `A VLAN ${p.vlan ?? 'untagged'} packet cannot pass ${where}. No packet crosses VLANs without a router.`,
      ),
      msg('경로에 router VNF를 넣거나 포트의 VLAN을 맞추세요.', 'Put a router VNF in the path or align the port VLANs.'),
    );

  trace.emit({ ...base, actor: `vswitch:${loc}`, lane: 'network', kind: 'ingress', cycles: COST.vswitch, detail: `${p.proto} ${p.src}:${p.sport} → ${p.dst}:${p.dport}, ${p.size} B, ttl ${p.ttl}` });
  const cls = classify(config.classifier.rules, p);
  if (!cls) {
    return drop(
      'unclassified',
      'classifier',
      msg('어떤 분류 규칙에도 맞지 않아 서비스 경로가 없습니다.', 'No classifier rule matched, so the packet has no service path.'),
      msg('마지막에 모든 패킷과 맞는 규칙(match: {})을 두세요.', 'End the rules with a catch-all (match: {}).'),
    );
  }
  state.classifierRule = cls.rule;
  state.path = cls.path;
  const path = config.paths.find((x) => x.name === cls.path)!;
  trace.emit({ ...base, actor: `vswitch:${loc}`, lane: 'network', kind: 'classify', detail: `rule ${cls.rule} → path ${cls.path}: ${path.hops.join(' → ')}` });

  for (const hop of path.hops) {
    const vnf = vnfs.get(hop)!;
    state.hops.push(hop);
    const inst = pickInstance(vnf, p);
    if (!inst) {
      return drop(
        'vnf-down',
        hop,
        msg(`${hop}의 실행 중인 인스턴스가 없습니다.`, `${hop} has no running instance.`),
        vnf.kind === 'appliance'
          ? msg('하드웨어 어플라이언스는 사람이 고쳐야 합니다. VNF로 바꾸면 VNFM이 치유합니다.', 'A hardware appliance needs a person to repair it; as a VNF the VNFM would heal it.')
          : msg('VNFM에게 치유(heal)를 요청하거나 mano.autoHeal을 켜세요.', 'Ask the VNFM to heal it, or turn on mano.autoHeal.'),
      );
    }
    vnf.flows.set(name, { packet: p, instance: inst.id });
    if (!move(inst.host ?? `appliance:${hop}`, hop)) return state;
    const port = vnf.config.port;
    if (!admits(port, p.vlan)) return vlanMismatch(hop, `${hop} (${describePort(port)})`);
    p = { ...p, vlan: tagOnIngress(port, p.vlan) };
    noteVlan(p.vlan);
    trace.spend(p.size >> 6);
    const d = applyFunction(vnf.config, p);
    state.steps.push({ vnf: hop, instance: inst.id, host: inst.host, action: d.action, rule: d.rule ?? null });
    trace.emit({
      ...base,
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
      state.outcome = 'dropped';
      state.final = p;
      state.drop = { reason: d.reason, at: hop, rule: d.rule ?? null, message: d.note };
      return state;
    }
    p = d.packet;
    if (d.backend) state.backend = d.backend;
    if (d.tag) state.tags.push(d.tag);
    if (!admits(port, p.vlan)) return vlanMismatch(hop, `${hop} (${describePort(port)})`);
    noteVlan(p.vlan);
  }

  const endpoint = config.endpoints.find((e) => e.ip === p.dst);
  if (!move(endpoint?.host ?? UPLINK, endpoint?.name ?? 'external')) return state;
  if (endpoint?.vlan !== undefined && p.vlan !== undefined && p.vlan !== endpoint.vlan) {
    return vlanMismatch(endpoint.name, `${endpoint.name} (access vlan ${endpoint.vlan})`);
  }
  state.deliveredTo = endpoint?.name ?? 'external';
  state.final = p;
  trace.emit({
    ...base,
    actor: endpoint ? `endpoint:${endpoint.name}` : 'network:uplink',
    lane: endpoint ? 'guest' : 'network',
    kind: 'deliver',
    detail: `${p.dst}:${p.dport}`,
    outcome: 'ok',
  });
  return state;
}
