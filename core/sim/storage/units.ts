import type { StripeUnit } from './raid-levels.ts';

/**
 * A stripe unit as bytes in a buffer: `len` bytes at index k·len, or (RAID-2) the single bit k, most significant
 * bit first, carried as a 1-byte array holding 0 or 1. The array's logical byte stream and every disk are both
 * read and written through these, so bit- and byte-level striping share the block code.
 */
export interface UnitShape {
  bit: boolean;
  /** Bytes per unit (1 for a bit unit, whose value is one byte 0/1). */
  len: number;
}

export function unitShape(unit: StripeUnit, blockSize: number): UnitShape {
  if (unit === 'bit') return { bit: true, len: 1 };
  return { bit: false, len: unit === 'byte' ? 1 : blockSize };
}

/** Unit k of `buf`. A byte unit is a view into `buf` (no copy): callers copy before they change it. */
export function getUnit(buf: Uint8Array, k: number, s: UnitShape): Uint8Array {
  if (s.bit) return Uint8Array.of((buf[k >> 3] >> (7 - (k & 7))) & 1);
  return buf.subarray(k * s.len, (k + 1) * s.len);
}

export function putUnit(buf: Uint8Array, k: number, s: UnitShape, value: Uint8Array): void {
  if (!s.bit) {
    buf.set(value, k * s.len);
    return;
  }
  const mask = 1 << (7 - (k & 7));
  buf[k >> 3] = value[0] ? buf[k >> 3] | mask : buf[k >> 3] & ~mask;
}

/** Units held by `bytes` bytes. */
export function unitsIn(bytes: number, s: UnitShape): number {
  return s.bit ? bytes * 8 : Math.floor(bytes / s.len);
}

/** The byte range [from, to) of unit k in the logical stream. */
export function unitBytes(k: number, s: UnitShape): [number, number] {
  return s.bit ? [k >> 3, (k >> 3) + 1] : [k * s.len, (k + 1) * s.len];
}
