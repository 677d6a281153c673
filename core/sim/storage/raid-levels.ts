import { msg, type Msg } from '../../i18n.ts';

/** The RAID levels the simulator builds. 10 is RAID 1+0: a stripe over mirrored pairs. */
export const RAID_LEVELS = [0, 1, 2, 3, 4, 5, 6, 10] as const;
export type RaidLevel = (typeof RAID_LEVELS)[number];

/**
 * What one stripe unit is. Block levels stripe chunks of `blockSize` bytes; RAID-3 stripes single bytes and RAID-2
 * single bits over spindle-synchronized disks, so every request on those two moves every disk.
 */
export type StripeUnit = 'block' | 'byte' | 'bit';

export interface IoCost {
  reads: number;
  writes: number;
}

export interface RaidLevelInfo {
  minDisks: number;
  unit: StripeUnit;
  /** RAID-10 pairs its disks, so it needs an even count. */
  evenDisks: boolean;
  /** Units of data in one stripe row of n disks (the rest of the row is redundancy). */
  dataPerRow(n: number): number;
  /** Failures survived whichever disks fail. */
  tolerance(n: number): number;
  /** Failures survived when they fall on the luckiest disks (RAID-10: one per pair). */
  bestCase(n: number): number;
  /** Disk I/Os for rewriting one unit of a healthy array (read-modify-write); none for synchronized levels. */
  smallWrite(n: number): IoCost | null;
  scheme: Msg;
}

/** RAID-2 check disks: the fewest p with 2^p ≥ n + 1, so that d = n − p data disks satisfy 2^p ≥ d + p + 1. */
export function hammingCheckDisks(n: number): number {
  let p = 1;
  while (2 ** p < n + 1) p++;
  return p;
}

export const LEVEL_INFO: Record<RaidLevel, RaidLevelInfo> = {
  0: {
    minDisks: 2,
    unit: 'block',
    evenDisks: false,
    dataPerRow: (n) => n,
    tolerance: () => 0,
    bestCase: () => 0,
    smallWrite: () => ({ reads: 0, writes: 1 }),
    scheme: msg('블록 스트라이핑, 중복 없음', 'block striping, no redundancy'),
  },
  1: {
    minDisks: 2,
    unit: 'block',
    evenDisks: false,
    dataPerRow: () => 1,
    tolerance: (n) => n - 1,
    bestCase: (n) => n - 1,
    smallWrite: (n) => ({ reads: 0, writes: n }),
    scheme: msg('미러링: 모든 디스크가 같은 데이터를 가짐', 'mirroring: every disk holds the same data'),
  },
  2: {
    minDisks: 3,
    unit: 'bit',
    evenDisks: false,
    dataPerRow: (n) => n - hammingCheckDisks(n),
    tolerance: () => 1,
    bestCase: () => 1,
    smallWrite: () => null,
    scheme: msg(
      '비트 단위 스트라이핑 + 해밍 코드 전용 검사 디스크 (스핀들 동기화)',
      'bit-level striping with dedicated Hamming-code check disks (spindle-synchronized)',
    ),
  },
  3: {
    minDisks: 3,
    unit: 'byte',
    evenDisks: false,
    dataPerRow: (n) => n - 1,
    tolerance: () => 1,
    bestCase: () => 1,
    smallWrite: () => null,
    scheme: msg(
      '바이트 단위 스트라이핑 + 전용 XOR 패리티 디스크 (스핀들 동기화)',
      'byte-level striping with a dedicated XOR parity disk (spindle-synchronized)',
    ),
  },
  4: {
    minDisks: 3,
    unit: 'block',
    evenDisks: false,
    dataPerRow: (n) => n - 1,
    tolerance: () => 1,
    bestCase: () => 1,
    smallWrite: () => ({ reads: 2, writes: 2 }),
    scheme: msg(
      '블록 스트라이핑 + 전용 XOR 패리티 디스크 (모든 쓰기가 패리티 디스크를 거침)',
      'block striping with a dedicated XOR parity disk (every write hits the parity disk)',
    ),
  },
  5: {
    minDisks: 3,
    unit: 'block',
    evenDisks: false,
    dataPerRow: (n) => n - 1,
    tolerance: () => 1,
    bestCase: () => 1,
    smallWrite: () => ({ reads: 2, writes: 2 }),
    scheme: msg(
      '블록 스트라이핑 + 분산(회전) XOR 패리티, left-symmetric',
      'block striping with distributed (rotating) XOR parity, left-symmetric',
    ),
  },
  6: {
    minDisks: 4,
    unit: 'block',
    evenDisks: false,
    dataPerRow: (n) => n - 2,
    tolerance: () => 2,
    bestCase: () => 2,
    smallWrite: () => ({ reads: 3, writes: 3 }),
    scheme: msg(
      '블록 스트라이핑 + 이중 분산 패리티: P(XOR)와 Q(GF(2^8) 리드-솔로몬)',
      'block striping with double distributed parity: P (XOR) and Q (Reed–Solomon over GF(2^8))',
    ),
  },
  10: {
    minDisks: 4,
    unit: 'block',
    evenDisks: true,
    dataPerRow: (n) => n / 2,
    tolerance: () => 1,
    bestCase: (n) => n / 2,
    smallWrite: () => ({ reads: 0, writes: 2 }),
    scheme: msg('미러 쌍들에 걸친 스트라이핑 (RAID 1+0)', 'striping over mirrored pairs (RAID 1+0)'),
  },
};

/**
 * Usable bytes of an array: the smallest disk's bytes times the data units per row. This holds for bit, byte and
 * block striping alike, because every disk holds a whole number of blocks.
 */
export function usableBytes(level: RaidLevel, n: number, smallestDiskBytes: number): number {
  return smallestDiskBytes * LEVEL_INFO[level].dataPerRow(n);
}
