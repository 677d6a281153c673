import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../core/sim/simulate.ts';
import type { StorageState } from '../../../core/sim/storage/state.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('LUNs over a pool', () => {
  it('whatever the writes and hosts, a LUN reads back what its allowed host wrote (zeros elsewhere); masked hosts change nothing', () => {
    const scenario = fc.record({
      level: fc.constantFrom(1, 5, 6, 10),
      blockSize: fc.integer({ min: 1, max: 4 }),
      provisioning: fc.constantFrom('thick', 'thin'),
      lunBlocks: fc.integer({ min: 1, max: 8 }),
      writes: fc.array(
        fc.record({
          host: fc.constantFrom('app', 'intruder'),
          at: fc.nat(),
          bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }),
        }),
        { maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(scenario, ({ level, blockSize, provisioning, lunBlocks, writes }) => {
        const size = lunBlocks * blockSize;
        const model = new Uint8Array(size);
        const workload: object[] = [];
        for (const w of writes) {
          const lba = w.at % lunBlocks;
          const bytes = w.bytes.slice(0, size - lba * blockSize);
          workload.push({ op: 'lun.write', lun: 'vol', host: w.host, lba, hex: hex(bytes) });
          if (w.host === 'app') model.set(bytes, lba * blockSize);
        }
        workload.push({ op: 'lun.read', lun: 'vol', host: 'app', lba: 0, length: size, name: 'all' });
        workload.push({ op: 'lun.read', lun: 'vol', host: 'intruder', lba: 0, length: size, name: 'peek' });
        const result = simulate({
          target: 'storage',
          blockSize,
          disks: { count: 4, sizeBlocks: 8 },
          arrays: [{ name: 'a', level, disks: ['d0', 'd1', 'd2', 'd3'] }],
          pool: { name: 'p', arrays: ['a'] },
          luns: [{ name: 'vol', sizeBlocks: lunBlocks, provisioning, hosts: ['app'] }],
          workload,
        });
        expect(result.errors).toEqual([]);
        const state = result.state as StorageState;
        expect(state.reads.all.hex).toBe(hex(model));
        expect(state.reads.peek).toMatchObject({ denied: true, ok: false, hex: '' });
        const allocated = state.luns.vol.allocatedBlocks;
        if (provisioning === 'thick') expect(allocated).toBe(lunBlocks);
        else {
          // A thin LUN holds exactly the blocks its allowed host touched.
          const touched = new Set<number>();
          for (const w of writes.filter((x) => x.host === 'app')) {
            const lba = w.at % lunBlocks;
            const len = Math.min(w.bytes.length, size - lba * blockSize);
            for (let b = lba; b * blockSize < lba * blockSize + len; b++) touched.add(b);
          }
          expect(allocated).toBe(touched.size);
        }
        expect(state.pool!.allocatedBlocks).toBe(allocated);
        expect(state.arrays.a.dataIntact).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('two LUNs share the pool without overwriting each other, across two arrays', () => {
    const result = simulate({
      target: 'storage',
      blockSize: 2,
      disks: { count: 6, sizeBlocks: 2 },
      arrays: [
        { name: 'm', level: 1, disks: ['d0', 'd1'] },
        { name: 'r', level: 5, disks: ['d2', 'd3', 'd4', 'd5'] },
      ],
      pool: { name: 'p', arrays: ['m', 'r'] },
      luns: [
        { name: 'x', sizeBlocks: 4, provisioning: 'thin', hosts: ['h'] },
        { name: 'y', sizeBlocks: 4, provisioning: 'thin', hosts: ['h'] },
      ],
      workload: [
        { op: 'lun.write', lun: 'x', host: 'h', lba: 0, data: 'xx' },
        { op: 'lun.write', lun: 'y', host: 'h', lba: 0, data: 'yyyyyy' },
        { op: 'lun.write', lun: 'x', host: 'h', lba: 1, data: 'XXXXXX' },
        { op: 'fail', disk: 'd4' }, // holds r's block 2, which is x's block 1
        { op: 'lun.read', lun: 'x', host: 'h', lba: 0, length: 8, name: 'x' },
        { op: 'lun.read', lun: 'y', host: 'h', lba: 0, length: 6, name: 'y' },
      ],
    });
    const state = result.state as StorageState;
    expect(state.pool).toMatchObject({ capacityBlocks: 8, allocatedBlocks: 7, freeBlocks: 1 });
    expect(state.reads.x.text).toBe('xxXXXXXX');
    expect(state.reads.y.text).toBe('yyyyyy');
    // x's later blocks landed on the RAID-5 array, whose failed disk is rebuilt by XOR on the read.
    expect(result.events.some((e) => e.step === 4 && e.kind === 'reconstruct')).toBe(true);
  });
});
