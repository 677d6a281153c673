import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { call, learners, startStack, tokenFor } from './helpers/stack.ts';

/**
 * Rate limits over real HTTP, on a clock the test moves. Each is a fixed window with a counter item raised by a
 * conditional write (exact whatever the concurrency):
 * - submissions: at most 3 accepted per learner and lab per minute window (a refused, 422 submission spends none);
 * - checks: at most 6 configuration reads per user per minute window, counting editor validations and every
 *   submission attempt, refused ones included (each costs the same parse), checked before the text is read.
 */

const LAB = 'hvm-boot-vtx';
const SUBMIT = `/api/labs/${LAB}/submissions`;
const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const [A, B, C, D] = learners('rate', 4);
let now = T0;
let stack: LocalStack;
let tokenA: string;
let tokenB: string;
let tokenC: string;
let tokenD: string;

beforeAll(async () => {
  stack = await startStack({
    users: [A, B, C, D],
    clock: () => new Date(now),
    config: {
      rateLimits: {
        submit: { limit: 3, windowSeconds: 60 },
        validate: { limit: 6, windowSeconds: 60 },
        join: { limit: 3, windowSeconds: 600 },
      },
    },
  });
  [tokenA, tokenB, tokenC, tokenD] = await Promise.all([A, B, C, D].map((u) => tokenFor(stack, u.id)));
});
afterAll(() => stack?.stop());

/** Seconds after T0; each test starts in a window of its own. */
const at = (seconds: number) => {
  now = T0 + seconds * 1000;
};
const submit = (token: string, lab = LAB, config = 'target: server\n') =>
  call(stack, 'POST', `/api/labs/${lab}/submissions`, { token, json: { config } });
const validate = (token: string, config = 'target: server\n') =>
  call(stack, 'POST', `/api/labs/${LAB}/validate`, { token, json: { config } });
const storedOf = async (learnerId: string, lab = LAB) =>
  (await stack.deps.store.listLearnerSubmissions(learnerId, lab)).length;

describe('submission rate limit (a counter per learner, lab and minute)', () => {
  it('accepts 3 in a window, then 429 with Retry-After until the window ends; the refusal is not stored', async () => {
    for (const s of [0, 10, 20]) {
      at(s);
      expect((await submit(tokenA)).status).toBe(202);
    }
    at(30);
    const refused = await submit(tokenA);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.error.message).toMatch(/30/);
    expect(await storedOf(A.id)).toBe(3);
    at(59.999);
    expect((await submit(tokenA)).headers.get('retry-after')).toBe('1');
    at(60);
    expect((await submit(tokenA)).status).toBe(202);
  });

  it('20 concurrent posts by one learner: exactly the limit accepted, every other one a 429 whose Retry-After is within the window', async () => {
    at(120.2);
    const replies = await Promise.all(Array.from({ length: 20 }, () => submit(tokenC)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    for (const r of replies.filter((x) => x.status === 429)) {
      const wait = Number(r.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(wait).toBe(60);
    }
    expect(await storedOf(C.id)).toBe(3);
  });

  it('counts per learner and per lab', async () => {
    at(180);
    for (let i = 0; i < 3; i++) expect((await submit(tokenA)).status).toBe(202);
    expect((await submit(tokenA, 'windows-needs-hvm')).status).toBe(202);
    expect((await submit(tokenB)).status).toBe(202);
    expect((await submit(tokenA)).status).toBe(429);
  });

  it('an invalid configuration spends no submission, but counts toward the check budget', async () => {
    at(240);
    for (let i = 0; i < 3; i++) expect((await submit(tokenB, LAB, 'target: [')).status).toBe(422);
    for (let i = 0; i < 3; i++) expect((await submit(tokenB)).status).toBe(202);
    // 6 checks in this window: the 7th attempt is refused before its text is read, valid or not.
    const refused = await submit(tokenB, LAB, 'target: [');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await storedOf(B.id)).toBe(4);
  });

  it('an Idempotency-Key replay of an accepted submission is answered even when the window is full', async () => {
    at(300);
    const headers = { 'idempotency-key': 'replay-1' };
    const first = await call(stack, 'POST', SUBMIT, { token: tokenD, json: { config: 'target: server\n' }, headers });
    expect(first.status).toBe(202);
    for (let i = 0; i < 2; i++) expect((await submit(tokenD)).status).toBe(202);
    expect((await submit(tokenD)).status).toBe(429);
    const replay = await call(stack, 'POST', SUBMIT, { token: tokenD, json: { config: 'target: server\n' }, headers });
    expect(replay.status).toBe(202);
    expect(replay.body.submissionId).toBe(first.body.submissionId);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a submission refused by the limit leaves its Idempotency-Key unused: the same key in the next window is a new submission', async () => {
    at(360);
    for (let i = 0; i < 3; i++) expect((await submit(tokenA)).status).toBe(202);
    const headers = { 'idempotency-key': 'after-429' };
    const keyed = () => call(stack, 'POST', SUBMIT, { token: tokenA, json: { config: 'target: server\n' }, headers });
    expect((await keyed()).status).toBe(429);
    at(420);
    const accepted = await keyed();
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('check budget (validations and submission attempts, a counter per user and minute)', () => {
  it('allows 6 per user per minute, then 429 with Retry-After until the next minute', async () => {
    at(600 + 45);
    for (let i = 0; i < 6; i++) expect((await validate(tokenA)).status).toBe(200);
    const refused = await validate(tokenA);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('15');
    // A refused check reads nothing: even 7,000 keys cost only the counter's write.
    const big = 'target: server\n' + Array.from({ length: 7000 }, (_, i) => `k${i}: 1`).join('\n');
    expect((await validate(tokenA, big)).status).toBe(429);
    at(660);
    expect((await validate(tokenA)).status).toBe(200);
  });

  it('concurrent validations: exactly the budget answered', async () => {
    at(720.5);
    const replies = await Promise.all(Array.from({ length: 20 }, () => validate(tokenD)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(6);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(14);
  });
});

describe('join attempts (a counter per user and 10 minutes)', () => {
  it('3 attempts per window, right or wrong; then 429 until the window ends', async () => {
    at(1200);
    for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC']) {
      expect((await call(stack, 'POST', '/api/courses/join', { token: tokenC, json: { code } })).status).toBe(404);
    }
    const refused = await call(stack, 'POST', '/api/courses/join', { token: tokenC, json: { code: 'XENHVM26' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    // Another user has a budget of their own.
    expect((await call(stack, 'POST', '/api/courses/join', { token: tokenD, json: { code: 'XENHVM26' } })).status).toBe(
      200,
    );
    at(1800);
    expect((await call(stack, 'POST', '/api/courses/join', { token: tokenC, json: { code: 'XENHVM26' } })).status).toBe(
      200,
    );
  });
});
