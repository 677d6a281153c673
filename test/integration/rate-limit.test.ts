import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { call, learners, startStack, tokenFor } from './helpers/stack.ts';

/**
 * Rate limits over real HTTP, on a clock the test moves. Submissions: at most 3 per learner and lab in any 60 s,
 * read from the learner's own stored submissions (a sliding window, no counter). Validation: 4 per user per fixed
 * minute (a counter, since a validation stores nothing to count by).
 */

const LAB = 'hvm-boot-vtx';
const SUBMIT = `/api/labs/${LAB}/submissions`;
const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const [A, B] = learners('rate', 2);
let now = T0;
let stack: LocalStack;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  stack = await startStack({
    users: [A, B],
    clock: () => new Date(now),
    config: { rateLimits: { submit: { limit: 3, windowSeconds: 60 }, validate: { limit: 4, windowSeconds: 60 } } },
  });
  [tokenA, tokenB] = await Promise.all([tokenFor(stack, A.id), tokenFor(stack, B.id)]);
});
afterAll(() => stack?.stop());

const at = (seconds: number) => {
  now = T0 + seconds * 1000;
};
const submit = (token: string, lab = LAB, config = 'target: server\n') => call(stack, 'POST', `/api/labs/${lab}/submissions`, { token, json: { config } });
const storedOf = async (learnerId: string, lab = LAB) => (await stack.deps.store.listLearnerSubmissions(learnerId, lab)).length;

describe('submission rate limit (sliding window over the learner’s own submissions)', () => {
  it('allows 3 per lab in 60 s, then 429 with Retry-After until the oldest leaves; the refusal is not stored', async () => {
    for (const s of [0, 10, 20]) {
      at(s);
      expect((await submit(tokenA)).status).toBe(202);
    }
    at(30);
    const refused = await submit(tokenA);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // The first submission (at 0 s) leaves the window at 60 s.
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.error.message).toMatch(/30/);
    expect(await storedOf(A.id)).toBe(3);
  });

  it('slides: a slot frees exactly when the oldest is 60 s old, and the next wait is for the next oldest', async () => {
    at(59.999);
    expect((await submit(tokenA)).status).toBe(429);
    at(60);
    expect((await submit(tokenA)).status).toBe(202);
    at(61);
    const refused = await submit(tokenA);
    expect(refused.status).toBe(429);
    // In the window now: 10 s, 20 s and 60 s; the one at 10 s leaves at 70 s.
    expect(refused.headers.get('retry-after')).toBe('9');
    expect(await storedOf(A.id)).toBe(4);
  });

  it('counts per learner and per lab', async () => {
    at(62);
    expect((await submit(tokenA, 'windows-needs-hvm')).status).toBe(202);
    expect((await submit(tokenB)).status).toBe(202);
    expect(await storedOf(A.id, 'windows-needs-hvm')).toBe(1);
  });

  it('an invalid configuration costs no attempt', async () => {
    at(100);
    for (let i = 0; i < 5; i++) expect((await submit(tokenB, LAB, 'target: [')).status).toBe(422);
    expect((await submit(tokenB)).status).toBe(202);
    expect((await submit(tokenB)).status).toBe(202);
    expect((await submit(tokenB)).status).toBe(429);
    expect(await storedOf(B.id)).toBe(3);
  });

  it('an Idempotency-Key replay of an accepted submission is answered even when the window is full', async () => {
    at(200);
    const headers = { 'idempotency-key': 'replay-1' };
    const first = await call(stack, 'POST', SUBMIT, { token: tokenB, json: { config: 'target: server\n' }, headers });
    expect(first.status).toBe(202);
    for (let i = 0; i < 2; i++) expect((await submit(tokenB)).status).toBe(202);
    expect((await submit(tokenB)).status).toBe(429);
    const replay = await call(stack, 'POST', SUBMIT, { token: tokenB, json: { config: 'target: server\n' }, headers });
    expect(replay.status).toBe(202);
    expect(replay.body.submissionId).toBe(first.body.submissionId);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a submission refused by the limit leaves its Idempotency-Key unused: the same key once a slot frees is a new submission, counted from then', async () => {
    for (const s of [300, 310, 320]) {
      at(s);
      expect((await submit(tokenA)).status).toBe(202);
    }
    const headers = { 'idempotency-key': 'after-429' };
    const keyed = () => call(stack, 'POST', SUBMIT, { token: tokenA, json: { config: 'target: server\n' }, headers });
    at(330);
    expect((await keyed()).status).toBe(429);
    at(370);
    const accepted = await keyed();
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('idempotent-replayed')).toBeNull();
    // It counts in the window from when it was accepted, not from the refused attempt (that would free its slot early).
    const times = await stack.deps.store.recentSubmissionTimes(A.id, LAB, new Date(T0 + 300_000), 10);
    expect(times.map((t) => (t.getTime() - T0) / 1000)).toEqual([370, 320, 310, 300]);
  });
});

describe('validation rate limit (fixed window counter)', () => {
  it('allows 4 per user per minute, then 429 with Retry-After until the next minute', async () => {
    at(600 + 45);
    const validate = () => call(stack, 'POST', `/api/labs/${LAB}/validate`, { token: tokenA, json: { config: 'target: server\n' } });
    for (let i = 0; i < 4; i++) expect((await validate()).status).toBe(200);
    const refused = await validate();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('15');
    at(660);
    expect((await validate()).status).toBe(200);
  });
});
