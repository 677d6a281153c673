import { gfInv, gfMul, gfPowG, gfScale, mul2 } from './gf256.ts';
import { xor2, xorUnits } from './parity.ts';

/**
 * RAID-6 syndromes and recovery after Anvin, "The mathematics of RAID-6", over GF(2^8) (see gf256.ts):
 * P = ⊕ D_i and Q = ⊕ g^i·D_i, where i is the data unit's slot in the stripe.
 */
export interface Syndromes {
  p: Uint8Array;
  q: Uint8Array;
}

/**
 * P and Q of the data units; Q by Horner's rule from the highest data disk down (wq = wq·2 ⊕ D_z), as Linux does.
 * Whole 8-byte blocks go a 32-bit word at a time (syndromesByWord); the 0–7 bytes after them a byte at a time.
 */
export function syndromes(data: readonly Uint8Array[], length: number): Syndromes {
  const p = new Uint8Array(length);
  const q = new Uint8Array(length);
  const bulk = data.length > 0 ? length - (length % 8) : 0;
  if (bulk > 0) syndromesByWord(data, bulk / 4, p, q);
  for (let z = data.length - 1; z >= 0; z--) {
    const d = data[z];
    for (let i = bulk; i < length; i++) {
      p[i] ^= d[i];
      q[i] = mul2(q[i]) ^ d[i];
    }
  }
  return { p, q };
}

/** The first n 32-bit words of a unit: a view where it is aligned, else a copy. */
const words = (u: Uint8Array, n: number): Int32Array =>
  u.byteOffset % 4 === 0 ? new Int32Array(u.buffer, u.byteOffset, n) : new Int32Array(u.slice(0, n * 4).buffer);

/** Four GF(2^8) bytes times {02} at once (int.uc's SWAR trick): shift each lane left, XOR 0x1d where a top bit fell out. */
const mul2Word = (w: number): number => ((w << 1) & 0xfefefefe) ^ (((w >>> 7) & 0x01010101) * 0x1d);

/**
 * P and Q of the first n words (n even; p and q zero) a word at a time: byte lanes never mix, so endianness does not
 * matter. Four data disks per pass (horner4), highest first; when the disk count is not a multiple of four, zero
 * units stand above the highest disk, which changes neither syndrome (0·2 ⊕ 0 = 0).
 */
function syndromesByWord(data: readonly Uint8Array[], n: number, p: Uint8Array, q: Uint8Array): void {
  const pw = new Int32Array(p.buffer, 0, n);
  const qw = new Int32Array(q.buffer, 0, n);
  const pad = (4 - (data.length % 4)) % 4;
  const zero = new Int32Array(pad > 0 ? n : 0);
  const units = [...Array<Int32Array>(pad).fill(zero), ...data.map((d) => words(d, n)).reverse()];
  for (let z = 0; z < units.length; z += 4) horner4(pw, qw, units[z], units[z + 1], units[z + 2], units[z + 3], n);
}

/**
 * One pass of four data disks a, b, c, d (a the highest) over words [0, n), n even:
 * P ⊕= a ⊕ b ⊕ c ⊕ d and Q = (((Q·2 ⊕ a)·2 ⊕ b)·2 ⊕ c)·2 ⊕ d.
 * Measured shape (Node 20): a separate function, so V8 optimizes it whole rather than only its loop (an optimized
 * loop alone left the code after it without feedback, deoptimizing on every call); Int32Array, so a word with its
 * top bit set stays a small integer; two words per step with every load before any store, because V8 checks a
 * typed array again after any store to one, and this way checks each array once per two words. Four disks per pass
 * beat two (P and Q are read and written half as often) and eight (too few registers), and beat int.uc's loop over
 * the disks inside, where each step reloads a disk's array from the list.
 */
function horner4(
  pw: Int32Array,
  qw: Int32Array,
  a: Int32Array,
  b: Int32Array,
  c: Int32Array,
  d: Int32Array,
  n: number,
) {
  for (let i = 0; i < n; i += 2) {
    const j = i + 1;
    const a0 = a[i],
      b0 = b[i],
      c0 = c[i],
      d0 = d[i],
      p0 = pw[i],
      q0 = qw[i];
    const a1 = a[j],
      b1 = b[j],
      c1 = c[j],
      d1 = d[j],
      p1 = pw[j],
      q1 = qw[j];
    pw[i] = p0 ^ a0 ^ b0 ^ c0 ^ d0;
    qw[i] = mul2Word(mul2Word(mul2Word(mul2Word(q0) ^ a0) ^ b0) ^ c0) ^ d0;
    pw[j] = p1 ^ a1 ^ b1 ^ c1 ^ d1;
    qw[j] = mul2Word(mul2Word(mul2Word(mul2Word(q1) ^ a1) ^ b1) ^ c1) ^ d1;
  }
}

/** The data with the lost units (undefined) set to zero, which is how the partial syndromes P_x, Q_xy are taken. */
function zeroed(data: readonly (Uint8Array | undefined)[], length: number): Uint8Array[] {
  return data.map((d) => d ?? new Uint8Array(length));
}

/** One data unit D_x lost, P intact: D_x = P ⊕ (the other data), exactly as RAID-5. */
export function recoverFromP(data: readonly (Uint8Array | undefined)[], p: Uint8Array): Uint8Array {
  return xor2(p, xorUnits(zeroed(data, p.length), p.length));
}

/** D_x and P lost: Q_x is Q with D_x = 0, and D_x = (Q ⊕ Q_x)·g^{−x}. */
export function recoverFromQ(data: readonly (Uint8Array | undefined)[], x: number, q: Uint8Array): Uint8Array {
  const qx = syndromes(zeroed(data, q.length), q.length).q;
  return gfScale(gfPowG(-x), xor2(q, qx));
}

/**
 * Two data units D_x and D_y (x < y) lost: with P_xy, Q_xy taken with both zero,
 * A = g^{y−x}·(g^{y−x} ⊕ 1)^{−1}, B = g^{−x}·(g^{y−x} ⊕ 1)^{−1},
 * D_x = A·(P ⊕ P_xy) ⊕ B·(Q ⊕ Q_xy), D_y = (P ⊕ P_xy) ⊕ D_x.
 */
export function recoverTwoData(
  data: readonly (Uint8Array | undefined)[],
  x: number,
  y: number,
  p: Uint8Array,
  q: Uint8Array,
): [Uint8Array, Uint8Array] {
  const partial = syndromes(zeroed(data, p.length), p.length);
  const pxy = xor2(p, partial.p);
  const qxy = xor2(q, partial.q);
  const denom = gfInv(gfPowG(y - x) ^ 1);
  const a = gfMul(gfPowG(y - x), denom);
  const b = gfMul(gfPowG(-x), denom);
  const dx = pxy.map((pv, i) => gfMul(a, pv) ^ gfMul(b, qxy[i]));
  return [dx, xor2(pxy, dx)];
}
