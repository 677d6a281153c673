import { describe, it, expect } from 'vitest';
import { detailIn } from '../../../core/sim/trace.ts';
import fc from 'fast-check';
import { RaidArray } from '../../../core/sim/storage/array.ts';
import {
  LEVEL_INFO,
  RAID_LEVELS,
  hammingCheckDisks,
  usableBytes,
  type RaidLevel,
} from '../../../core/sim/storage/raid-levels.ts';
import { Trace } from '../../../core/sim/trace.ts';

/** The fault-tolerance rule of the RAID table, written independently of the simulator. */
function withinTolerance(level: RaidLevel, n: number, failed: readonly number[]): boolean {
  switch (level) {
    case 0:
      return failed.length === 0;
    case 1:
      return failed.length < n;
    case 10:
      return !failed.some((d) => d % 2 === 0 && failed.includes(d + 1));
    case 6:
      return failed.length <= 2;
    default:
      return failed.length <= 1;
  }
}

interface Setup {
  level: RaidLevel;
  n: number;
  blockSize: number;
  sizeBlocks: number[];
}

const setup: fc.Arbitrary<Setup> = fc
  .record({
    level: fc.constantFrom(...RAID_LEVELS),
    extra: fc.integer({ min: 0, max: 4 }),
    blockSize: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ level, extra, blockSize }) => {
    const min = LEVEL_INFO[level].minDisks;
    const n = level === 10 ? min + 2 * Math.floor(extra / 2) : min + extra;
    return fc.record({
      level: fc.constant(level),
      n: fc.constant(n),
      blockSize: fc.constant(blockSize),
      sizeBlocks: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: n, maxLength: n }),
    });
  });

/** Writes that fit in the array, as [offset, bytes]. */
const writesFor = (capacity: number) =>
  fc.array(
    fc
      .integer({ min: 0, max: capacity - 1 })
      .chain((offset) => fc.tuple(fc.constant(offset), fc.uint8Array({ minLength: 1, maxLength: capacity - offset }))),
    { minLength: 1, maxLength: 4 },
  );

const failuresFor = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n });

function build(s: Setup) {
  const trace = new Trace({
    maxGuests: 64,
    maxOps: 2000,
    maxEvents: 1_000_000,
    maxDisks: 64,
    maxDiskBytes: 65536,
    maxWork: 1e9,
    maxTicks: 500,
    maxVcpus: 128,
  });
  const members = s.sizeBlocks.map((b, i) => ({ id: `d${i}`, bytes: b * s.blockSize }));
  const array = new RaidArray('a', s.level, members, s.blockSize, trace);
  const model = new Uint8Array(usableBytes(s.level, s.n, Math.min(...members.map((m) => m.bytes))));
  const write = (offset: number, bytes: Uint8Array) => {
    expect(array.write(offset, bytes, 'write')).toBe(true);
    model.set(bytes, offset);
  };
  return { trace, array, model, write };
}

const scenario = setup.chain((s) => {
  const capacity = usableBytes(s.level, s.n, Math.min(...s.sizeBlocks) * s.blockSize);
  return fc.record({
    s: fc.constant(s),
    before: writesFor(capacity),
    during: writesFor(capacity),
    failed: failuresFor(s.n),
    later: failuresFor(s.n),
  });
});

describe('RAID arrays hold real bytes', () => {
  it('with any failures within the tolerance, every byte reads back identical, also after degraded writes and a rebuild', () => {
    fc.assert(
      fc.property(scenario, ({ s, before, during, failed, later }) => {
        fc.pre(withinTolerance(s.level, s.n, failed) && withinTolerance(s.level, s.n, later));
        const { array, model, write } = build(s);
        expect(array.usableBytes).toBe(model.length);
        before.forEach(([o, b]) => write(o, b));
        failed.forEach((d) => array.fail(d, 'fail'));
        let read = array.read(0, model.length, 'read');
        expect(read.lostBytes).toBe(0);
        expect(read.bytes).toEqual(model);
        during.forEach(([o, b]) => write(o, b));
        read = array.read(0, model.length, 'read');
        expect(read.bytes).toEqual(model);
        failed.forEach((d) => array.replace(d, 'replace'));
        expect(array.status).toBe('optimal');
        failed.forEach((d) => expect(array.disks[d].status).toBe('rebuilt'));
        later.forEach((d) => array.fail(d, 'fail'));
        read = array.read(0, model.length, 'read');
        expect(read.bytes).toEqual(model);
        expect(array.snapshot().bytes).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });

  it('beyond the tolerance the loss is reported: failed status, lost bytes marked, the rest still exact', () => {
    fc.assert(
      fc.property(scenario, ({ s, before, failed }) => {
        fc.pre(!withinTolerance(s.level, s.n, failed));
        const { array, model, write } = build(s);
        before.forEach(([o, b]) => write(o, b));
        failed.forEach((d) => array.fail(d, 'fail'));
        expect(array.status).toBe('failed');
        const read = array.read(0, model.length, 'read');
        const dataDisks = s.level === 2 ? s.n - hammingCheckDisks(s.n) : s.n;
        const onlyCheckDisks = s.level === 2 && failed.every((d) => d >= dataDisks);
        if (!onlyCheckDisks) expect(read.lostBytes).toBeGreaterThan(0);
        read.bytes.forEach((b, i) => {
          if (!read.lost[i]) expect(b).toBe(model[i]);
        });
        expect(array.write(0, Uint8Array.of(1), 'write')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('random histories of failures, replacements and writes', () => {
  type Step =
    { kind: 'write'; at: number; bytes: Uint8Array } | { kind: 'fail' | 'replace'; disk: number } | { kind: 'read' };
  const history = setup.chain((s) => {
    const capacity = usableBytes(s.level, s.n, Math.min(...s.sizeBlocks) * s.blockSize);
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        at: fc.nat(capacity - 1),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      }),
      fc.record({ kind: fc.constantFrom('fail' as const, 'replace' as const), disk: fc.nat(s.n - 1) }),
      fc.record({ kind: fc.constant('read' as const) }),
    );
    return fc.record({ s: fc.constant(s), steps: fc.array(step, { maxLength: 12 }) });
  });

  it('while the array has not failed, it holds exactly what was written; once failed, it refuses writes', () => {
    fc.assert(
      fc.property(history, ({ s, steps }) => {
        const { array, model } = build(s);
        let everFailed = false;
        for (const step of steps) {
          if (step.kind === 'fail') array.fail(step.disk, 'fail');
          else if (step.kind === 'replace') array.replace(step.disk, 'replace');
          else if (step.kind === 'write') {
            const bytes = step.bytes.slice(0, model.length - step.at);
            const accepted = array.write(step.at, bytes, 'write');
            expect(accepted).toBe(!everFailed);
            if (accepted) model.set(bytes, step.at);
          } else if (!everFailed) {
            expect(array.read(0, model.length, 'read').bytes).toEqual(model);
          }
          // Data once lost stays lost: a replaced disk cannot bring it back.
          everFailed ||= array.status === 'failed';
          expect(array.status === 'failed').toBe(everFailed);
        }
        if (!everFailed) expect(array.snapshot().bytes).toEqual(model);
      }),
      { numRuns: 400 },
    );
  });
});

describe('disk I/O counted in the trace', () => {
  const ioCount = (trace: Trace, from: number) => {
    const io = trace.events.slice(from).filter((e) => e.kind === 'io' && e.lane === 'hardware');
    return {
      reads: io.filter((e) => e.op === 'disk.read').length,
      writes: io.filter((e) => e.op === 'disk.write').length,
    };
  };

  it('a one-block write on a healthy array costs the small-write I/O of its level', () => {
    const levels = [0, 1, 4, 5, 6, 10] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...levels),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        (level, extra, bs, pick) => {
          const n = LEVEL_INFO[level].minDisks + (level === 10 ? 2 * (extra % 2) : extra);
          const s: Setup = { level, n, blockSize: bs, sizeBlocks: Array(n).fill(4) };
          const { trace, array, write } = build(s);
          // Every striped level here has at least two data blocks per row, so one block never fills a stripe and
          // the read-modify-write path is the one measured.
          const lba = pick % array.usableBlocks;
          const from = trace.events.length;
          write(lba * bs, new Uint8Array(bs).fill(0xab));
          expect(ioCount(trace, from)).toEqual(LEVEL_INFO[level].smallWrite(n));
        },
      ),
    );
  });

  it('RAID-4 puts every write on its one parity disk; RAID-5 spreads parity writes over all disks', () => {
    const parityWriters = (level: 4 | 5) => {
      const { trace, array, write } = build({ level, n: 4, blockSize: 2, sizeBlocks: [4, 4, 4, 4] });
      for (let lba = 0; lba < array.usableBlocks; lba++) write(lba * 2, Uint8Array.of(lba, lba));
      return new Set(
        trace.events
          .filter((e) => e.op === 'disk.write' && /\(P\)/.test(detailIn(e.detail, 'en') ?? ''))
          .map((e) => e.actor),
      );
    };
    expect([...parityWriters(4)]).toEqual(['disk:d3']);
    expect(parityWriters(5).size).toBe(4);
  });

  it('a degraded read shows the reconstruction with its formula', () => {
    const { trace, array, write } = build({ level: 5, n: 4, blockSize: 1, sizeBlocks: [4, 4, 4, 4] });
    write(0, Uint8Array.of(1, 2, 3));
    array.fail(1, 'fail');
    const read = array.read(1, 1, 'read');
    expect(read.bytes).toEqual(Uint8Array.of(2));
    const rec = trace.events.find((e) => e.kind === 'reconstruct');
    expect(rec?.detail).toBe('row 0: D1 = D0 ⊕ D2 ⊕ P');
    expect(rec?.note?.ko).toMatch(/XOR/);
  });

  it('prose details come in Korean beside the unchanged English', () => {
    const { trace, array, write } = build({ level: 5, n: 4, blockSize: 1, sizeBlocks: [4, 4, 4, 4] });
    write(0, Uint8Array.of(1, 2, 3));
    array.fail(1, 'fail');
    const degraded = trace.events.find((e) => e.kind === 'degraded');
    expect(detailIn(degraded?.detail, 'en')).toBe('RAID-5: 1 failed, tolerates 1');
    expect(detailIn(degraded?.detail, 'ko')).toMatch(/[가-힣]/);
    expect(detailIn(degraded?.detail, 'ko')).toContain('RAID-5');
    const parity = trace.events.find((e) => e.kind === 'parity');
    expect(detailIn(parity?.detail, 'en')).toMatch(/^\w+ rows 0: P = ⊕ D_i$/);
    expect(detailIn(parity?.detail, 'ko')).toMatch(/스트라이프 0: P = ⊕ D_i$/);
  });

  it('RAID-6 recovers every pair of lost disks (two data, data + P, data + Q, P + Q) in every row', () => {
    const n = 6;
    for (let x = 0; x < n; x++) {
      for (let y = x + 1; y < n; y++) {
        const { array, model, write } = build({ level: 6, n, blockSize: 3, sizeBlocks: Array(n).fill(n) });
        write(
          0,
          Uint8Array.from({ length: model.length }, (_, i) => (i * 37 + 11) & 0xff),
        );
        array.fail(x, 'fail');
        array.fail(y, 'fail');
        expect(array.read(0, model.length, 'read').bytes).toEqual(model);
      }
    }
    // Over n rows the rotation puts each disk pair in every role combination, which the labels show.
    const cases = new Set<string>();
    for (let row = 0; row < n; row++) {
      const { array } = build({ level: 6, n, blockSize: 1, sizeBlocks: Array(n).fill(n) });
      const kind = (d: number) => array.label(row, d).replace(/\d+/, '');
      cases.add([kind(0), kind(1)].sort().join('+'));
    }
    expect(cases).toEqual(new Set(['D+D', 'D+P', 'D+Q', 'P+Q']));
  });
});
