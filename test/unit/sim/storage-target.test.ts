import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import type { StorageState } from '../../../core/sim/storage/state.ts';

const examplesDir = new URL('../../../content/examples/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, examplesDir), 'utf8');

function run(text: string) {
  const result = simulateText(text);
  expect(result.errors).toEqual([]);
  return { ...result, state: result.state as StorageState };
}

const base = {
  target: 'storage',
  blockSize: 4,
  disks: { count: 4, sizeBlocks: 4 },
  arrays: [{ name: 'a1', level: 5, disks: ['d0', 'd1', 'd2', 'd3'] }],
};

function errorsOf(config: object) {
  const result = simulate(config);
  expect(result.ok).toBe(false);
  return result.errors;
}

describe('storage examples', () => {
  it('every storage example is valid and runs', () => {
    const files = readdirSync(examplesDir).filter((f) => f.startsWith('storage-'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(simulateText(example(f)).ok, f).toBe(true);
  });

  it('RAID-5: the degraded read and the read after rebuild return the written bytes', () => {
    const { state, events } = run(example('storage-raid5-rebuild.yaml'));
    expect(state.reads.degraded.text).toBe('HELLO RAID-5 WORLD!!');
    expect(state.reads.afterRebuild.hex).toBe(Buffer.from('HELLO RAID-5 WORLD!!').toString('hex'));
    expect(state.arrays.a1.disks.d1.status).toBe('rebuilt');
    expect(state.arrays.a1.dataIntact).toBe(true);
    expect(state.arrays.a1.usableBlocks).toBe(12);
    expect(events.some((e) => e.kind === 'reconstruct' && e.lane === 'controller')).toBe(true);
    expect(events.some((e) => e.kind === 'rebuild' && e.outcome === 'ok')).toBe(true);
    // The one-block write (step 1) costs 2 reads and 2 writes.
    const step1 = events.filter((e) => e.step === 1 && e.kind === 'io');
    expect(step1.filter((e) => e.op === 'disk.read')).toHaveLength(2);
    expect(step1.filter((e) => e.op === 'disk.write')).toHaveLength(2);
  });

  it('RAID-6 keeps the data intact with two disks down', () => {
    const { state } = run(example('storage-raid6-two-failures.yaml'));
    expect(state.reads.twoDown).toMatchObject({ ok: true, text: 'RAID-6 keeps two parities!!!' });
    expect(state.arrays.a1).toMatchObject({ faultTolerance: 2, dataIntact: true, status: 'optimal', usableBlocks: 15 });
  });

  it('RAID-0 loses the blocks of its failed disk and says so', () => {
    const { state, events } = run(example('storage-raid0-loss.yaml'));
    const a = state.arrays.fast;
    expect(a).toMatchObject({ status: 'failed', dataIntact: false, faultTolerance: 0, lostBlocks: 4 });
    expect(state.reads.afterFailure.ok).toBe(false);
    expect(state.reads.afterFailure.lostBytes).toBe(12);
    expect(state.reads.afterFailure.text).toContain('?');
    const lost = events.find((e) => e.outcome === 'lost' && e.lane === 'controller');
    expect(lost?.note?.ko).toMatch(/복구할 수 없습니다/);
    expect(lost?.note?.en).toMatch(/cannot be recovered/);
    expect(state.ops.map((o) => o.outcome)).toEqual(['ok', 'lost', 'lost', 'lost', 'failed']);
  });

  it('LUNs: thick reserves, thin allocates on write and oversubscribes, masking hides the LUN', () => {
    const { state, events } = run(example('storage-lun-masking.yaml'));
    expect(state.pool).toMatchObject({ capacityBlocks: 12, allocatedBlocks: 9, freeBlocks: 3 });
    expect(state.pool!.subscription).toBeGreaterThan(1);
    expect(state.luns.dbvol).toMatchObject({ provisioning: 'thick', allocatedBlocks: 6, sizeBlocks: 6 });
    expect(state.luns.webvol).toMatchObject({ provisioning: 'thin', allocatedBlocks: 3 });
    expect(state.reads.db.text).toBe('orders');
    expect(state.reads.web.text).toBe('........index.html..');
    const denied = events.find((e) => e.kind === 'denied');
    expect(denied).toMatchObject({ step: 1, outcome: 'denied', actor: 'lun:dbvol' });
    // A denied host touches no disk.
    expect(events.filter((e) => e.step === 1 && e.lane === 'hardware')).toEqual([]);
    // web1 is declared as a VM, so it issues from the guest lane.
    expect(events.find((e) => e.step === 2 && e.kind === 'issue')).toMatchObject({ lane: 'guest', actor: 'vm:web1' });
    expect(state.ops[5].outcome).toBe('failed');
    expect(events.find((e) => e.step === 5 && e.outcome === 'failed')?.note?.en).toMatch(/Pool p1 is full/);
  });
});

describe('storage runs', () => {
  it('every disk I/O is a hardware event of its disk', () => {
    const result = simulate({ ...base, workload: [{ op: 'write', array: 'a1', lba: 0, data: 'abcd' }] });
    const io = result.events.filter((e) => e.kind === 'io');
    expect(io.length).toBeGreaterThan(0);
    for (const e of io) {
      expect(e.lane).toBe('hardware');
      expect(e.actor).toMatch(/^disk:d[0-3]$/);
    }
  });

  it('data may be given as hex, and a read returns hex and text', () => {
    const result = simulate({
      ...base,
      workload: [
        { op: 'write', array: 'a1', lba: 1, hex: '48 69 21' },
        { op: 'read', array: 'a1', lba: 1, length: 3 },
      ],
    });
    const state = result.state as StorageState;
    expect(state.reads.step1).toMatchObject({ hex: '486921', text: 'Hi!', ok: true });
  });

  it('a thick LUN created by the workload fails cleanly when the pool is short', () => {
    const result = simulate({
      ...base,
      pool: { name: 'p1', arrays: ['a1'] },
      luns: [{ name: 'l0', sizeBlocks: 10, provisioning: 'thick', hosts: ['h1'] }],
      workload: [{ op: 'lun.create', lun: 'l1', sizeBlocks: 3, provisioning: 'thick', hosts: ['h1'] }],
    });
    const state = result.state as StorageState;
    expect(state.ops[0].outcome).toBe('failed');
    expect(state.luns.l1).toBeUndefined();
    expect(state.pool!.freeBlocks).toBe(2);
  });

  it('RAID-10 survives one failure per pair and loses data when a whole pair fails', () => {
    const cfg = (failed: string[]) => ({
      target: 'storage',
      blockSize: 2,
      disks: { count: 4, sizeBlocks: 4 },
      arrays: [{ name: 'm', level: 10, disks: ['d0', 'd1', 'd2', 'd3'] }],
      workload: [
        { op: 'write', array: 'm', lba: 0, data: 'mirrors!' },
        ...failed.map((disk) => ({ op: 'fail', disk })),
        { op: 'read', array: 'm', lba: 0, length: 8, name: 'r' },
      ],
    });
    const onePerPair = simulate(cfg(['d0', 'd3'])).state as StorageState;
    expect(onePerPair.reads.r.text).toBe('mirrors!');
    expect(onePerPair.arrays.m).toMatchObject({ dataIntact: true, bestCaseTolerance: 2, faultTolerance: 1 });
    const wholePair = simulate(cfg(['d2', 'd3'])).state as StorageState;
    expect(wholePair.reads.r.ok).toBe(false);
    expect(wholePair.arrays.m.dataIntact).toBe(false);
  });

  it('RAID-3 stripes bytes and RAID-2 bits; both read back after a failure', () => {
    for (const [level, n] of [
      [3, 4],
      [2, 7],
    ] as const) {
      const ids = Array.from({ length: n }, (_, i) => `d${i}`);
      const state = simulate({
        target: 'storage',
        blockSize: 2,
        disks: { count: n, sizeBlocks: 3 },
        arrays: [{ name: 'x', level, disks: ids }],
        workload: [
          { op: 'write', array: 'x', lba: 0, data: 'bytes' },
          { op: 'fail', disk: 'd1' },
          { op: 'read', array: 'x', lba: 0, length: 5, name: 'r' },
        ],
      }).state as StorageState;
      expect(state.reads.r.text).toBe('bytes');
      expect(state.arrays.x.unit).toBe(level === 3 ? 'byte' : 'bit');
      expect(state.arrays.x.usableBytes).toBe(level === 3 ? 3 * 6 : 4 * 6);
    }
  });
});

describe('storage configuration errors', () => {
  it('too few disks for the level names the minimum', () => {
    const errors = errorsOf({ ...base, arrays: [{ name: 'a1', level: 6, disks: ['d0', 'd1', 'd2'] }] });
    expect(errors[0].path).toBe('arrays[0].disks');
    expect(errors[0].message.en).toBe('RAID-6 needs at least 4 disks (got 3).');
    expect(errors[0].message.ko).toContain('최소 4개');
  });

  it('RAID-10 needs an even count', () => {
    const errors = errorsOf({
      ...base,
      disks: { count: 5, sizeBlocks: 4 },
      arrays: [{ name: 'a1', level: 10, disks: ['d0', 'd1', 'd2', 'd3', 'd4'] }],
    });
    expect(errors.map((e) => e.message.en)).toEqual([expect.stringMatching(/even count \(got 5\)/)]);
  });

  it('unknown disk, disk used twice, unknown array in the pool', () => {
    const errors = errorsOf({
      ...base,
      arrays: [
        { name: 'a1', level: 1, disks: ['d0', 'd9'] },
        { name: 'a2', level: 1, disks: ['d0', 'd1'] },
      ],
      pool: { name: 'p', arrays: ['a3'] },
    });
    expect(errors.map((e) => e.path)).toEqual(['arrays[0].disks[1]', 'arrays[1].disks[0]', 'pool.arrays[0]']);
    expect(errors[0].message.en).toMatch(/Unknown disk d9/);
    expect(errors[1].message.en).toMatch(/already used by a1/);
  });

  it('thick LUNs larger than the pool, LUNs without a pool', () => {
    const big = errorsOf({
      ...base,
      pool: { name: 'p', arrays: ['a1'] },
      luns: [{ name: 'l', sizeBlocks: 13, provisioning: 'thick' }],
    });
    expect(big[0].path).toBe('luns');
    expect(big[0].message.en).toMatch(/13 blocks but the pool holds 12/);
    const thinOk = simulate({
      ...base,
      pool: { name: 'p', arrays: ['a1'] },
      luns: [{ name: 'l', sizeBlocks: 13, provisioning: 'thin' }],
    });
    expect(thinOk.ok).toBe(true);
    const noPool = errorsOf({ ...base, luns: [{ name: 'l', sizeBlocks: 1 }] });
    expect(noPool[0].message.en).toMatch(/Define a pool/);
  });

  it('I/O past the end, unknown LUN at that point, unknown disk to fail', () => {
    const errors = errorsOf({
      ...base,
      pool: { name: 'p', arrays: ['a1'] },
      workload: [
        { op: 'read', array: 'a1', lba: 11, length: 5 },
        { op: 'lun.write', lun: 'late', host: 'h', lba: 0, data: 'x' },
        { op: 'lun.create', lun: 'late', sizeBlocks: 2, provisioning: 'thin', hosts: ['h'] },
        { op: 'lun.write', lun: 'late', host: 'h', lba: 1, data: 'xxxxx' },
        { op: 'fail', disk: 'd7' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'workload[0].lba',
      'workload[1].lun',
      'workload[3].lba',
      'workload[4].disk',
    ]);
  });

  it('limits: disk size and disk count', () => {
    const huge = errorsOf({ ...base, blockSize: 4096, disks: { count: 4, sizeBlocks: 17 } });
    expect(huge[0].message.en).toMatch(/too large: 69632 bytes \(at most 65536/);
    const many = errorsOf({ ...base, disks: { count: 65, sizeBlocks: 1 } });
    expect(many[0].message.en).toMatch(/At most 64 disks/);
  });

  it('schema errors are bilingual and carry the line of the text', () => {
    const text = [
      'target: storage',
      'disks: { count: 3, sizeBlocks: 2 }',
      'arrays:',
      '  - { name: a1, level: 7, disks: [d0, d1, d2] }',
      '',
    ].join('\n');
    const result = simulateText(text);
    expect(result.ok).toBe(false);
    expect(result.errors[0].path).toBe('arrays[0].level');
    expect(result.errors[0].line).toBe(4);
    expect(result.errors[0].message).toEqual({
      ko: 'RAID 레벨은 0, 1, 2, 3, 4, 5, 6, 10 중 하나입니다.',
      en: 'The RAID level is one of 0, 1, 2, 3, 4, 5, 6, 10.',
    });
  });

  it('read names key the results, so they must be unique', () => {
    const errors = errorsOf({
      ...base,
      workload: [
        { op: 'read', array: 'a1', lba: 0, length: 1, name: 'r' },
        { op: 'read', array: 'a1', lba: 1, length: 1, name: 'r' },
      ],
    });
    expect(errors.map((e) => [e.path, e.message.en])).toEqual([['workload[1].name', 'The read name r is used twice.']]);
  });

  it('write data is text or hex, exactly one', () => {
    const both = errorsOf({ ...base, workload: [{ op: 'write', array: 'a1', lba: 0, data: 'a', hex: '61' }] });
    expect(both[0].message.en).toMatch(/exactly one of data/);
  });
});
