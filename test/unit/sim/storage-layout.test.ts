import { describe, it, expect } from 'vitest';
import { layoutTable, locate } from '../../../core/sim/storage/layout.ts';
import { LEVEL_INFO, hammingCheckDisks, usableBytes } from '../../../core/sim/storage/raid-levels.ts';
import { hammingCheckBits, hammingCode, hammingSyndrome, diskPosition } from '../../../core/sim/storage/hamming.ts';
import { RaidArray } from '../../../core/sim/storage/array.ts';
import { Trace } from '../../../core/sim/trace.ts';

describe('layouts', () => {
  it('RAID-0 over 4 disks: disk = addr mod 4, offset = addr div 4', () => {
    const vectors: Array<[number, number, number]> = [
      [16, 0, 4],
      [8, 0, 2],
      [10, 2, 2],
      [15, 3, 3],
      [9, 1, 2],
    ];
    for (const [addr, disk, offset] of vectors) {
      const at = locate(0, 4, addr);
      expect([at.disks, at.row]).toEqual([[disk], offset]);
    }
  });

  it('RAID-5 left-symmetric over 4 disks rotates parity and restarts data after it (Linux md default)', () => {
    expect(layoutTable(5, 4, 4)).toEqual([
      ['D0', 'D1', 'D2', 'P'],
      ['D4', 'D5', 'P', 'D3'],
      ['D8', 'P', 'D6', 'D7'],
      ['P', 'D9', 'D10', 'D11'],
    ]);
  });

  it('RAID-6 left-symmetric: P on disk n−1−(row mod n), Q right after it, data after Q', () => {
    expect(layoutTable(6, 5, 5)).toEqual([
      ['Q', 'D0', 'D1', 'D2', 'P'],
      ['D3', 'D4', 'D5', 'P', 'Q'],
      ['D7', 'D8', 'P', 'Q', 'D6'],
      ['D11', 'P', 'Q', 'D9', 'D10'],
      ['P', 'Q', 'D12', 'D13', 'D14'],
    ]);
  });

  it('RAID-3 and RAID-4 keep parity on one dedicated disk; RAID-2 keeps Hamming check disks after the data', () => {
    for (const level of [3, 4] as const) {
      for (const row of layoutTable(level, 4, 3)) expect(row[3]).toBe('P');
    }
    expect(layoutTable(2, 7, 1)).toEqual([['D0', 'D1', 'D2', 'D3', 'H0', 'H1', 'H2']]);
  });

  it('RAID-1 mirrors every unit on every disk; RAID-10 stripes over mirrored pairs', () => {
    expect(layoutTable(1, 3, 2)).toEqual([
      ['D0', 'M0', 'M0'],
      ['D1', 'M1', 'M1'],
    ]);
    expect(layoutTable(10, 4, 2)).toEqual([
      ['D0', 'M0', 'D1', 'M1'],
      ['D2', 'M2', 'D3', 'M3'],
    ]);
  });

  it('RAID-10 over 4 disks reads the even disk of the pair when the offset is even (16→d0@8, 10→d1@5, 15→d3@7)', () => {
    const members = [0, 1, 2, 3].map((i) => ({ id: `d${i}`, bytes: 16 }));
    for (const [block, disk, offset] of [
      [16, 'd0', 8],
      [10, 'd1', 5],
      [15, 'd3', 7],
    ] as const) {
      const trace = new Trace();
      const array = new RaidArray('a', 10, members, 1, trace);
      array.read(block, 1, 'read');
      const io = trace.events.filter((e) => e.kind === 'io');
      expect(io.map((e) => [e.actor, e.detail])).toEqual([
        [`disk:${disk}`, `read block ${offset} (${offset % 2 ? 'M' : 'D'}${block})`],
      ]);
    }
  });
});

describe('RAID level table', () => {
  it('minimum disks, usable capacity and guaranteed fault tolerance', () => {
    const s = 100; // bytes on the smallest disk
    const table = [
      { level: 0, min: 2, n: 4, usable: 4 * s, tol: 0 },
      { level: 1, min: 2, n: 3, usable: s, tol: 2 },
      { level: 3, min: 3, n: 5, usable: 4 * s, tol: 1 },
      { level: 4, min: 3, n: 5, usable: 4 * s, tol: 1 },
      { level: 5, min: 3, n: 5, usable: 4 * s, tol: 1 },
      { level: 6, min: 4, n: 6, usable: 4 * s, tol: 2 },
      { level: 10, min: 4, n: 6, usable: 3 * s, tol: 1 },
      { level: 2, min: 3, n: 7, usable: 4 * s, tol: 1 },
    ] as const;
    for (const { level, min, n, usable, tol } of table) {
      expect(LEVEL_INFO[level].minDisks).toBe(min);
      expect(usableBytes(level, n, s)).toBe(usable);
      expect(LEVEL_INFO[level].tolerance(n)).toBe(tol);
    }
    expect(LEVEL_INFO[10].bestCase(6)).toBe(3);
    expect(LEVEL_INFO[10].evenDisks).toBe(true);
  });

  it('small-write cost: RAID-1 2 writes, RAID-4/5 2 reads + 2 writes, RAID-6 3 reads + 3 writes', () => {
    expect(LEVEL_INFO[1].smallWrite(2)).toEqual({ reads: 0, writes: 2 });
    expect(LEVEL_INFO[4].smallWrite(4)).toEqual({ reads: 2, writes: 2 });
    expect(LEVEL_INFO[5].smallWrite(4)).toEqual({ reads: 2, writes: 2 });
    expect(LEVEL_INFO[6].smallWrite(5)).toEqual({ reads: 3, writes: 3 });
  });

  it('RAID-2 check disks satisfy 2^p ≥ d + p + 1: d=1→p=2, d=4→p=3, d=10→p=4, d=25→p=5', () => {
    for (const [d, p] of [
      [1, 2],
      [4, 3],
      [10, 4],
      [25, 5],
    ]) {
      expect(hammingCheckDisks(d + p)).toBe(p);
      expect(LEVEL_INFO[2].dataPerRow(d + p)).toBe(d);
    }
  });
});

describe('Hamming code of RAID-2', () => {
  it('a codeword has syndrome 0, and flipping any one bit makes the syndrome its position', () => {
    const code = hammingCode(4, 3);
    for (let v = 0; v < 16; v++) {
      const data = [0, 1, 2, 3].map((i) => (v >> i) & 1);
      const checks = hammingCheckBits(code, data);
      expect(hammingSyndrome(code, data, checks)).toBe(0);
      for (let disk = 0; disk < 7; disk++) {
        const d = [...data];
        const c = [...checks];
        if (disk < 4) d[disk] ^= 1;
        else c[disk - 4] ^= 1;
        expect(hammingSyndrome(code, d, c)).toBe(diskPosition(code, disk));
      }
    }
  });
});
