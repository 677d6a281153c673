/**
 * Display protocols carry screen updates to the client and input back; processing and storage stay in the data
 * center. Default ports: RDP 3389, PCoIP 4172 and Blast Extreme 8443 (the gateway ports of a Horizon deployment).
 */
export const PROTOCOLS = { rdp: 3389, pcoip: 4172, blast: 8443 } as const;
export type Protocol = keyof typeof PROTOCOLS;

export const DEVICES = ['thin-client', 'zero-client', 'laptop', 'desktop-pc', 'tablet', 'phone', 'browser'] as const;
export type Device = (typeof DEVICES)[number];

/** A web browser has no client installed: it reaches the desktop through HTML Access, which Blast powers. */
export const supports = (device: Device, protocol: Protocol): boolean => device !== 'browser' || protocol === 'blast';
