import { msg, type Msg } from '../../i18n.ts';
import { diskPosition, hammingCheckBits, hammingCode, hammingSyndrome } from './hamming.ts';
import { roleLabel, rowRoles } from './layout.ts';
import { xorUnits } from './parity.ts';
import { LEVEL_INFO, hammingCheckDisks, type RaidLevel } from './raid-levels.ts';
import { recoverFromP, recoverFromQ, recoverTwoData, syndromes } from './raid6.ts';

/**
 * The redundancy code of one stripe row, for every level: encode the row's data units into what each disk holds,
 * and decode a row some disks are missing from. A unit is `len` bytes (one block, or one byte for RAID-3); for
 * RAID-2 it is one bit, kept as a 1-byte array holding 0 or 1, so XOR works the same on both.
 */
export type RowUnits = readonly (Uint8Array | undefined)[];

/** What every disk of row `row` holds, given the row's data units in slot order. */
export function encodeRow(
  level: RaidLevel,
  n: number,
  row: number,
  data: readonly Uint8Array[],
  len: number,
): Uint8Array[] {
  const roles = rowRoles(level, n, row);
  let p: Uint8Array | undefined;
  let q: Uint8Array | undefined;
  let h: number[] = [];
  if (level === 6) ({ p, q } = syndromes(data, len));
  else if (level === 3 || level === 4 || level === 5) p = xorUnits(data, len);
  else if (level === 2)
    h = hammingCheckBits(
      hammingCode(data.length, hammingCheckDisks(n)),
      data.map((u) => u[0]),
    );
  return roles.map((r) => {
    if (r.kind === 'data') return data[r.slot];
    if (r.kind === 'P') return p!;
    if (r.kind === 'Q') return q!;
    return Uint8Array.of(h[r.index]);
  });
}

/**
 * Whether an array still holds all its data with these disks failed (true = failed). Mirrors and RAID-0 need a
 * live copy of every data slot; parity levels survive up to their tolerance. The answer is the same for every row.
 */
export function survives(level: RaidLevel, n: number, failed: readonly boolean[]): boolean {
  if (level === 0 || level === 1 || level === 10) {
    const roles = rowRoles(level, n, 0);
    return roles.every(
      (r) => r.kind !== 'data' || roles.some((o, k) => !failed[k] && o.kind === 'data' && o.slot === r.slot),
    );
  }
  return failed.filter(Boolean).length <= LEVEL_INFO[level].tolerance(n);
}

/** How missing data was recomputed: XOR with P, from Q alone, from P and Q together, or by Hamming syndrome. */
export type Recovery = 'xor' | 'q' | 'pq' | 'hamming';

export interface DecodedRow {
  /** The row's data units in slot order. */
  data: Uint8Array[];
  /** Present when a data unit was missing and had to be computed (mirrors just use another copy). */
  recovery?: Recovery;
  /** The computation, in the layout's labels: `D1 = D0 ⊕ D2 ⊕ P` (built on demand: the trace shows only a few rows). */
  formula?: () => string;
}

/** Recover the data units of row `row` from the units still readable; undefined when too much is missing. */
export function decodeRow(level: RaidLevel, n: number, row: number, units: RowUnits): DecodedRow | undefined {
  const failed = units.map((u) => !u);
  if (!survives(level, n, failed)) return undefined;
  const roles = rowRoles(level, n, row);
  const perRow = LEVEL_INFO[level].dataPerRow(n);
  const label = (i: number) => roleLabel(roles[i], row, perRow);
  const data: (Uint8Array | undefined)[] = Array.from({ length: perRow }, () => undefined);
  roles.forEach((r, i) => {
    if (r.kind === 'data' && units[i] && !data[r.slot]) data[r.slot] = units[i];
  });
  const lost = roles.flatMap((r, disk) => (r.kind === 'data' && !data[r.slot] ? [{ disk, slot: r.slot }] : []));
  if (!lost.length) return { data: data as Uint8Array[] };

  if (level === 2) {
    const code = hammingCode(perRow, n - perRow);
    const { disk, slot } = lost[0];
    const bits = data.map((u) => (u ? u[0] : 0));
    const checks = roles.flatMap((r, i) => (r.kind === 'H' ? [units[i]![0]] : []));
    const s = hammingSyndrome(code, bits, checks);
    bits[slot] = s === 0 ? 0 : 1;
    return {
      data: bits.map((b) => Uint8Array.of(b)),
      recovery: 'hamming',
      formula: () =>
        `syndrome(${label(disk)}=0) = ${s} → ${label(disk)} = ${bits[slot]} (position ${diskPosition(code, disk)})`,
    };
  }
  const pDisk = roles.findIndex((r) => r.kind === 'P');
  const qDisk = roles.findIndex((r) => r.kind === 'Q');
  const p = units[pDisk];
  const q = qDisk >= 0 ? units[qDisk] : undefined;
  const full = [...data];
  if (lost.length === 1 && p) {
    const { disk, slot } = lost[0];
    full[slot] = recoverFromP(data, p);
    const others = roles.map((_, i) => i).filter((i) => i !== disk && i !== qDisk);
    return {
      data: full as Uint8Array[],
      recovery: 'xor',
      formula: () => `${label(disk)} = ${others.map(label).join(' ⊕ ')}`,
    };
  }
  if (lost.length === 1) {
    const { disk, slot } = lost[0];
    full[slot] = recoverFromQ(data, slot, q!);
    return { data: full as Uint8Array[], recovery: 'q', formula: () => `${label(disk)} = (Q ⊕ Q_x)·g^-${slot}` };
  }
  const [x, y] = lost;
  [full[x.slot], full[y.slot]] = recoverTwoData(data, x.slot, y.slot, p!, q!);
  return {
    data: full as Uint8Array[],
    recovery: 'pq',
    formula: () => `${label(x.disk)} = A·(P ⊕ P_xy) ⊕ B·(Q ⊕ Q_xy), ${label(y.disk)} = (P ⊕ P_xy) ⊕ ${label(x.disk)}`,
  };
}

/** What each recovery means, for the learner. */
export const RECOVERY_NOTES: Record<Recovery, Msg> = {
  xor: msg(
    '잃어버린 블록은 같은 스트라이프의 나머지 블록과 패리티 P를 XOR해서 다시 계산합니다.',
    'The missing unit is recomputed by XOR-ing the rest of the stripe with the parity P.',
  ),
  q: msg(
    '데이터와 P를 함께 잃었습니다. 잃은 데이터를 0으로 두고 Q_x를 구한 뒤 (Q ⊕ Q_x)에 g^-x를 곱해 복원합니다.',
    'Data and P are both gone: Q_x is taken with the lost unit as zero, and (Q ⊕ Q_x)·g^-x gives it back.',
  ),
  pq: msg(
    '데이터 두 개를 잃었습니다. P와 Q 두 식을 GF(2^8)에서 연립해서 두 값을 모두 구합니다.',
    'Two data units are gone: the two equations P and Q are solved together over GF(2^8).',
  ),
  hamming: msg(
    '고장 난 디스크의 비트를 0으로 두고 해밍 신드롬을 구합니다. 0이면 그 비트는 0, 그 위치를 가리키면 1입니다.',
    "The failed disk's bit is taken as 0 and the Hamming syndrome computed: 0 means the bit was 0, its position means 1.",
  ),
};
