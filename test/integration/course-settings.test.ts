import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, startStack, starterOf, tokenFor, waitGraded } from './helpers/stack.ts';

/** The course's reveal default, set through the API against dynalite and applied to what a learner sees. */
const LAB = 'hvm-boot-vtx';
const C = DEMO_COURSE.id;
let stack: LocalStack;
const t: Record<string, string> = {};

interface Check {
  passed: boolean;
  expected?: unknown;
  fix?: unknown;
}

beforeAll(async () => {
  stack = await startStack({ users: [...DEMO_USERS, { id: 'ta1', name: 'TA One', roles: ['learner'] }] });
  for (const u of ['learner1', 'learner2', 'teacher1', 'ta1']) t[u] = await tokenFor(stack, u);
  expect(
    (await call(stack, 'PUT', `/api/courses/${C}/staff/ta1`, { token: t.teacher1, json: { role: 'ta' } })).status,
  ).toBe(200);
});
afterAll(() => stack?.stop());

async function failedAttempt(learner: string): Promise<string> {
  const sub = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
    token: t[learner],
    json: { config: await starterOf(stack, t[learner], LAB), courseId: C },
  });
  expect(sub.status, sub.text).toBe(202);
  await waitGraded(stack, sub.body.submissionId);
  return sub.body.submissionId;
}

const gradeAs = async (id: string, user: string) =>
  (await call(stack, 'GET', `/api/submissions/${id}`, { token: t[user] })).body.result.grade as {
    checks: Check[];
    reveal: { full: boolean; attemptsLeft: number };
  };

describe('course reveal default', () => {
  it('starts at the platform default: 3 attempts, the deadline reveals', async () => {
    const got = await call(stack, 'GET', `/api/courses/${C}/settings`, { token: t.ta1 });
    expect(got.status, got.text).toBe(200);
    expect(got.body).toEqual({ courseId: C, reveal: { afterAttempts: 3, afterDeadline: true } });
  });

  it('the owner sets it; a learner’s first failed attempt then shows no fix and no exact expected value', async () => {
    const set = await call(stack, 'PUT', `/api/courses/${C}/settings/reveal`, {
      token: t.teacher1,
      json: { afterAttempts: 2, afterDeadline: false },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.reveal).toEqual({ afterAttempts: 2, afterDeadline: false });

    const first = await failedAttempt('learner1');
    const learnerView = await gradeAs(first, 'learner1');
    expect(learnerView.checks.some((c) => !c.passed)).toBe(true);
    expect(learnerView.checks.some((c) => 'fix' in c || 'expected' in c)).toBe(false);
    // The course's 2, not the platform's 3: one more attempt to go.
    expect(learnerView.reveal).toEqual({ full: false, attemptsLeft: 1, opensBy: { hints: true, deadline: false } });

    // The teacher sees everything of the same attempt.
    const teacherView = await gradeAs(first, 'teacher1');
    expect(teacherView.reveal).toMatchObject({ full: true, because: 'teacher' });
    expect(teacherView.checks.find((c) => !c.passed)?.expected).toBeDefined();

    // The second attempt reaches the course's threshold.
    const second = await failedAttempt('learner1');
    expect((await gradeAs(second, 'learner1')).reveal).toMatchObject({ full: true, because: 'attempts' });
  });

  it('a passed deadline no longer reveals when the course turned that off', async () => {
    await stack.deps.store.putDeadline({
      courseId: C,
      labId: LAB,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
      latePolicy: { kind: 'none' },
    });
    const late = await failedAttempt('learner2');
    expect((await gradeAs(late, 'learner2')).reveal).toEqual({
      full: false,
      attemptsLeft: 1,
      opensBy: { hints: true, deadline: false },
    });
    // The note under the checks promises only what the policy keeps: hints or one more attempt, not the deadline.
    const page = await call(stack, 'GET', `/submissions/${late}?lang=en`, {
      headers: { cookie: `virtlab_session=${t.learner2}`, accept: 'text/html' },
    });
    expect(page.text).toContain('once you have revealed every hint or after 1 more graded attempt. For now');
    expect(page.text).not.toContain('after the deadline');
  });

  it('is audited with what it replaced', async () => {
    const log = await call(stack, 'GET', `/api/courses/${C}/audit?limit=200`, { token: t.teacher1 });
    const rec = log.body.records.find((r: { action: string }) => r.action === 'reveal.set');
    expect(rec).toMatchObject({
      actorId: 'teacher1',
      actorRole: 'owner',
      target: `course:${C}`,
      before: { afterAttempts: 3, afterDeadline: true },
      after: { afterAttempts: 2, afterDeadline: false },
    });
  });

  it('refuses a TA and a learner, and bad input, in Korean first and in English', async () => {
    const ta = await call(stack, 'PUT', `/api/courses/${C}/settings/reveal`, {
      token: t.ta1,
      json: { afterAttempts: 0, afterDeadline: true },
      headers: { 'accept-language': 'ko' },
    });
    expect(ta.status).toBe(403);
    expect(ta.body.error.message).toContain('조교');
    const learner = await call(stack, 'PUT', `/api/courses/${C}/settings/reveal`, {
      token: t.learner1,
      json: { afterAttempts: 0, afterDeadline: true },
    });
    expect(learner.status).toBe(403);
    for (const [lang, json] of [
      ['ko', { afterAttempts: -1, afterDeadline: true }],
      ['en', { afterAttempts: 2, afterDeadline: 'yes' }],
      ['en', { afterAttempts: 2, afterDeadline: true, afterAllHints: false }],
    ] as const) {
      const bad = await call(stack, 'PUT', `/api/courses/${C}/settings/reveal`, {
        token: t.teacher1,
        json,
        headers: { 'accept-language': lang },
      });
      expect(bad.status, JSON.stringify(json)).toBe(400);
      expect(bad.body.error.details.length).toBeGreaterThan(0);
    }
    // Nothing was changed by the refused writes.
    const got = await call(stack, 'GET', `/api/courses/${C}/settings`, { token: t.teacher1 });
    expect(got.body.reveal).toEqual({ afterAttempts: 2, afterDeadline: false });
  });
});
