import { LEVEL_INFO, type RaidLevel } from './raid-levels.ts';
import { unitShape, unitsIn } from './units.ts';

/**
 * What touching one stripe unit costs, in work units (`SimLimits.maxWork`; one unit stands for about 10 ns of CPU,
 * see limits.ts), per RAID level: a fixed part per unit read or written (finding it, the per-row bookkeeping, the
 * trace plan, the decode or encode of its row) and a part per byte it holds (copying it, XOR parity, GF(2^8)
 * products for Q). Calibrated by `npm run bench` (test/bench/sim-worst-case.ts: the slowest path of each level run
 * until the budget is spent); a small unit is dear, since per-unit bookkeeping dwarfs its bytes, which is why a
 * RAID-2 bit costs as much as a RAID-5 block of a few bytes.
 */
export const UNIT_WORK: Record<RaidLevel, { access: number; byte: number }> = {
  0: { access: 1000, byte: 1 },
  1: { access: 1000, byte: 1 },
  2: { access: 1000, byte: 1 },
  3: { access: 1000, byte: 1 },
  4: { access: 1000, byte: 4 },
  5: { access: 1000, byte: 4 },
  6: { access: 1000, byte: 8 },
  10: { access: 1000, byte: 1 },
};

/** Work for touching one stripe unit of `len` bytes at `level`. */
export const unitWork = (level: RaidLevel, len: number): number =>
  UNIT_WORK[level].access + len * UNIT_WORK[level].byte;

/**
 * Work the final state of an array takes whatever the workload does: reading every data unit back once (to report
 * `dataIntact` and `lostBlocks`). A configuration whose arrays need more than the budget for this alone is refused
 * before it runs.
 */
export function stateWork(level: RaidLevel, disks: number, smallestDiskBytes: number, blockSize: number): number {
  const shape = unitShape(LEVEL_INFO[level].unit, blockSize);
  return unitsIn(smallestDiskBytes, shape) * LEVEL_INFO[level].dataPerRow(disks) * unitWork(level, shape.len);
}
