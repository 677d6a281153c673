import { msg, type Msg } from '../../i18n.ts';
import type { Lane } from '../trace.ts';
import { CYCLES } from '../cost.ts';
import type { Subject, World } from './world.ts';

/** The two kinds of device a workload reaches: `disk.*` operations go to a disk, `net.*` to a NIC. */
export type DeviceKind = 'disk' | 'net';

export const deviceKindOf = (op: string): DeviceKind => (op.startsWith('disk') ? 'disk' : 'net');

const PHYSICAL = {
  disk: { actor: 'hardware:disk', cycles: CYCLES.disk },
  net: { actor: 'hardware:nic', cycles: CYCLES.nic },
} as const;

const DEVICE_DOES_IO = msg('물리 장치가 I/O를 수행함', 'the physical device does the I/O');

/**
 * The last hop of every I/O path, whatever carried it there (a container's host kernel, a device model, a backend,
 * vhost, a VSP): the physical disk or NIC does the work. `by` names the driver that issued it, where that is the point.
 */
export function physicalIo(world: World, subject: Subject, op: string, by: Msg = DEVICE_DOES_IO): void {
  const dev = PHYSICAL[deviceKindOf(op)];
  world.emit(subject, op, { lane: 'hardware', actor: dev.actor, kind: 'io', detail: by, cycles: dev.cycles });
}

/**
 * The first hop back up, and the last of every guest I/O path: the driver that issued the request (an emulated
 * device's driver, a PV frontend, a virtio driver, a VSC) sees it done. Its cost was counted on the way.
 */
export function driverSeesCompletion(
  world: World,
  subject: Subject,
  op: string,
  driver: { lane: Lane; actor: string },
  detail: Msg,
): void {
  world.emit(subject, op, { ...driver, kind: 'complete', detail, cycles: 0 });
}
