/**
 * VXLAN (RFC 7348): MAC-in-UDP with a 24-bit VNI. Encapsulation adds 50 bytes (outer Ethernet 14 + IP 20 + UDP 8 +
 * VXLAN 8), so a 1500-byte inner packet needs an underlay MTU of at least 1550.
 */
export const VXLAN = { overhead: 50, udpPort: 4789, ipHeader: 20 } as const;

/**
 * What to do with an encapsulated packet larger than the underlay MTU. RFC 7348 says VTEPs must not fragment, so
 * `drop` is the default; `fragment` models an underlay that fragments the outer IP packet (DF clear) and a remote
 * VTEP that reassembles it.
 */
export type MtuPolicy = 'drop' | 'fragment';

export type Encapsulation = { ok: true; outer: number; fragments: number } | { ok: false; outer: number };

export function encapsulate(innerSize: number, mtu: number, policy: MtuPolicy): Encapsulation {
  const outer = innerSize + VXLAN.overhead;
  if (outer <= mtu) return { ok: true, outer, fragments: 1 };
  if (policy === 'drop') return { ok: false, outer };
  // Every fragment repeats the IP header; fragment data is a multiple of 8 bytes.
  const perFragment = Math.floor((mtu - VXLAN.ipHeader) / 8) * 8;
  return { ok: true, outer, fragments: Math.ceil((outer - VXLAN.ipHeader) / perFragment) };
}
