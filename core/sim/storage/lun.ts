import { msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import type { RaidArray, ReadResult } from './array.ts';
import type { Pool } from './pool.ts';
import { ranges } from './ranges.ts';

/** Thick LUNs reserve all their blocks when created; thin LUNs take pool blocks only when first written. */
export const PROVISIONING = ['thick', 'thin'] as const;
export type Provisioning = (typeof PROVISIONING)[number];

/** A contiguous piece of a LUN request that lands on one array. */
interface Segment {
  array: RaidArray;
  /** Byte offset in the array. */
  at: number;
  /** Byte offset in the request. */
  from: number;
  length: number;
  /** Bytes to write, in pieces, when the piece is a write. */
  parts?: Uint8Array[];
}

/**
 * A logical unit carved from a pool and presented to the hosts in its mask. A host outside the mask does not
 * even see the LUN, so its I/O is refused before any block is touched.
 */
export class Lun {
  /** LUN block → pool block; a thin LUN has no entry for a block it has not written (so huge thin LUNs cost nothing). */
  private readonly map = new Map<number, number>();
  private readonly actor: string;

  private constructor(
    readonly name: string,
    /** The SCSI logical unit number hosts address it by (order of creation in the pool). */
    readonly number: number,
    readonly sizeBlocks: number,
    readonly provisioning: Provisioning,
    readonly hosts: readonly string[],
    private readonly pool: Pool,
    private readonly trace: Trace,
  ) {
    this.actor = `lun:${name}`;
  }

  /** Carve a LUN; a thick one reserves its blocks now. Undefined (and a `failed` event) when the pool lacks them. */
  static create(
    spec: { name: string; sizeBlocks: number; provisioning: Provisioning; hosts: readonly string[] },
    number: number,
    pool: Pool,
    trace: Trace,
    op: string,
  ): Lun | undefined {
    const lun = new Lun(spec.name, number, spec.sizeBlocks, spec.provisioning, spec.hosts, pool, trace);
    if (spec.provisioning === 'thick') {
      const blocks = pool.allocate(spec.sizeBlocks);
      if (!blocks) {
        trace.emit({
          actor: lun.actor,
          lane: 'controller',
          kind: 'allocate',
          op,
          subject: spec.name,
          outcome: 'failed',
          note: msg(
            `풀 ${pool.name}에 남은 블록이 ${pool.freeBlocks}개뿐이라 ${spec.sizeBlocks}블록짜리 thick LUN을 만들 수 없습니다.`,
            `Pool ${pool.name} has only ${pool.freeBlocks} free blocks, too few for a thick LUN of ${spec.sizeBlocks}.`,
          ),
          fix: msg('LUN을 작게 만들거나 thin으로 만드세요.', 'Make the LUN smaller, or thin.'),
        });
        return undefined;
      }
      blocks.forEach((b, i) => lun.map.set(i, b));
    }
    trace.emit({
      actor: lun.actor,
      lane: 'controller',
      kind: 'create',
      op,
      subject: spec.name,
      detail: msg(
        `LUN ${number}, ${spec.sizeBlocks}블록, ${spec.provisioning}, 호스트: ${spec.hosts.join(', ') || '(없음)'}`,
        `LUN ${number}, ${spec.sizeBlocks} blocks, ${spec.provisioning}, hosts: ${spec.hosts.join(', ') || '(none)'}`,
      ),
      note:
        spec.provisioning === 'thick'
          ? msg(
              `${spec.sizeBlocks}블록을 풀에서 바로 예약했습니다.`,
              `${spec.sizeBlocks} blocks were reserved in the pool right away.`,
            )
          : msg(
              'thin LUN: 블록은 처음 쓸 때 풀에서 가져옵니다.',
              'Thin LUN: blocks are taken from the pool when first written.',
            ),
    });
    return lun;
  }

  get allocatedBlocks(): number {
    return this.map.size;
  }

  visibleTo(host: string): boolean {
    return this.hosts.includes(host);
  }

  /** Write bytes at block `lba`; false when masked, when the pool is full or when an array refuses. */
  write(host: string, lba: number, data: Uint8Array, op: string): boolean {
    if (!this.admit(host, op)) return false;
    const bs = this.pool.blockSize;
    const first = lba;
    const last = Math.floor((lba * bs + data.length - 1) / bs);
    const fresh: number[] = [];
    for (let b = first; b <= last; b++) if (!this.map.has(b)) fresh.push(b);
    if (fresh.length) {
      const got = this.pool.allocate(fresh.length);
      if (!got) {
        this.trace.emit({
          actor: `pool:${this.pool.name}`,
          lane: 'controller',
          kind: 'allocate',
          op,
          subject: this.name,
          outcome: 'failed',
          note: msg(
            `${this.pool.name} 풀이 가득 찼습니다: 블록 ${fresh.length}개가 필요하지만 ${this.pool.freeBlocks}개만 남았습니다. thin LUN의 과할당(oversubscription)이 실제 용량을 넘었습니다.`,
            `Pool ${this.pool.name} is full: the write needs ${fresh.length} new blocks and only ${this.pool.freeBlocks} are free. The thin LUNs' oversubscription ran past the real capacity.`,
          ),
          fix: msg(
            '풀에 어레이를 더하거나 다른 LUN의 공간을 줄이세요.',
            'Add an array to the pool or free space elsewhere.',
          ),
        });
        return false;
      }
      fresh.forEach((b, i) => this.map.set(b, got[i]));
      this.trace.emit({
        actor: `pool:${this.pool.name}`,
        lane: 'controller',
        kind: 'allocate',
        op,
        subject: this.name,
        detail: `LUN blocks ${ranges(fresh)} → pool blocks ${ranges(got)}`,
        note: msg(
          'thin LUN이 처음 쓰는 블록을 풀에서 할당했습니다.',
          'The thin LUN took pool blocks for the blocks it writes first.',
        ),
      });
    }
    // A freshly allocated block is written whole (zeros around the new bytes), so it never shows older contents.
    const start = lba * bs;
    const segments: Segment[] = [];
    const freshSet = new Set(fresh);
    for (let b = first; b <= last; b++) {
      const lo = Math.max(start, b * bs);
      const hi = Math.min(start + data.length, (b + 1) * bs);
      const whole = freshSet.has(b);
      const bytes = whole ? new Uint8Array(bs) : data.slice(lo - start, hi - start);
      if (whole) bytes.set(data.subarray(lo - start, hi - start), lo - b * bs);
      this.addSegment(segments, b, whole ? b * bs : lo, (whole ? b * bs : lo) - start, bytes);
    }
    this.emitMap(first, last, op);
    return segments.every((s) => s.array.write(s.at, join(s.parts!, s.length), op));
  }

  /** Read `length` bytes at block `lba`; undefined when masked. Unwritten thin blocks read as zeros with no I/O. */
  read(host: string, lba: number, length: number, op: string): ReadResult | undefined {
    if (!this.admit(host, op)) return undefined;
    const bs = this.pool.blockSize;
    const start = lba * bs;
    const first = lba;
    const last = Math.floor((start + length - 1) / bs);
    const bytes = new Uint8Array(length);
    const lost = new Uint8Array(length);
    const segments: Segment[] = [];
    const unwritten: number[] = [];
    for (let b = first; b <= last; b++) {
      const lo = Math.max(start, b * bs);
      const hi = Math.min(start + length, (b + 1) * bs);
      if (!this.map.has(b)) unwritten.push(b);
      else this.addSegment(segments, b, lo, lo - start, undefined, hi - lo);
    }
    this.emitMap(first, last, op);
    if (unwritten.length) {
      this.trace.emit({
        actor: this.actor,
        lane: 'controller',
        kind: 'map',
        op,
        subject: this.name,
        detail: msg(`LUN 블록 ${ranges(unwritten)} 미할당 → 0`, `LUN blocks ${ranges(unwritten)} unallocated → zeros`),
        note: msg(
          '아직 쓰지 않은 thin 블록은 디스크 I/O 없이 0으로 읽힙니다.',
          'Thin blocks never written read as zeros, with no disk I/O.',
        ),
      });
    }
    for (const s of segments) {
      const part = s.array.read(s.at, s.length, op);
      bytes.set(part.bytes, s.from);
      lost.set(part.lost, s.from);
    }
    return { bytes, lost, lostBytes: lost.reduce((a, b) => a + b, 0) };
  }

  /** Add the piece of LUN block `block` starting at LUN byte `lunByte`, merged with the previous piece when contiguous on one array. */
  private addSegment(
    segments: Segment[],
    block: number,
    lunByte: number,
    from: number,
    bytes?: Uint8Array,
    length = bytes?.length ?? 0,
  ): void {
    const bs = this.pool.blockSize;
    const { array, lba } = this.pool.locate(this.map.get(block)!);
    const at = lba * bs + (lunByte - block * bs);
    const prev = segments[segments.length - 1];
    if (prev && prev.array === array && prev.at + prev.length === at && prev.from + prev.length === from) {
      prev.length += length;
      if (bytes) prev.parts!.push(bytes);
      return;
    }
    segments.push({ array, at, from, length, parts: bytes && [bytes] });
  }

  private admit(host: string, op: string): boolean {
    if (this.visibleTo(host)) return true;
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: 'denied',
      op,
      subject: this.name,
      outcome: 'denied',
      detail: msg(
        `호스트 ${host}: 마스크 [${this.hosts.join(', ')}]에 없음`,
        `host ${host} not in mask [${this.hosts.join(', ')}]`,
      ),
      note: msg(
        `LUN 마스킹: ${host} 호스트는 ${this.name}의 허용 호스트 목록에 없어서 이 LUN을 볼 수조차 없습니다. I/O가 거부됩니다.`,
        `LUN masking: ${host} is not in ${this.name}'s list of allowed hosts, so it cannot even see this LUN. The I/O is refused.`,
      ),
      fix: msg(`${host} 호스트를 LUN의 hosts 목록에 넣으세요.`, `Add ${host} to the LUN's hosts list.`),
    });
    return false;
  }

  private emitMap(first: number, last: number, op: string): void {
    const pieces: string[] = [];
    let more = 0;
    for (let b = first; b <= last; b++) {
      const block = this.map.get(b);
      if (block === undefined) continue;
      if (pieces.length === 8) {
        more++;
        continue;
      }
      const { array, lba } = this.pool.locate(block);
      pieces.push(`${b}→${this.pool.name}:${block}→${array.name}:${lba}`);
    }
    if (!pieces.length) return;
    if (more) pieces.push(`… (+${more})`);
    this.trace.emit({
      actor: this.actor,
      lane: 'controller',
      kind: 'map',
      op,
      subject: this.name,
      detail: `LUN ${this.number} blocks ${pieces.join(', ')}`,
    });
  }
}

function join(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
