import * as z from 'zod';
import { hashSeed } from '../../random.ts';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';

/** Dotted-quad IPv4 address, e.g. `10.0.1.20`. */
export const Ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, {
  error: bilingual(msg('IPv4 주소를 쓰세요 (예: 10.0.1.20).', 'Write an IPv4 address (e.g. 10.0.1.20).')),
});
/** An address or a prefix (`10.0.0.0/8`); a bare address is a /32. */
export const Prefix = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/, {
    error: bilingual(
      msg('IPv4 주소나 프리픽스를 쓰세요 (예: 10.0.0.0/8).', 'Write an IPv4 address or prefix (e.g. 10.0.0.0/8).'),
    ),
  });
export const Port = z.number().int().min(0).max(65535);
/** 802.1Q VLAN ID: 12 bits, 0 and 4095 reserved. */
export const VlanId = z.number().int().min(1).max(4094);
/** VXLAN network identifier: 24 bits. */
export const Vni = z.number().int().min(1).max(16_777_215);
export const Proto = z.enum(['tcp', 'udp', 'icmp']);

/** The packet a learner sends into the network service. `payload` is what DPI looks into. */
export const packetSchema = z.strictObject({
  src: Ipv4,
  dst: Ipv4,
  proto: Proto.default('tcp'),
  sport: Port.default(0),
  dport: Port.default(0),
  vlan: VlanId.optional(),
  vni: Vni.optional(),
  /** Bytes of the inner IP packet. */
  size: z.number().int().min(20).max(9000).default(1000),
  ttl: z.number().int().min(1).max(255).default(64),
  payload: z.string().max(200).optional(),
});
export type Packet = z.output<typeof packetSchema>;

/** A port or an inclusive range `[from, to]`. */
const PortMatch = z.union([Port, z.tuple([Port, Port])]);

/** Fields a rule can match on; every field given must match, an empty match matches everything. */
export const matchSchema = z.strictObject({
  proto: Proto.optional(),
  src: Prefix.optional(),
  dst: Prefix.optional(),
  sport: PortMatch.optional(),
  dport: PortMatch.optional(),
  vlan: VlanId.optional(),
});
export type Match = z.output<typeof matchSchema>;

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

export function inPrefix(ip: string, prefix: string): boolean {
  const [base, bits = '32'] = prefix.split('/');
  const n = Number(bits);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return (ipToInt(ip) & mask) >>> 0 === (ipToInt(base) & mask) >>> 0;
}

const portMatches = (port: number, m: number | [number, number]) =>
  typeof m === 'number' ? port === m : port >= m[0] && port <= m[1];

export function matches(p: Packet, m: Match): boolean {
  return (
    (m.proto === undefined || p.proto === m.proto) &&
    (m.src === undefined || inPrefix(p.src, m.src)) &&
    (m.dst === undefined || inPrefix(p.dst, m.dst)) &&
    (m.sport === undefined || portMatches(p.sport, m.sport)) &&
    (m.dport === undefined || portMatches(p.dport, m.dport)) &&
    (m.vlan === undefined || p.vlan === m.vlan)
  );
}

/** The 5-tuple that identifies a flow: every packet of a flow hashes the same way. */
export const fiveTuple = (p: Packet): string => `${p.proto} ${p.src}:${p.sport} > ${p.dst}:${p.dport}`;

/**
 * Deterministic 32-bit hash of a flow, optionally salted (e.g. with an instance id): FNV-1a of the 5-tuple, then the
 * murmur3 finalizer, because FNV alone keeps salts that differ in one character too close to rank instances fairly.
 */
export function flowHash(p: Packet, salt = ''): number {
  let h = hashSeed(salt ? `${fiveTuple(p)}|${salt}` : fiveTuple(p));
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
