import { createRng } from '../random.ts';

/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** The join code of a course, drawn from a seed (its new id); a taken code is retried with another seed. */
export function joinCodeFrom(seed: string): string {
  const rng = createRng(seed);
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += rng.pick(ALPHABET.split(''));
  return code;
}

/** What a learner typed → the canonical code (case and separators do not matter). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
