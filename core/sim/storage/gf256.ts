/**
 * GF(2^8) as RAID-6 uses it (Anvin, "The mathematics of RAID-6"; Linux lib/raid6): the reducing polynomial is
 * x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and g = {02} generates every non-zero element. Addition is XOR.
 * (The AES polynomial 0x11b would be wrong here: {02} does not generate that field.)
 */
export const GF_POLY = 0x11d;

/**
 * Multiply by the generator {02}: shift left and, when bit 7 falls out, reduce by the polynomial. XOR with 0x11d
 * clears the bit that fell out and adds 0x1d, exactly as Linux mktables.c does with `(a << 1) ^ 0x1d`.
 */
export function mul2(a: number): number {
  return (a << 1) ^ (a & 0x80 ? GF_POLY : 0);
}

/** EXP[i] = g^i, doubled in length so EXP[LOG[a] + LOG[b]] needs no modulo. LOG[g^i] = i; LOG[0] is unused. */
export const EXP: Uint8Array = new Uint8Array(510);
export const LOG: Uint8Array = new Uint8Array(256);
for (let i = 0, a = 1; i < 255; i++, a = mul2(a)) {
  EXP[i] = a;
  EXP[i + 255] = a;
  LOG[a] = i;
}

export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The multiplicative inverse; 0 has none. */
export function gfInv(a: number): number {
  if (a === 0) throw new RangeError('0 has no inverse in GF(2^8)');
  return EXP[255 - LOG[a]];
}

/** g^k for any integer k (negative k gives the inverse power). */
export function gfPowG(k: number): number {
  return EXP[((k % 255) + 255) % 255];
}

/** c·x for every byte of x. */
export function gfScale(c: number, x: Uint8Array): Uint8Array {
  return x.map((v) => gfMul(c, v));
}
