/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Cryptographically random bytes (the edges pass `crypto.getRandomValues`; tests a fixed source). */
export type RandomBytes = (count: number) => Uint8Array;

/**
 * A new join code: 8 characters drawn uniformly from 31 by rejection sampling of random bytes (a byte ≥ 248 is
 * drawn again, so no character is likelier than another): 31^8 ≈ 8.5 × 10^11 codes (about 39.6 bits). Nothing
 * about the course goes in, so a code cannot be computed from the course id; joins are rate-limited per user,
 * which keeps guessing hopeless.
 */
export function newJoinCode(random: RandomBytes): string {
  const limit = 256 - (256 % ALPHABET.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of random(JOIN_CODE_LENGTH * 2)) {
      if (byte < limit && code.length < JOIN_CODE_LENGTH) code += ALPHABET[byte % ALPHABET.length];
    }
  }
  return code;
}

/** What a learner typed → the canonical code (case and separators do not matter). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
