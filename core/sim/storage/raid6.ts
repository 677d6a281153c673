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

/** P and Q of the data units; Q by Horner's rule from the highest data disk down (wq = wq·2 ⊕ D_z), as Linux does. */
export function syndromes(data: readonly Uint8Array[], length: number): Syndromes {
  if (length % 4 === 0 && data.length > 0) return syndromesByWord(data, length);
  const p = xorUnits(data, length);
  const q = new Uint8Array(length);
  for (let z = data.length - 1; z >= 0; z--) {
    const d = data[z];
    for (let i = 0; i < length; i++) q[i] = mul2(q[i]) ^ d[i];
  }
  return { p, q };
}

const words = (u: Uint8Array, n: number): Int32Array =>
  u.byteOffset % 4 === 0 ? new Int32Array(u.buffer, u.byteOffset, n) : new Int32Array(u.slice(0, n * 4).buffer);

/** Four GF(2^8) bytes times {02} at once (int.uc's SWAR trick): shift each lane left, XOR 0x1d where a top bit fell out. */
const mul2Word = (w: number): number => ((w << 1) & 0xfefefefe) ^ (((w >>> 7) & 0x01010101) * 0x1d);

/**
 * The same syndromes a word at a time (byte lanes never mix, so endianness does not matter), two data disks per pass
 * over the words: P and Q of a word are read and written once per two disks, and the pair's step stays in locals.
 * Int32Array, not Uint32Array: a word with its top bit set stays a small integer, never a heap number. A loop with
 * the disks inside, as int.uc runs with registers, measured slower here: V8 keeps neither the disks' arrays nor their
 * bounds in registers, so each step reloads them.
 */
function syndromesByWord(data: readonly Uint8Array[], length: number): Syndromes {
  const n = length / 4;
  const p = new Uint8Array(length);
  const q = new Uint8Array(length);
  const pw = new Int32Array(p.buffer);
  const qw = new Int32Array(q.buffer);
  const ds = data.map((d) => words(d, n));
  let z = ds.length - 1;
  if (z % 2 === 0) {
    pw.set(ds[z]);
    qw.set(ds[z]);
    z -= 1;
  } else {
    const a = ds[z];
    const b = ds[z - 1];
    for (let i = 0; i < n; i++) {
      pw[i] = a[i] ^ b[i];
      qw[i] = mul2Word(a[i]) ^ b[i];
    }
    z -= 2;
  }
  for (; z > 0; z -= 2) {
    const a = ds[z];
    const b = ds[z - 1];
    for (let i = 0; i < n; i++) {
      const wa = a[i];
      const wb = b[i];
      pw[i] ^= wa ^ wb;
      qw[i] = mul2Word(mul2Word(qw[i]) ^ wa) ^ wb;
    }
  }
  return { p, q };
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
