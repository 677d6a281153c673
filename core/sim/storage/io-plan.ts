/**
 * The disk commands of one operation. A disk serves a run of consecutive rows with one command, so requests are
 * grouped per disk into runs; the trace shows one I/O per run and the array counts it once.
 */
export interface IoRun {
  disk: number;
  rows: number[];
}

export class IoPlan {
  private readonly byDisk = new Map<number, Set<number>>();

  add(disk: number, row: number): void {
    let rows = this.byDisk.get(disk);
    if (!rows) this.byDisk.set(disk, (rows = new Set()));
    rows.add(row);
  }

  runs(): IoRun[] {
    const out: IoRun[] = [];
    for (const disk of [...this.byDisk.keys()].sort((a, b) => a - b)) {
      const rows = [...this.byDisk.get(disk)!].sort((a, b) => a - b);
      let run: number[] = [];
      for (const row of rows) {
        if (run.length && row !== run[run.length - 1] + 1) {
          out.push({ disk, rows: run });
          run = [];
        }
        run.push(row);
      }
      if (run.length) out.push({ disk, rows: run });
    }
    return out;
  }
}
