/**
 * The disk commands of one operation. A disk serves a run of consecutive rows with one command, so requests are
 * kept per disk as runs; the trace shows one I/O per run and the array counts it once.
 */
export interface IoRun {
  disk: number;
  /** First and last row, inclusive. */
  from: number;
  to: number;
}

export class IoPlan {
  /** Per disk, sorted disjoint runs [from, to] that never touch (touching runs are merged). */
  private readonly byDisk = new Map<number, Array<[number, number]>>();

  add(disk: number, row: number): void {
    let runs = this.byDisk.get(disk);
    if (!runs) this.byDisk.set(disk, (runs = []));
    const last = runs[runs.length - 1];
    // Operations walk rows upwards, so nearly every request extends or repeats the last run.
    if (!last || row > last[1] + 1) runs.push([row, row]);
    else if (row === last[1] + 1) last[1] = row;
    else if (row < last[0]) this.insert(runs, row);
  }

  runs(): IoRun[] {
    return [...this.byDisk.keys()]
      .sort((a, b) => a - b)
      .flatMap((disk) => this.byDisk.get(disk)!.map(([from, to]) => ({ disk, from, to })));
  }

  private insert(runs: Array<[number, number]>, row: number): void {
    if (runs.some(([from, to]) => from <= row && row <= to)) return;
    runs.push([row, row]);
    runs.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const r of runs) {
      const prev = merged[merged.length - 1];
      if (prev && r[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], r[1]);
      else merged.push(r);
    }
    runs.splice(0, runs.length, ...merged);
  }
}
