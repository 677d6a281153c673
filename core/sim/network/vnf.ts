import * as z from 'zod';
import { msg, type Msg } from '../../i18n.ts';
import { Ipv4, matchSchema, Port, Prefix, VlanId, flowHash, inPrefix, matches, type Packet } from './packet.ts';

/**
 * The network functions a VNF (or a hardware appliance) can implement. Each is a pure function
 * `packet → packet | drop`: the chain walks them in order and records every decision.
 */
const FirewallRule = z.strictObject({
  name: z.string().min(1).max(40).optional(),
  action: z.enum(['allow', 'deny']),
  match: matchSchema.default({}),
});

export const FUNCTION_SCHEMAS = [
  z.strictObject({
    type: z.literal('firewall'),
    /** First matching rule wins; none matching → `default`. */
    rules: z.array(FirewallRule).max(64).default([]),
    default: z.enum(['allow', 'deny']).default('deny'),
  }),
  z.strictObject({
    type: z.literal('router'),
    /** Longest prefix wins; the route names the VLAN the packet leaves on. */
    routes: z
      .array(z.strictObject({ dst: Prefix, vlan: VlanId }))
      .min(1)
      .max(64),
  }),
  z.strictObject({ type: z.literal('switch') }),
  z.strictObject({
    type: z.literal('nat'),
    snat: Ipv4.optional(),
    dnat: z.strictObject({ ip: Ipv4, port: Port.optional() }).optional(),
  }),
  z.strictObject({
    type: z.literal('loadbalancer'),
    backends: z.array(Ipv4).min(1).max(32),
    /** Rewrite the destination port too (e.g. 80 → 8080 on the servers). */
    backendPort: Port.optional(),
  }),
  z.strictObject({
    type: z.literal('dpi'),
    signatures: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(40),
          contains: z.string().min(1).max(100),
          action: z.enum(['tag', 'drop']).default('tag'),
        }),
      )
      .max(32),
  }),
] as const;

export type VnfFunction = z.output<(typeof FUNCTION_SCHEMAS)[number]>;
export type VnfType = VnfFunction['type'];

export type DropReason =
  | 'firewall-deny'
  | 'dpi-block'
  | 'ttl-expired'
  | 'no-route'
  | 'vlan-mismatch'
  | 'mtu-exceeded'
  | 'no-overlay'
  | 'vnf-down'
  | 'unclassified';

export type Decision =
  | { verdict: 'forward'; packet: Packet; action: string; rule?: string; tag?: string; backend?: string; note: Msg }
  | { verdict: 'drop'; reason: DropReason; action: string; rule?: string; note: Msg };

/** Apply one network function to a packet. Pure: the input packet is never changed. */
export function applyFunction(fn: VnfFunction, packet: Packet): Decision {
  switch (fn.type) {
    case 'firewall': {
      const i = fn.rules.findIndex((r) => matches(packet, r.match));
      const rule = i < 0 ? 'default' : (fn.rules[i].name ?? `rules[${i}]`);
      const action = i < 0 ? fn.default : fn.rules[i].action;
      if (action === 'deny') {
        return {
          verdict: 'drop',
          reason: 'firewall-deny',
          action: 'deny',
          rule,
          note: msg(`방화벽 규칙 ${rule}이(가) 패킷을 거부했습니다.`, `Firewall rule ${rule} denied the packet.`),
        };
      }
      return {
        verdict: 'forward',
        packet,
        action: 'allow',
        rule,
        note: msg(`방화벽 규칙 ${rule}이(가) 패킷을 허용했습니다.`, `Firewall rule ${rule} allowed the packet.`),
      };
    }
    case 'router': {
      if (packet.ttl <= 1) {
        return {
          verdict: 'drop',
          reason: 'ttl-expired',
          action: 'drop',
          note: msg(
            'TTL이 0이 되어 라우터가 패킷을 버렸습니다.',
            'The TTL reached 0, so the router dropped the packet.',
          ),
        };
      }
      const route = fn.routes
        .filter((r) => inPrefix(packet.dst, r.dst))
        .sort((a, b) => prefixLength(b.dst) - prefixLength(a.dst))[0];
      if (!route) {
        return {
          verdict: 'drop',
          reason: 'no-route',
          action: 'drop',
          note: msg(`${packet.dst}로 가는 경로가 없습니다.`, `No route to ${packet.dst}.`),
        };
      }
      return {
        verdict: 'forward',
        packet: { ...packet, ttl: packet.ttl - 1, vlan: route.vlan },
        action: 'route',
        rule: route.dst,
        note: msg(
          `라우터가 ${route.dst} 경로로 VLAN ${packet.vlan ?? '-'}에서 VLAN ${route.vlan}(으)로 넘겼습니다 (TTL −1).`,
          `The router forwarded it by route ${route.dst} from VLAN ${packet.vlan ?? '-'} to VLAN ${route.vlan} (TTL −1).`,
        ),
      };
    }
    case 'switch':
      return {
        verdict: 'forward',
        packet,
        action: 'switch',
        note: msg('같은 VLAN 안에서 L2로 전달했습니다.', 'Switched at layer 2 within the same VLAN.'),
      };
    case 'nat': {
      const out = {
        ...packet,
        ...(fn.snat ? { src: fn.snat } : {}),
        ...(fn.dnat ? { dst: fn.dnat.ip, dport: fn.dnat.port ?? packet.dport } : {}),
      };
      return {
        verdict: 'forward',
        packet: out,
        action: 'nat',
        note: msg(
          `NAT: ${packet.src}:${packet.sport} → ${out.src}:${out.sport}, ${packet.dst}:${packet.dport} → ${out.dst}:${out.dport}`,
          `NAT: ${packet.src}:${packet.sport} → ${out.src}:${out.sport}, ${packet.dst}:${packet.dport} → ${out.dst}:${out.dport}`,
        ),
      };
    }
    case 'loadbalancer': {
      const k = fn.backends.length;
      const index = flowHash(packet) % k;
      const backend = fn.backends[index];
      return {
        verdict: 'forward',
        packet: { ...packet, dst: backend, dport: fn.backendPort ?? packet.dport },
        action: 'balance',
        backend,
        note: msg(
          `5-튜플 해시 mod ${k} = ${index} → 백엔드 ${backend}. 같은 흐름은 늘 같은 백엔드로 갑니다.`,
          `5-tuple hash mod ${k} = ${index} → backend ${backend}. The same flow always reaches the same backend.`,
        ),
      };
    }
    case 'dpi': {
      const sig = fn.signatures.find((s) => packet.payload?.includes(s.contains));
      if (sig?.action === 'drop') {
        return {
          verdict: 'drop',
          reason: 'dpi-block',
          action: 'drop',
          rule: sig.name,
          note: msg(
            `DPI가 페이로드에서 시그니처 ${sig.name}을(를) 찾아 차단했습니다.`,
            `DPI found signature ${sig.name} in the payload and blocked it.`,
          ),
        };
      }
      return {
        verdict: 'forward',
        packet,
        action: sig ? 'tag' : 'inspect',
        ...(sig ? { rule: sig.name, tag: sig.name } : {}),
        note: sig
          ? msg(`DPI가 시그니처 ${sig.name}(으)로 표시했습니다.`, `DPI tagged it with signature ${sig.name}.`)
          : msg('DPI: 일치하는 시그니처가 없습니다.', 'DPI: no signature matched.'),
      };
    }
  }
}

const prefixLength = (prefix: string) => Number(prefix.split('/')[1] ?? 32);
