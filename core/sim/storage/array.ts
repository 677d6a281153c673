import { msg, type Msg } from '../../i18n.ts';
import { proseBefore, type Detail, type Trace } from '../trace.ts';
import { gfPowG, gfScale } from './gf256.ts';
import { IoPlan } from './io-plan.ts';
import { ranges } from './ranges.ts';
import { roleLabel, rowRoles, type Role } from './layout.ts';
import { xor2 } from './parity.ts';
import { LEVEL_INFO, usableBytes, type RaidLevel } from './raid-levels.ts';
import { RECOVERY_NOTES, decodeRow, encodeRow, survives, type DecodedRow } from './stripe-code.ts';
import { getUnit, putUnit, unitBytes, unitShape, unitsIn, type UnitShape } from './units.ts';
import { unitWork } from './work.ts';

/** ok: original disk; failed: unreadable; blank: replaced but not rebuilt (its array had lost data); rebuilt. */
export type DiskStatus = 'ok' | 'failed' | 'blank' | 'rebuilt';
export type ArrayStatus = 'optimal' | 'degraded' | 'failed';

export interface Disk {
  readonly id: string;
  bytes: Uint8Array;
  status: DiskStatus;
}

export interface ReadResult {
  bytes: Uint8Array;
  /** 1 for every byte that could not be read or reconstructed. */
  lost: Uint8Array;
  lostBytes: number;
}

const live = (d: Disk) => d.status === 'ok' || d.status === 'rebuilt';

const REDUNDANCY_FIX = msg(
  '더 많은 고장을 견디는 레벨(RAID-6, 미러)을 쓰고, RAID와 별도로 백업을 두세요. RAID는 백업이 아닙니다.',
  'Use a level that survives more failures (RAID-6, mirrors) and keep backups apart from the array: RAID is not a backup.',
);

/** How a write updated the redundancy of its rows. */
type WriteStrategy = 'rmw' | 'rcw' | 'full' | 'copies';

const STRATEGY_NOTES: Record<Exclude<WriteStrategy, 'copies'>, Msg> = {
  rmw: msg(
    "작은 쓰기(read-modify-write): 옛 데이터와 옛 패리티를 읽어 차이만 반영합니다. P' = P ⊕ D ⊕ D'.",
    "Small write (read-modify-write): the old data and old parity are read and only the difference is applied: P' = P ⊕ D ⊕ D'.",
  ),
  rcw: msg(
    '재구성 쓰기: 스트라이프의 나머지 데이터를 읽어 패리티를 새로 계산합니다.',
    "Reconstruct-write: the rest of the stripe's data is read and the parity computed afresh.",
  ),
  full: msg(
    '전체 스트라이프 쓰기: 새 데이터만으로 패리티를 계산하므로 읽기가 필요 없습니다.',
    'Full-stripe write: the parity comes from the new data alone, so nothing is read.',
  ),
};

/**
 * A RAID array holding real bytes. The logical byte stream is cut into stripe units (blocks, bytes or bits) laid
 * out row by row over the member disks (layout.ts), with redundancy from stripe-code.ts. Every disk command is a
 * `hardware` event and every computation a `controller` event, so the trace shows the I/O each level really costs.
 * `shadow` keeps what was written, so the array can tell whether its data is still intact.
 */
export class RaidArray {
  readonly n: number;
  readonly perRow: number;
  readonly shape: UnitShape;
  /** Stripe rows: units per disk, counted on the smallest disk. */
  readonly rows: number;
  readonly usableBytes: number;
  readonly disks: Disk[];
  readonly shadow: Uint8Array;
  readonly io = { reads: 0, writes: 0 };
  private readonly actor: string;
  /** Work charged per stripe unit touched (work.ts). */
  private readonly unitWork: number;
  /** The layout repeats every n rows (rotating parity) or every row; one entry per row class. */
  private readonly geometry: Geometry[];

  constructor(
    readonly name: string,
    readonly level: RaidLevel,
    members: ReadonlyArray<{ id: string; bytes: number }>,
    readonly blockSize: number,
    private readonly trace: Trace,
  ) {
    this.n = members.length;
    this.perRow = LEVEL_INFO[level].dataPerRow(this.n);
    this.shape = unitShape(LEVEL_INFO[level].unit, blockSize);
    const smallest = Math.min(...members.map((m) => m.bytes));
    this.rows = unitsIn(smallest, this.shape);
    this.usableBytes = usableBytes(level, this.n, smallest);
    this.disks = members.map((m) => ({ id: m.id, bytes: new Uint8Array(m.bytes), status: 'ok' }));
    this.shadow = new Uint8Array(this.usableBytes);
    this.actor = `raid:${name}`;
    this.unitWork = unitWork(level, this.shape.len);
    const period = level === 5 || level === 6 ? this.n : 1;
    this.geometry = Array.from({ length: period }, (_, row) => geometryOf(rowRoles(level, this.n, row), this.perRow));
  }

  private geom(row: number): Geometry {
    return this.geometry[row % this.geometry.length];
  }

  get usableBlocks(): number {
    return this.usableBytes / this.blockSize;
  }

  private failedMask(): boolean[] {
    return this.disks.map((d) => !live(d));
  }

  get status(): ArrayStatus {
    const failed = this.failedMask();
    if (!survives(this.level, this.n, failed)) return 'failed';
    return failed.some(Boolean) ? 'degraded' : 'optimal';
  }

  diskIndex(id: string): number {
    return this.disks.findIndex((d) => d.id === id);
  }

  /** Read `length` bytes at byte `offset`, reconstructing what failed disks held. Emits the I/O it takes. */
  read(offset: number, length: number, op: string): ReadResult {
    const span = this.unitSpan(offset, length);
    const plan = new IoPlan();
    const recovered: Array<{ row: number; decoded: DecodedRow }> = [];
    const redirected = new Set<number>();
    for (const { row, slots } of span.rows) {
      const res = this.resolveRow(row, slots);
      res.reads.forEach((d) => plan.add(d, row));
      res.redirected.forEach((d) => redirected.add(d));
      if (res.decoded?.recovery) recovered.push({ row, decoded: res.decoded });
      slots.forEach((slot, i) => span.put(row * this.perRow + slot, res.units[i]));
    }
    this.emitIo(plan, 'read');
    this.emitRedirect(redirected, op);
    this.emitRecovered(recovered, op);
    return span.result(offset, length);
  }

  /** Write bytes at byte `offset`, keeping the redundancy right. False (and a `failed` event) on a failed array. */
  write(offset: number, data: Uint8Array, op: string): boolean {
    if (this.status === 'failed') {
      this.trace.emit({
        actor: this.actor,
        lane: 'controller',
        kind: 'io',
        op,
        subject: this.name,
        outcome: 'failed',
        note: msg(
          '어레이가 이미 데이터를 잃었습니다(허용 고장 수 초과). 컨트롤러가 쓰기를 거부합니다. 어레이를 다시 만들고 백업에서 복원해야 합니다.',
          'The array has already lost data (more failures than it tolerates), so the controller refuses the write. Recreate it and restore from backup.',
        ),
      });
      return false;
    }
    const span = this.unitSpan(offset, data.length);
    const reads = new IoPlan();
    const writes = new IoPlan();
    const strategies = new Map<WriteStrategy, number[]>();
    const recovered: Array<{ row: number; decoded: DecodedRow }> = [];
    const redirected = new Set<number>();
    for (const { row, slots } of span.rows) {
      const patch = (slot: number, old: Uint8Array | undefined) =>
        span.patch(row * this.perRow + slot, old, offset, data);
      const strategy = this.writeRow(
        row,
        slots,
        patch,
        reads,
        writes,
        (decoded) => recovered.push({ row, decoded }),
        redirected,
      );
      strategies.set(strategy, [...(strategies.get(strategy) ?? []), row]);
    }
    this.shadow.set(data, offset);
    this.emitIo(reads, 'read');
    this.emitRedirect(redirected, op);
    this.emitRecovered(recovered, op);
    for (const [strategy, rows] of strategies) {
      if (strategy === 'copies') continue;
      const formula = this.parityFormula(strategy);
      this.trace.emit({
        actor: this.actor,
        lane: 'controller',
        kind: 'parity',
        op,
        subject: this.name,
        detail: proseBefore(`${strategy} 스트라이프 ${ranges(rows)}: `, `${strategy} rows ${ranges(rows)}: `, formula),
        note: STRATEGY_NOTES[strategy],
      });
    }
    this.emitIo(writes, 'write');
    return true;
  }

  /** A disk stops answering. Reports whether the array is degraded or has lost data. */
  fail(index: number, op: string): void {
    const disk = this.disks[index];
    const already = disk.status === 'failed';
    disk.status = 'failed';
    this.trace.emit({
      actor: `disk:${disk.id}`,
      lane: 'hardware',
      kind: 'fault',
      op,
      subject: this.name,
      outcome: 'failed',
      note: already
        ? msg(`${disk.id} 디스크는 이미 고장 난 상태입니다.`, `${disk.id} had already failed.`)
        : msg(
            `${disk.id} 디스크가 고장 났습니다. 이제 읽을 수 없습니다.`,
            `Disk ${disk.id} failed and can no longer be read.`,
          ),
    });
    const failed = this.failedMask().filter(Boolean).length;
    const tol = LEVEL_INFO[this.level].tolerance(this.n);
    const lost = this.status === 'failed';
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: lost ? 'lost' : 'degraded',
      op,
      subject: this.name,
      detail: msg(
        `RAID-${this.level}: 고장 ${failed}개, 허용 ${tol}개`,
        `RAID-${this.level}: ${failed} failed, tolerates ${tol}`,
      ),
      outcome: lost ? 'lost' : 'ok',
      ...(lost && { fix: REDUNDANCY_FIX }),
      note: lost
        ? msg(
            `RAID-${this.level}의 고장 허용 범위를 넘었습니다(고장 ${failed}개). 고장 난 디스크에만 있던 데이터는 복구할 수 없습니다.`,
            `RAID-${this.level} is past its fault tolerance (${failed} failed). Data that lived only on the failed disks cannot be recovered.`,
          )
        : msg(
            `어레이가 성능 저하(degraded) 상태가 되었지만 데이터는 모두 남아 있습니다. 고장 난 디스크의 내용은 나머지 디스크에서 계산해 읽습니다.`,
            `The array is degraded but every byte is still there: what the failed disk held is computed from the others.`,
          ),
    });
  }

  /** Swap in a blank disk and rebuild its contents from the others, if the array still has them. */
  replace(index: number, op: string): void {
    const disk = this.disks[index];
    disk.bytes = new Uint8Array(disk.bytes.length);
    disk.status = 'blank';
    this.trace.emit({
      actor: `disk:${disk.id}`,
      lane: 'hardware',
      kind: 'replace',
      op,
      subject: this.name,
      note: msg(`${disk.id} 자리에 새 빈 디스크를 끼웠습니다.`, `A new, blank disk was put in as ${disk.id}.`),
    });
    if (this.status === 'failed') {
      this.trace.emit({
        actor: this.actor,
        lane: 'controller',
        kind: 'rebuild',
        op,
        subject: this.name,
        outcome: 'lost',
        note: msg(
          '재구성할 수 없습니다: 남은 디스크만으로는 잃은 데이터를 계산할 수 없습니다. 새 디스크는 비어 있는 채로 남습니다.',
          'Cannot rebuild: the remaining disks do not hold enough to compute the lost data. The new disk stays blank.',
        ),
        fix: REDUNDANCY_FIX,
      });
      return;
    }
    const reads = new IoPlan();
    const writes = new IoPlan();
    for (let row = 0; row < this.rows; row++) {
      const units = this.rowUnits(row);
      const decoded = decodeRow(this.level, this.n, row, units)!;
      const full = encodeRow(this.level, this.n, row, decoded.data, this.shape.len);
      this.sources(row, index).forEach((d) => reads.add(d, row));
      putUnit(disk.bytes, row, this.shape, full[index]);
      writes.add(index, row);
    }
    this.emitIo(reads, 'read');
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: 'rebuild',
      op,
      subject: this.name,
      detail: msg(
        `${disk.id}의 스트라이프 0–${this.rows - 1} 재계산`,
        `rows 0–${this.rows - 1} of ${disk.id} recomputed`,
      ),
      outcome: 'ok',
      note: msg(
        `남은 디스크에서 ${disk.id}의 모든 스트라이프 유닛을 다시 계산해 새 디스크에 씁니다.`,
        `Every stripe unit of ${disk.id} is recomputed from the remaining disks and written to the new disk.`,
      ),
    });
    this.emitIo(writes, 'write');
    disk.status = 'rebuilt';
  }

  /** The whole logical content as the array can deliver it now, without I/O events (for the final state). */
  snapshot(): ReadResult {
    const span = this.unitSpan(0, this.usableBytes);
    for (const { row, slots } of span.rows) {
      const res = this.resolveRow(row, slots);
      slots.forEach((slot, i) => span.put(row * this.perRow + slot, res.units[i]));
    }
    return span.result(0, this.usableBytes);
  }

  /** The layout label of what disk `disk` holds in row `row`. */
  label(row: number, disk: number): string {
    return roleLabel(this.geom(row).roles[disk], row, this.perRow);
  }

  /** Every unit of a row. Work is metered per unit touched, before touching it (work.ts). */
  private rowUnits(row: number): (Uint8Array | undefined)[] {
    this.trace.spend(this.n * this.unitWork);
    return this.disks.map((d) => (live(d) ? getUnit(d.bytes, row, this.shape) : undefined));
  }

  /** The disks a rebuild of `target` reads in `row`: one live copy for mirrors, every other live disk otherwise. */
  private sources(row: number, target: number): number[] {
    const { roles, copies } = this.geom(row);
    const mine = roles[target];
    if (mine.kind === 'data' && (this.level === 1 || this.level === 10))
      return [copies[mine.slot].find((i) => live(this.disks[i]))!];
    return roles.map((_, i) => i).filter((i) => i !== target && live(this.disks[i]));
  }

  /**
   * The current value of some data slots of a row and the disks read to get it. A mirror reads copy (row mod
   * copies) when it is alive (spreading reads over the copies), else another copy; a lost unit of a parity level
   * makes the controller read every live disk of the row and decode. Units that cannot be had are undefined.
   */
  private resolveRow(row: number, slots: readonly number[]) {
    const reads = new Set<number>();
    const redirected: number[] = [];
    const units: (Uint8Array | undefined)[] = [];
    let missing = false;
    this.trace.spend(slots.length * this.unitWork);
    for (const slot of slots) {
      const copies = this.geom(row).copies[slot];
      const preferred = copies[row % copies.length];
      const disk = live(this.disks[preferred]) ? preferred : copies.find((i) => live(this.disks[i]));
      if (disk !== undefined && disk !== preferred) redirected.push(preferred);
      if (disk === undefined) missing = true;
      else reads.add(disk);
      units.push(disk === undefined ? undefined : getUnit(this.disks[disk].bytes, row, this.shape));
    }
    let decoded: DecodedRow | undefined;
    if (missing) {
      decoded = decodeRow(this.level, this.n, row, this.rowUnits(row));
      if (decoded) {
        this.disks.forEach((d, i) => live(d) && reads.add(i));
        slots.forEach((slot, i) => (units[i] = decoded!.data[slot]));
      }
    }
    return { units, reads, redirected, decoded };
  }

  /** Write the touched slots of one row and its redundancy; returns how. */
  private writeRow(
    row: number,
    slots: readonly number[],
    patch: (slot: number, old: Uint8Array | undefined) => { unit: Uint8Array; full: boolean },
    reads: IoPlan,
    writes: IoPlan,
    onRecovered: (d: DecodedRow) => void,
    redirected: Set<number>,
  ): WriteStrategy {
    const { roles, copies, p: pDisk, q: qDisk } = this.geom(row);
    const store = (disk: number, unit: Uint8Array) => {
      if (!live(this.disks[disk])) return;
      this.trace.spend(this.unitWork);
      putUnit(this.disks[disk].bytes, row, this.shape, unit);
      writes.add(disk, row);
    };
    const diskOf = (slot: number) => copies[slot][0];
    const fullCover = (slot: number) => patch(slot, undefined).full;

    if (this.level === 0 || this.level === 1 || this.level === 10) {
      for (const slot of slots) {
        let old: Uint8Array | undefined;
        if (!fullCover(slot)) {
          const res = this.resolveRow(row, [slot]);
          res.reads.forEach((d) => reads.add(d, row));
          res.redirected.forEach((d) => redirected.add(d));
          old = res.units[0];
        }
        const { unit } = patch(slot, old);
        copies[slot].forEach((i) => store(i, unit));
      }
      return 'copies';
    }

    const units = this.rowUnits(row);
    const rowLive = units.every(Boolean);
    const coversRow = slots.length === this.perRow && slots.every(fullCover);
    if (rowLive && !coversRow && (this.level === 4 || this.level === 5 || this.level === 6)) {
      // Read-modify-write: only the touched data and the parity are read.
      let p = units[pDisk]!;
      let q = qDisk >= 0 ? units[qDisk]! : undefined;
      for (const slot of slots) {
        const disk = diskOf(slot);
        const old = units[disk]!;
        reads.add(disk, row);
        const { unit } = patch(slot, old);
        const delta = xor2(old, unit);
        p = xor2(p, delta);
        if (q) q = xor2(q, gfScale(gfPowG(slot), delta));
        store(disk, unit);
      }
      reads.add(pDisk, row);
      store(pDisk, p);
      if (q) {
        reads.add(qDisk, row);
        store(qDisk, q);
      }
      return 'rmw';
    }

    // Reconstruct-write: the row's new data comes from the untouched (or partly touched) units plus the patches.
    const needed = [...Array(this.perRow).keys()].filter((slot) => !slots.includes(slot) || !fullCover(slot));
    let old: (Uint8Array | undefined)[] = new Array(this.perRow);
    let recoveredRow = false;
    if (needed.every((slot) => units[diskOf(slot)])) {
      needed.forEach((slot) => {
        old[slot] = units[diskOf(slot)];
        reads.add(diskOf(slot), row);
      });
    } else {
      const decoded = decodeRow(this.level, this.n, row, units)!;
      units.forEach((u, i) => u && reads.add(i, row));
      old = decoded.data;
      onRecovered(decoded);
      recoveredRow = true;
    }
    const next = [...Array(this.perRow).keys()].map((slot) =>
      slots.includes(slot) ? patch(slot, old[slot]).unit : old[slot]!,
    );
    const full = encodeRow(this.level, this.n, row, next, this.shape.len);
    roles.forEach((r, i) => {
      if (r.kind !== 'data' || slots.includes(r.slot)) store(i, full[i]);
    });
    return needed.length === 0 && !recoveredRow ? 'full' : 'rcw';
  }

  /** The formula a write used: symbols only, or both languages where it takes words. */
  private parityFormula(strategy: WriteStrategy): Detail {
    if (this.level === 2)
      return msg(
        'H_i = 해밍 위치의 비트 i가 1인 데이터 비트들의 패리티',
        'H_i = parity of the data bits whose Hamming position has bit i set',
      );
    if (strategy === 'rmw') return this.level === 6 ? "P' = P ⊕ D ⊕ D', Q' = Q ⊕ g^i·(D ⊕ D')" : "P' = P ⊕ D ⊕ D'";
    return this.level === 6
      ? msg(
          'P = ⊕ D_i, Q = ⊕ g^i·D_i (가장 높은 데이터 디스크부터 호너법)',
          'P = ⊕ D_i, Q = ⊕ g^i·D_i (Horner from the highest data disk)',
        )
      : 'P = ⊕ D_i';
  }

  private emitIo(plan: IoPlan, dir: 'read' | 'write'): void {
    const unit = LEVEL_INFO[this.level].unit;
    for (const { disk, from, to } of plan.runs()) {
      const labels: string[] = [];
      for (let r = from; r <= Math.min(to, from + 7); r++) labels.push(this.label(r, disk));
      const at = to > from ? `${unit}s ${from}–${to}` : `${unit} ${from}`;
      this.trace.emit({
        actor: `disk:${this.disks[disk].id}`,
        lane: 'hardware',
        kind: 'io',
        op: `disk.${dir}`,
        subject: this.name,
        detail: `${dir} ${at} (${labels.join(' ')}${to - from > 7 ? ' …' : ''})`,
      });
      if (dir === 'read') this.io.reads++;
      else this.io.writes++;
    }
  }

  private emitRedirect(disks: Set<number>, op: string): void {
    if (!disks.size) return;
    const ids = [...disks].map((d) => this.disks[d].id).join(', ');
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: 'degraded',
      op,
      subject: this.name,
      detail: msg(`${ids} 고장: 다른 사본에서 읽음`, `${ids} failed: served by another copy`),
      note: msg(
        `${ids} 디스크가 고장 나서 다른 미러 사본에서 읽었습니다.`,
        `${ids} failed, so another mirror copy was read.`,
      ),
    });
  }

  private emitRecovered(recovered: ReadonlyArray<{ row: number; decoded: DecodedRow }>, op: string): void {
    if (!recovered.length) return;
    const shown = recovered.slice(0, 3).map(({ row, decoded }) => `row ${row}: ${decoded.formula!()}`);
    if (recovered.length > 3) shown.push(`… (+${recovered.length - 3} rows)`);
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: 'reconstruct',
      op,
      subject: this.name,
      detail: shown.join('; '),
      note: RECOVERY_NOTES[recovered[0].decoded.recovery!],
    });
  }

  /**
   * The stripe units a byte range touches, grouped by row, with a scratch buffer covering them: `put` stores a
   * unit read back, `patch` merges the new bytes into an old unit, `result` cuts the requested bytes out.
   */
  private unitSpan(offset: number, length: number) {
    const s = this.shape;
    const first = s.bit ? offset * 8 : Math.floor(offset / s.len);
    const end = s.bit ? (offset + length) * 8 : Math.ceil((offset + length) / s.len);
    const base = unitBytes(first, s)[0];
    const buf = new Uint8Array(end > first ? unitBytes(end - 1, s)[1] - base : 0);
    const lost = new Uint8Array(buf.length);
    const rows: Array<{ row: number; slots: number[] }> = [];
    for (let k = first; k < end; k++) {
      const row = Math.floor(k / this.perRow);
      if (rows[rows.length - 1]?.row !== row) rows.push({ row, slots: [] });
      rows[rows.length - 1].slots.push(k % this.perRow);
    }
    const local = (k: number) => k - first;
    return {
      rows,
      put: (k: number, unit: Uint8Array | undefined) => {
        if (unit) putUnit(buf, local(k), s, unit);
        else {
          const [from, to] = unitBytes(local(k), s);
          lost.fill(1, from, to);
        }
      },
      patch: (k: number, old: Uint8Array | undefined, at: number, data: Uint8Array) => {
        if (s.bit) return { unit: getUnit(data, k - at * 8, s), full: true };
        const [from, to] = unitBytes(k, s);
        const lo = Math.max(from, at);
        const hi = Math.min(to, at + data.length);
        const unit = old ? old.slice() : new Uint8Array(s.len);
        unit.set(data.subarray(lo - at, hi - at), lo - from);
        return { unit, full: lo === from && hi === to };
      },
      result: (at: number, len: number): ReadResult => {
        const cut = lost.slice(at - base, at - base + len);
        return { bytes: buf.slice(at - base, at - base + len), lost: cut, lostBytes: cut.reduce((a, b) => a + b, 0) };
      },
    };
  }
}

/** The layout of one row class, precomputed: each disk's role, the disks holding each data slot, P and Q (−1 if none). */
interface Geometry {
  roles: Role[];
  copies: number[][];
  p: number;
  q: number;
}

function geometryOf(roles: Role[], perRow: number): Geometry {
  const copies: number[][] = Array.from({ length: perRow }, () => []);
  roles.forEach((r, i) => r.kind === 'data' && copies[r.slot].push(i));
  return { roles, copies, p: roles.findIndex((r) => r.kind === 'P'), q: roles.findIndex((r) => r.kind === 'Q') };
}
