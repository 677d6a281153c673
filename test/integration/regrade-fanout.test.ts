import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import type { SubmissionReceived } from '../../core/course/submission-received.ts';
import type { Submission } from '../../core/course/submission.ts';
import { call, referenceAnswer, startStack, tokenFor, waitFor, waitGraded } from './helpers/stack.ts';

/**
 * A regrade at course scale: 2,000 graded submissions of one lab, fanned out by ticks of at most PAGE
 * submissions, each requeued and sent exactly once in batches of at most ten, none of their `queuedAt` rewritten.
 * Their grading messages are noted and dropped (the grading queue's publish hook), so the fan-out is observed alone.
 */
const C = DEMO_COURSE.id;
const BIG_LAB = 'windows-needs-hvm';
const SMALL_LAB = 'hvm-boot-vtx';
const COUNT = 2_000;
const PAGE = 100;

let stack: LocalStack;
const tokens: Record<string, string> = {};
const published: SubmissionReceived[] = [];
const pageSizes: number[] = [];

beforeAll(async () => {
  stack = await startStack({
    users: [...DEMO_USERS, { id: 'teacher2', name: 'Teacher Two', roles: ['teacher'] }],
    regradePageSize: PAGE,
    queue: {
      onPublish: (e) => {
        if (e.labId !== BIG_LAB) return 'deliver';
        published.push(e);
        return 'drop';
      },
    },
  });
  for (const u of ['learner1', 'teacher1', 'teacher2']) tokens[u] = await tokenFor(stack, u);
  // Every page the fan-out reads goes through the real store; only its size is noted.
  const store = stack.deps.store;
  const page = store.pageLabSubmissions.bind(store);
  store.pageLabSubmissions = async (...args) => {
    const r = await page(...args);
    pageSizes.push(r.items.length);
    return r;
  };
}, 60_000);
afterAll(() => stack?.stop());

const seeded: Submission[] = [];

async function seed(): Promise<void> {
  const base = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < COUNT; i++) {
    const at = new Date(base + i * 1000).toISOString();
    seeded.push({
      id: stack.deps.ids(),
      learnerId: `learner${(i % 40) + 1}`,
      labId: BIG_LAB,
      courseId: C,
      format: 'yaml',
      config: 'target: server\n',
      status: i % 50 === 0 ? 'failed' : 'graded',
      queuedAt: at,
      gradedAt: at,
      claims: 1,
    });
  }
  for (let i = 0; i < seeded.length; i += 100) {
    const chunk = seeded.slice(i, i + 100);
    const ok = await Promise.all(chunk.map((s) => stack.deps.store.putSubmission(s)));
    expect(ok.every(Boolean)).toBe(true);
  }
}

describe('regrade fan-out', () => {
  it(`fans ${COUNT} submissions out in ticks of at most ${PAGE}, each requeued once, queuedAt kept`, async () => {
    await seed();
    const r = await call(stack, 'POST', `/api/courses/${C}/labs/${BIG_LAB}/regrade`, { token: tokens.teacher1 });
    expect(r.status).toBe(202);
    expect(r.body.state).toBe('queued');
    expect(r.body.progress.ko).toBe('재채점 대기 중');
    const location = r.headers.get('location')!;
    expect(location).toBe(`/api/courses/${C}/regrades/${r.body.id}`);

    // A second request while the first fans out is refused, nothing started twice.
    const again = await call(stack, 'POST', `/api/courses/${C}/labs/${BIG_LAB}/regrade`, { token: tokens.teacher1 });
    expect([409, 202]).toContain(again.status);
    if (again.status === 409) expect(again.body.error.code).toBe('regrade_running');

    const job = await waitFor(async () => {
      const j = await call(stack, 'GET', location, { token: tokens.teacher1 });
      return j.body.state === 'done' ? j.body : undefined;
    }, 120_000);
    expect(job).toMatchObject({ listed: COUNT, queued: COUNT, graded: 0 });
    expect(job.ticks).toBeGreaterThanOrEqual(COUNT / PAGE);
    expect(job.ticks).toBeLessThanOrEqual(COUNT / PAGE + 1);
    expect(job.progress.en).toBe(`Queued ${COUNT} submissions · graded 0 of ${COUNT}`);

    // Bounded ticks, batched sends.
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(PAGE);
    expect(stack.queue.publishBatchSizes.length).toBeGreaterThanOrEqual(COUNT / 10);
    expect(Math.max(...stack.queue.publishBatchSizes)).toBeLessThanOrEqual(10);

    // Every submission sent exactly once, marked with the job.
    const ids = published.map((e) => e.submissionId);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids)).toEqual(new Set(seeded.map((s) => s.id)));
    expect(published.every((e) => e.regradeJobId === job.id)).toBe(true);

    // Queued again, history kept.
    const stored = await stack.deps.store.listLabSubmissions(C, BIG_LAB);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const s of seeded) {
      const now = byId.get(s.id)!;
      expect(now.status).toBe('queued');
      expect(now.queuedAt).toBe(s.queuedAt);
    }
    const one = await stack.deps.store.getSubmission(seeded[0].id);
    expect(one!.requeuedAt! > one!.queuedAt).toBe(true);

    const list = await call(stack, 'GET', `/api/courses/${C}/regrades`, { token: tokens.teacher1 });
    expect(list.status).toBe(200);
    expect(list.body.jobs[0].id).toBe(job.id);
  }, 180_000);

  it('the grader marks each regraded result with regradedAt and counts it on the job', async () => {
    const sub = await call(stack, 'POST', `/api/labs/${SMALL_LAB}/submissions`, {
      token: tokens.learner1,
      json: { config: referenceAnswer(stack, SMALL_LAB, 'learner1'), courseId: C },
    });
    expect(sub.status).toBe(202);
    const first = await waitGraded(stack, sub.body.submissionId);
    const r = await call(stack, 'POST', `/api/courses/${C}/labs/${SMALL_LAB}/regrade`, { token: tokens.teacher1 });
    expect(r.status).toBe(202);
    const job = await waitFor(async () => {
      const j = await call(stack, 'GET', r.headers.get('location')!, { token: tokens.teacher1 });
      return j.body.state === 'done' && j.body.graded === j.body.queued ? j.body : undefined;
    }, 30_000);
    expect(job.queued).toBeGreaterThanOrEqual(1);
    expect(job.progress.ko).toBe(`재채점 완료: ${job.queued}개 중 ${job.queued}개 채점됨`);
    const again = await waitGraded(stack, sub.body.submissionId);
    expect(again.queuedAt).toBe(first.queuedAt);
    expect(again.regradedAt).toBe(again.gradedAt);
  }, 60_000);

  it('only the course’s teacher may start a regrade or read its jobs', async () => {
    for (const who of ['learner1', 'teacher2']) {
      const post = await call(stack, 'POST', `/api/courses/${C}/labs/${SMALL_LAB}/regrade`, { token: tokens[who] });
      expect(post.status).toBe(403);
      expect(post.body.error.message.length).toBeGreaterThan(0);
      const list = await call(stack, 'GET', `/api/courses/${C}/regrades`, { token: tokens[who] });
      expect(list.status).toBe(403);
    }
    const jobs = await stack.deps.store.listRegradeJobs(C, 5);
    const one = await call(stack, 'GET', `/api/courses/${C}/regrades/${jobs[0].id}`, { token: tokens.teacher2 });
    expect(one.status).toBe(403);
    const missing = await call(stack, 'GET', `/api/courses/${C}/regrades/01JAAAAAAAAAAAAAAAAAAAAAAA`, {
      token: tokens.teacher1,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('그런 재채점 작업이 없습니다.');
  });
});
