import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../../functions/cli/main.ts';
import { LAB_KINDS, TECHNIQUES } from '../../../core/labs/lab-schema.ts';
import { COURSE_TARGETS } from '../../../core/sim/target.ts';

/** What `virtlab labs --json` prints for one lab (the fields this inventory reads). */
interface Listed {
  id: string;
  kind: string;
  cells: string[];
  difficulty: number;
  title: { ko: string; en: string };
}

async function listLabs(): Promise<Listed[]> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  expect(await main(['labs', '--json'], io)).toBe(0);
  expect(err).toEqual([]);
  return JSON.parse(out.join('\n')) as Listed[];
}

const labs = await listLabs();

/**
 * The course's promise about its labs, read from what the CLI lists (the same summary the web catalogue shows): enough
 * labs, most of the five targets × four techniques covered, every kind of exercise, and a range of difficulty.
 */
describe('the labs inventory (virtlab labs --json)', () => {
  it('lists at least 28 labs, each once, each titled in both languages', () => {
    expect(labs.length).toBeGreaterThanOrEqual(28);
    expect(new Set(labs.map((l) => l.id)).size).toBe(labs.length);
    expect(labs.filter((l) => !l.title.ko || !l.title.en).map((l) => l.id)).toEqual([]);
  });

  it('covers at least 16 of the 20 target × technique cells', () => {
    const grid = COURSE_TARGETS.flatMap((t) => TECHNIQUES.map((q) => `${t}×${q}`));
    expect(grid).toHaveLength(20);
    const covered = grid.filter((cell) => labs.some((l) => l.cells.includes(cell)));
    expect(covered.length, `covered: ${covered.join(', ')}`).toBeGreaterThanOrEqual(16);
  });

  it('has every kind of lab (edit, design, predict, debug)', () => {
    expect(LAB_KINDS).toEqual(['edit', 'design', 'predict', 'debug']);
    expect(new Set(labs.map((l) => l.kind))).toEqual(new Set(LAB_KINDS));
  });

  it('spans difficulty ★1 to ★5', () => {
    const levels = new Set(labs.map((l) => l.difficulty));
    expect([...levels].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
