import type { VirtqueueState } from '../server/state.ts';

/**
 * Split virtqueues as the virtio 1.2 specification (OASIS, §2.7) lays them out, and the device-specific names the
 * trace uses (§5.1 network device, §5.2 block device). The driver (guest) writes descriptors and the available ring;
 * the device (QEMU or vhost) writes the used ring. `idx` fields run freely and wrap at 2^16.
 */

/** Descriptor flags (§2.7.5). */
export const VIRTQ_DESC_F = { NEXT: 1, WRITE: 2, INDIRECT: 4 } as const;

/** Device IDs (§5): the PCI device ID of a modern device is 0x1040 + ID (§4.1.2). */
export const VIRTIO_ID = { net: 1, block: 2 } as const;
export const VIRTIO_PCI_VENDOR = 0x1af4;

/** virtio-blk request types and status (§5.2.6). */
export const VIRTIO_BLK_T = { IN: 0, OUT: 1, FLUSH: 4 } as const;
export const VIRTIO_BLK_S_OK = 0;

/** The queues the trace names: virtio-blk's request queue, virtio-net's first receive and transmit queues. */
export const QUEUE = {
  blk: { name: 'requestq1', index: 0 },
  rx: { name: 'receiveq1', index: 0 },
  tx: { name: 'transmitq1', index: 1 },
} as const;

/** Bytes of each part of a split virtqueue of `q` entries (§2.7): 16·Q, 6 + 2·Q and 6 + 8·Q. */
export function ringBytes(q: number): { descriptors: number; available: number; used: number } {
  return { descriptors: 16 * q, available: 6 + 2 * q, used: 6 + 8 * q };
}

export function newVirtqueue(
  device: VirtqueueState['device'],
  backend: VirtqueueState['backend'],
  size: number,
): VirtqueueState {
  return { device, backend, size, availIdx: 0, usedIdx: 0, notifications: 0, userspaceExits: 0, interrupts: 0 };
}

const wrap = (n: number) => (n + 1) & 0xffff;

/** The driver makes a chain available: its head goes in ring[avail.idx mod Q], then avail.idx advances. Returns the slot. */
export function makeAvailable(q: VirtqueueState): number {
  const slot = q.availIdx % q.size;
  q.availIdx = wrap(q.availIdx);
  return slot;
}

/** The device returns a chain: {id, len} goes in used ring[used.idx mod Q], then used.idx advances. Returns the slot. */
export function markUsed(q: VirtqueueState): number {
  const slot = q.usedIdx % q.size;
  q.usedIdx = wrap(q.usedIdx);
  return slot;
}

/** Chains the device has not returned yet; never more than the queue holds. */
export const inFlight = (q: VirtqueueState): number => (q.availIdx - q.usedIdx) & 0xffff;
