import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EXP, LOG, gfInv, gfMul, gfPowG, mul2 } from '../../../core/sim/storage/gf256.ts';
import { recoverFromP, recoverFromQ, recoverTwoData, syndromes } from '../../../core/sim/storage/raid6.ts';

/** Carry-less multiplication reduced by 0x11d, bit by bit: an independent definition of the field product. */
function slowMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if (b & (1 << i)) r ^= a << i;
  for (let bit = 15; bit >= 8; bit--) if (r & (1 << bit)) r ^= 0x11d << (bit - 8);
  return r;
}

const byte = fc.integer({ min: 0, max: 255 });
const nonzero = fc.integer({ min: 1, max: 255 });

describe('GF(2^8) with polynomial 0x11d and generator {02}', () => {
  it('g = 2 generates all 255 non-zero elements', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 255; i++) seen.add(EXP[i]);
    expect(seen.size).toBe(255);
    expect(seen.has(0)).toBe(false);
    expect(EXP[255]).toBe(EXP[0]);
  });

  it('multiplying by 2 is a shift left, XOR 0x1d when bit 7 was set', () => {
    for (let a = 0; a < 256; a++) {
      const expected = a & 0x80 ? ((a << 1) & 0xff) ^ 0x1d : a << 1;
      expect(mul2(a)).toBe(expected);
      expect(gfMul(a, 2)).toBe(expected);
    }
    expect(mul2(0x80)).toBe(0x1d);
  });

  it('the table product equals the bitwise product reduced by 0x11d', () => {
    fc.assert(fc.property(byte, byte, (a, b) => gfMul(a, b) === slowMul(a, b)));
  });

  it('is a field: commutative, associative, distributive over XOR, with inverses', () => {
    fc.assert(
      fc.property(byte, byte, byte, (a, b, c) => {
        expect(gfMul(a, b)).toBe(gfMul(b, a));
        expect(gfMul(gfMul(a, b), c)).toBe(gfMul(a, gfMul(b, c)));
        expect(gfMul(a, b ^ c)).toBe(gfMul(a, b) ^ gfMul(a, c));
      }),
    );
    fc.assert(fc.property(nonzero, (a) => gfMul(a, gfInv(a)) === 1 && EXP[LOG[a]] === a));
    expect(() => gfInv(0)).toThrow();
  });

  it('g^-k is the inverse of g^k', () => {
    fc.assert(fc.property(fc.integer({ min: -600, max: 600 }), (k) => gfMul(gfPowG(k), gfPowG(-k)) === 1));
  });
});

describe('RAID-6 syndromes and recovery (Anvin)', () => {
  const stripe = fc
    .record({ disks: fc.integer({ min: 2, max: 12 }), len: fc.integer({ min: 1, max: 8 }) })
    .chain(({ disks, len }) =>
      fc.array(fc.uint8Array({ minLength: len, maxLength: len }), { minLength: disks, maxLength: disks }),
    );

  it('Horner Q equals the direct sum Σ g^i·D_i, and P is the XOR', () => {
    fc.assert(
      fc.property(stripe, (data) => {
        const len = data[0].length;
        const { p, q } = syndromes(data, len);
        for (let b = 0; b < len; b++) {
          let direct = 0;
          let x = 0;
          data.forEach((d, i) => {
            direct ^= gfMul(gfPowG(i), d[b]);
            x ^= d[b];
          });
          expect(q[b]).toBe(direct);
          expect(p[b]).toBe(x);
        }
      }),
    );
  });

  it('one data unit from P', () => {
    fc.assert(
      fc.property(stripe, fc.nat(), (data, pick) => {
        const x = pick % data.length;
        const { p } = syndromes(data, data[0].length);
        const damaged = data.map((d, i) => (i === x ? undefined : d));
        expect(recoverFromP(damaged, p)).toEqual(data[x]);
      }),
    );
  });

  it('data + P lost: D_x = (Q ⊕ Q_x)·g^-x', () => {
    fc.assert(
      fc.property(stripe, fc.nat(), (data, pick) => {
        const x = pick % data.length;
        const { q } = syndromes(data, data[0].length);
        const damaged = data.map((d, i) => (i === x ? undefined : d));
        expect(recoverFromQ(damaged, x, q)).toEqual(data[x]);
      }),
    );
  });

  it('two data units lost, solved from P and Q; the Linux recov.c form gives the same bytes', () => {
    fc.assert(
      fc.property(stripe, fc.nat(), fc.nat(), (data, a, b) => {
        const x = a % data.length;
        const y = b % data.length;
        fc.pre(x < y);
        const len = data[0].length;
        const { p, q } = syndromes(data, len);
        const damaged = data.map((d, i) => (i === x || i === y ? undefined : d));
        const [dx, dy] = recoverTwoData(damaged, x, y, p, q);
        expect(dx).toEqual(data[x]);
        expect(dy).toEqual(data[y]);
        // recov.c: D_b = gfexi[b−a]·(P⊕Pxy) ⊕ inv(g^a ⊕ g^b)·(Q⊕Qxy), D_a = D_b ⊕ (P⊕Pxy), with a < b.
        const partial = syndromes(
          damaged.map((d) => d ?? new Uint8Array(len)),
          len,
        );
        const gfexi = gfInv(gfPowG(y - x) ^ 1);
        const invab = gfInv(gfPowG(x) ^ gfPowG(y));
        for (let i = 0; i < len; i++) {
          const pxy = p[i] ^ partial.p[i];
          const qxy = q[i] ^ partial.q[i];
          const db = gfMul(gfexi, pxy) ^ gfMul(invab, qxy);
          expect(db).toBe(data[y][i]);
          expect(db ^ pxy).toBe(data[x][i]);
        }
      }),
    );
  });
});

describe('RAID-6 syndromes a word at a time', () => {
  // The fast path takes whole 8-byte blocks a word at a time, four data disks per pass (zero units padding the
  // count to a multiple of four), and the 0–7 bytes after them a byte at a time: disk counts 1–13 and any length,
  // aligned or not, cover every pass and tail shape against the byte-by-byte definition.
  const unaligned = fc
    .record({
      disks: fc.integer({ min: 1, max: 13 }),
      length: fc.integer({ min: 0, max: 100 }),
      offset: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ disks, length, offset }) =>
      fc
        .array(fc.uint8Array({ minLength: length + offset, maxLength: length + offset }), {
          minLength: disks,
          maxLength: disks,
        })
        .map((backings) => ({ length, data: backings.map((b) => b.subarray(offset)) })),
    );

  it('equal the byte-by-byte definition for any disk count and length, aligned or not', () => {
    fc.assert(
      fc.property(unaligned, ({ length, data }) => {
        const { p, q } = syndromes(data, length);
        expect(p.length).toBe(length);
        expect(q.length).toBe(length);
        for (let i = 0; i < length; i++) {
          let pi = 0;
          let qi = 0;
          data.forEach((d, z) => {
            pi ^= d[i];
            qi ^= slowMul(gfPowG(z), d[i]);
          });
          expect(p[i]).toBe(pi);
          expect(q[i]).toBe(qi);
        }
      }),
      { numRuns: 300 },
    );
  });
});
