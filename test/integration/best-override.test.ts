import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { startStack } from './helpers/stack.ts';

/** The best-grade cell's two conditional writes on dynalite: grading raises it, an override decides it. */
describe('best-grade cell and overrides', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.stop());

  const cell = { learnerId: 'l1', labId: 'lab', courseId: 'C' };
  const graded = (best: number, at: string) => ({ ...cell, best, submissionId: `s${best}`, updatedAt: at });

  it('is raised by a higher grade until an override sets it, even lower; then grading leaves it', async () => {
    const store = stack.deps.store;
    expect(await store.raiseBest(graded(60, '2026-01-01T00:00:00Z'))).toBe(true);
    expect(await store.raiseBest(graded(100, '2026-01-02T00:00:00Z'))).toBe(true);
    const at = '2026-01-03T00:00:00Z';
    expect(await store.overrideBest({ ...graded(80, at), overriddenAt: at })).toBe(true);
    expect(await store.getBest('l1', 'lab', 'C')).toMatchObject({ best: 80, overriddenAt: at });
    expect(await store.raiseBest(graded(100, '2026-01-04T00:00:00Z'))).toBe(false);
    expect((await store.getBest('l1', 'lab', 'C'))?.best).toBe(80);
  });

  it('keeps the latest override when an earlier one arrives after it', async () => {
    const store = stack.deps.store;
    const later = '2026-02-02T00:00:00Z';
    expect(await store.overrideBest({ ...graded(70, later), overriddenAt: later })).toBe(true);
    const earlier = '2026-02-01T00:00:00Z';
    expect(await store.overrideBest({ ...graded(90, earlier), overriddenAt: earlier })).toBe(false);
    expect((await store.getBest('l1', 'lab', 'C'))?.best).toBe(70);
  });
});
