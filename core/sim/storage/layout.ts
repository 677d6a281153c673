import { LEVEL_INFO, hammingCheckDisks, type RaidLevel } from './raid-levels.ts';

/**
 * What one disk holds in one stripe row: a data unit (`slot` = its position among the row's data units; mirrors
 * number their copies), the XOR parity P, the Reed–Solomon syndrome Q, or Hamming check bit H`index`.
 */
export type Role =
  { kind: 'data'; slot: number; copy: number } | { kind: 'P' } | { kind: 'Q' } | { kind: 'H'; index: number };

const data = (slot: number, copy = 0): Role => ({ kind: 'data', slot, copy });

/**
 * The role of every disk in stripe row `row` of an n-disk array.
 * RAID-5 and RAID-6 rotate parity left-symmetrically as Linux md does by default: P sits on disk n−1−(row mod n),
 * Q (RAID-6) on the next disk, and the data restarts right after them, wrapping around.
 */
export function rowRoles(level: RaidLevel, n: number, row: number): Role[] {
  const roles: Role[] = new Array(n);
  switch (level) {
    case 0:
      for (let i = 0; i < n; i++) roles[i] = data(i);
      return roles;
    case 1:
      for (let i = 0; i < n; i++) roles[i] = data(0, i);
      return roles;
    case 10:
      for (let i = 0; i < n; i++) roles[i] = data(Math.floor(i / 2), i % 2);
      return roles;
    case 2: {
      const d = n - hammingCheckDisks(n);
      for (let i = 0; i < n; i++) roles[i] = i < d ? data(i) : { kind: 'H', index: i - d };
      return roles;
    }
    case 3:
    case 4:
      for (let i = 0; i < n - 1; i++) roles[i] = data(i);
      roles[n - 1] = { kind: 'P' };
      return roles;
    case 5: {
      const pd = n - 1 - (row % n);
      roles[pd] = { kind: 'P' };
      for (let j = 0; j < n - 1; j++) roles[(pd + 1 + j) % n] = data(j);
      return roles;
    }
    case 6: {
      const pd = n - 1 - (row % n);
      roles[pd] = { kind: 'P' };
      roles[(pd + 1) % n] = { kind: 'Q' };
      for (let j = 0; j < n - 2; j++) roles[(pd + 2 + j) % n] = data(j);
      return roles;
    }
  }
}

/** Where logical unit k lives: its row, its slot in the row, and every disk holding a copy (one unless mirrored). */
export function locate(level: RaidLevel, n: number, k: number): { row: number; slot: number; disks: number[] } {
  const perRow = LEVEL_INFO[level].dataPerRow(n);
  const row = Math.floor(k / perRow);
  const slot = k % perRow;
  const disks: number[] = [];
  rowRoles(level, n, row).forEach((r, i) => {
    if (r.kind === 'data' && r.slot === slot) disks.push(i);
  });
  return { row, slot, disks };
}

/** A role as the layout table shows it: `D7` (the array's 8th data unit), `M7` (its mirror copy), `P`, `Q`, `H0`. */
export function roleLabel(role: Role, row: number, perRow: number): string {
  if (role.kind === 'data') return `${role.copy ? 'M' : 'D'}${row * perRow + role.slot}`;
  if (role.kind === 'H') return `H${role.index}`;
  return role.kind;
}

/** The first `rows` rows of the layout table: for each row, what every disk holds. */
export function layoutTable(level: RaidLevel, n: number, rows: number): string[][] {
  const perRow = LEVEL_INFO[level].dataPerRow(n);
  const out: string[][] = [];
  for (let row = 0; row < rows; row++) out.push(rowRoles(level, n, row).map((r) => roleLabel(r, row, perRow)));
  return out;
}
