import * as z from 'zod';
import { VlanId } from './packet.ts';

/**
 * A port on the Open vSwitch-style bridge of an NFVI host. `{ vlan: 100 }` is an access port (the VM sends untagged
 * frames, the switch treats them as VLAN 100); `{ trunk: [100, 200] }` carries the listed VLANs tagged and
 * `{ trunk: all }` every VLAN — OVS's default for a port with no tag.
 */
export const portSchema = z.union([
  z.strictObject({ vlan: VlanId }),
  z.strictObject({ trunk: z.union([z.literal('all'), z.array(VlanId).min(1).max(64)]) }),
]);
export type PortSpec = z.output<typeof portSchema>;

/** Whether a frame of `vlan` may pass this port. An untagged frame passes only an access port (which then tags it). */
export function admits(port: PortSpec, vlan: number | undefined): boolean {
  if ('vlan' in port) return vlan === undefined || vlan === port.vlan;
  if (vlan === undefined) return false;
  return port.trunk === 'all' || port.trunk.includes(vlan);
}

/** The VLAN a frame carries after entering through `port`: an access port tags untagged frames. */
export const tagOnIngress = (port: PortSpec, vlan: number | undefined): number | undefined =>
  'vlan' in port ? port.vlan : vlan;

export const describePort = (port: PortSpec): string =>
  'vlan' in port ? `access vlan ${port.vlan}` : `trunk ${port.trunk === 'all' ? 'all' : port.trunk.join(',')}`;
