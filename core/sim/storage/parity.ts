/** XOR parity, the redundancy of RAID-3, 4 and 5 and the P syndrome of RAID-6. Units are equal-length byte arrays. */
export function xorUnits(units: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const u of units) for (let i = 0; i < length; i++) out[i] ^= u[i];
  return out;
}

/** a ⊕ b, for the read-modify-write delta P' = P ⊕ D ⊕ D'. */
export function xor2(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v ^ b[i]);
}
