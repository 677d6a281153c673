import type { Msg } from '../../i18n.ts';
import type { ArrayStatus, DiskStatus, RaidArray, ReadResult } from './array.ts';
import { layoutTable } from './layout.ts';
import type { Lun, Provisioning } from './lun.ts';
import type { Pool } from './pool.ts';
import { LEVEL_INFO, type IoCost, type RaidLevel, type StripeUnit } from './raid-levels.ts';

/**
 * The final state of a storage run, plain JSON with records keyed by name so a lab can check
 * `arrays.a1.dataIntact`, `pool.freeBlocks`, `luns.lun0.allocatedBlocks` or `reads.r1.text`.
 */
export interface StorageState {
  blockSize: number;
  arrays: Record<string, ArrayState>;
  pool: PoolState | null;
  luns: Record<string, LunState>;
  /** Every read, keyed by its `name` or else `step<index>`. */
  reads: Record<string, ReadState>;
  /** What became of each workload operation, in order. */
  ops: OpState[];
  /** Disks defined but in no array. */
  unusedDisks: string[];
}

export interface DiskState {
  status: DiskStatus;
  sizeBytes: number;
  /** The disk's bytes in hex (first DISK_HEX_BYTES only); null while failed, since nothing can be read. */
  hex: string | null;
}

export interface ArrayState {
  level: RaidLevel;
  scheme: Msg;
  /** The striping unit: block (blockSize bytes), byte (RAID-3) or bit (RAID-2). */
  unit: StripeUnit;
  diskOrder: string[];
  disks: Record<string, DiskState>;
  /** What each disk holds per stripe row (first LAYOUT_ROWS rows): `["D0","D1","D2","P"]`. */
  layout: string[][];
  stripeRows: number;
  dataUnitsPerRow: number;
  usableBlocks: number;
  usableBytes: number;
  /** Failures survived whichever disks fail. */
  faultTolerance: number;
  /** Failures survived when they fall on the right disks (RAID-10: one per mirror pair). */
  bestCaseTolerance: number;
  /** Disks the array cannot read: failed, or replaced but left blank because the data was already lost. */
  failedCount: number;
  failedDisks: string[];
  status: ArrayStatus;
  /** True when every byte of the array reads back exactly as last written (unwritten bytes as zeros). */
  dataIntact: boolean;
  /** Blocks holding at least one byte that can no longer be read or reconstructed. */
  lostBlocks: number;
  /** Disk I/Os to rewrite one unit of a healthy array; null for the spindle-synchronized RAID-2 and 3. */
  smallWrite: IoCost | null;
  /** Disk commands issued (a run of consecutive units on one disk is one command). */
  io: { reads: number; writes: number };
}

export interface PoolState {
  name: string;
  arrays: string[];
  capacityBlocks: number;
  allocatedBlocks: number;
  freeBlocks: number;
  /** Σ LUN sizes ÷ capacity; above 1 the thin LUNs promise more than the pool holds. */
  subscription: number;
}

export interface LunState {
  number: number;
  sizeBlocks: number;
  provisioning: Provisioning;
  allocatedBlocks: number;
  hosts: string[];
}

export interface ReadState {
  step: number;
  array?: string;
  lun?: string;
  host?: string;
  lba: number;
  length: number;
  /** True when every requested byte came back. */
  ok: boolean;
  /** The host was masked out and saw nothing. */
  denied: boolean;
  /** UTF-8 text of the bytes; control characters as `.`, lost bytes as `?`. */
  text: string;
  /** Lowercase hex, two digits a byte, `??` for a lost byte. */
  hex: string;
  lostBytes: number;
}

export interface OpState {
  step: number;
  op: string;
  outcome: 'ok' | 'denied' | 'failed' | 'lost';
}

export const DISK_HEX_BYTES = 512;
export const LAYOUT_ROWS = 64;

export function hexOf(bytes: Uint8Array, lost?: Uint8Array): string {
  let out = '';
  bytes.forEach((b, i) => (out += lost?.[i] ? '??' : b.toString(16).padStart(2, '0')));
  return out;
}

export function textOf(bytes: Uint8Array, lost?: Uint8Array): string {
  const shown = bytes.map((b, i) => (lost?.[i] ? 0x3f : b));
  return new TextDecoder().decode(shown).replace(/[\u0000-\u001f\u007f]/g, '.');
}

export function readState(
  base: Omit<ReadState, 'ok' | 'denied' | 'text' | 'hex' | 'lostBytes'>,
  result: ReadResult | undefined,
): ReadState {
  if (!result) return { ...base, ok: false, denied: true, text: '', hex: '', lostBytes: 0 };
  return {
    ...base,
    ok: result.lostBytes === 0,
    denied: false,
    text: textOf(result.bytes, result.lost),
    hex: hexOf(result.bytes, result.lost),
    lostBytes: result.lostBytes,
  };
}

export function arrayState(a: RaidArray): ArrayState {
  const info = LEVEL_INFO[a.level];
  const snap = a.snapshot();
  // Plain loops: these run over every byte of the array, so no per-byte closure or per-block view.
  let lostBlocks = 0;
  for (let b = 0; b < a.usableBlocks; b++) {
    const end = (b + 1) * a.blockSize;
    for (let i = b * a.blockSize; i < end; i++) {
      if (snap.lost[i]) {
        lostBlocks++;
        break;
      }
    }
  }
  let intact = snap.lostBytes === 0;
  for (let i = 0; intact && i < snap.bytes.length; i++) intact = snap.bytes[i] === a.shadow[i];
  const failed = a.disks.filter((d) => d.status === 'failed' || d.status === 'blank').map((d) => d.id);
  return {
    level: a.level,
    scheme: info.scheme,
    unit: info.unit,
    diskOrder: a.disks.map((d) => d.id),
    disks: Object.fromEntries(
      a.disks.map((d) => [
        d.id,
        {
          status: d.status,
          sizeBytes: d.bytes.length,
          hex: d.status === 'failed' ? null : hexOf(d.bytes.subarray(0, DISK_HEX_BYTES)),
        },
      ]),
    ),
    layout: layoutTable(a.level, a.n, Math.min(a.rows, LAYOUT_ROWS)),
    stripeRows: a.rows,
    dataUnitsPerRow: a.perRow,
    usableBlocks: a.usableBlocks,
    usableBytes: a.usableBytes,
    faultTolerance: info.tolerance(a.n),
    bestCaseTolerance: info.bestCase(a.n),
    failedCount: failed.length,
    failedDisks: failed,
    status: a.status,
    dataIntact: intact,
    lostBlocks,
    smallWrite: info.smallWrite(a.n),
    io: { ...a.io },
  };
}

export function poolState(pool: Pool, luns: readonly Lun[]): PoolState {
  const promised = luns.reduce((sum, l) => sum + l.sizeBlocks, 0);
  return {
    name: pool.name,
    arrays: pool.arrays.map((a) => a.name),
    capacityBlocks: pool.capacityBlocks,
    allocatedBlocks: pool.allocatedBlocks,
    freeBlocks: pool.freeBlocks,
    subscription: pool.capacityBlocks ? Math.round((promised / pool.capacityBlocks) * 100) / 100 : 0,
  };
}

export function lunState(l: Lun): LunState {
  return {
    number: l.number,
    sizeBlocks: l.sizeBlocks,
    provisioning: l.provisioning,
    allocatedBlocks: l.allocatedBlocks,
    hosts: [...l.hosts],
  };
}
