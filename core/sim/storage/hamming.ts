/**
 * RAID-2's Hamming code, one bit per disk per row. The codeword has positions 1…d+p; check bit i sits at position
 * 2^i and covers every position with bit i set, data bits fill the other positions in order. The array keeps data
 * disks first and check disks last (dedicated check disks); this module maps between the two orders.
 * A failed disk is an erasure at a known position, which single-error correction repairs.
 */
export interface HammingCode {
  d: number;
  p: number;
  /** Codeword position of data bit j. */
  dataPos: number[];
}

export function hammingCode(d: number, p: number): HammingCode {
  const dataPos: number[] = [];
  for (let pos = 1; dataPos.length < d; pos++) if ((pos & (pos - 1)) !== 0) dataPos.push(pos);
  return { d, p, dataPos };
}

/** Check bit i = parity of the data bits whose position has bit i set. */
export function hammingCheckBits(code: HammingCode, dataBits: readonly number[]): number[] {
  const checks = new Array<number>(code.p).fill(0);
  dataBits.forEach((bit, j) => {
    if (!bit) return;
    for (let i = 0; i < code.p; i++) if (code.dataPos[j] & (1 << i)) checks[i] ^= 1;
  });
  return checks;
}

/** XOR of the positions of all set bits: 0 for a valid codeword, else the position of a single flipped bit. */
export function hammingSyndrome(code: HammingCode, dataBits: readonly number[], checkBits: readonly number[]): number {
  let s = 0;
  dataBits.forEach((bit, j) => {
    if (bit) s ^= code.dataPos[j];
  });
  checkBits.forEach((bit, i) => {
    if (bit) s ^= 1 << i;
  });
  return s;
}

/** Codeword position of disk `disk` (data disks first, then check disks). */
export function diskPosition(code: HammingCode, disk: number): number {
  return disk < code.d ? code.dataPos[disk] : 1 << (disk - code.d);
}
