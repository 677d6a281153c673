import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GradeInput } from '../../core/grading/grade.ts';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { recordingMetrics } from '../../functions/observability/metrics.ts';
import { call, learners, signInAndJoin, starterOf, submitYaml, tokenFor } from './helpers/stack.ts';

/**
 * A class of 200 at a deadline (docs/capacity.md): 100 learners submit in the last minutes before it and 100 just
 * after, each batch all at once, against dynalite and the in-process queue (at-least-once, the real grader). None
 * may be lost, none graded twice, and the late policy must split the class exactly at the deadline.
 */

const CLASS = learners('deadline', 200);
const LAB = 'hvm-boot-vtx';
const POLICY = { kind: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: 5 } as const;

const gradedTexts = new Map<string, number>();
const metrics = recordingMetrics();
/** The app's clock runs `offset` ms ahead of the real one: the test moves the class across the deadline. */
let offset = 0;
const dueAt = new Date(Date.now() + 10 * 60_000);
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocal({
    port: 0,
    inMemory: true,
    users: [...CLASS, ...DEMO_USERS.filter((u) => u.id === 'teacher1')],
    clock: () => new Date(Date.now() + offset),
    sweep: { everySeconds: 3_600, queuedOlderThanSeconds: 3_600 },
    queue: { visibilityTimeoutMs: 2_000, maxReceives: 4, concurrency: 4 },
    grading: (deps) => ({
      ...deps,
      metrics,
      grade: (input: GradeInput) => {
        gradedTexts.set(input.text, (gradedTexts.get(input.text) ?? 0) + 1);
        return (deps.grade ?? gradeSubmission)(input);
      },
    }),
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('200 submissions around a deadline', () => {
  it('loses none, grades each once, and marks exactly the ones after the deadline late', async () => {
    const teacher = await tokenFor(stack, 'teacher1');
    const set = await call(stack, 'PUT', `/api/courses/${DEMO_COURSE.id}/labs/${LAB}/deadline`, {
      token: teacher,
      json: { dueAt: dueAt.toISOString(), latePolicy: POLICY },
    });
    expect(set.status, set.text).toBe(200);

    const ready = await Promise.all(
      CLASS.map(async (learner) => {
        const token = await signInAndJoin(stack, learner.id);
        return { learner, token, starter: await starterOf(stack, token, LAB) };
      }),
    );
    const send = (group: typeof ready) =>
      Promise.all(
        group.map(async ({ learner, token, starter }) => {
          const res = await submitYaml(stack, token, LAB, `${starter}\n# ${learner.id}\n`);
          expect(res.status, res.text).toBe(202);
          return res.body.submissionId as string;
        }),
      );

    // Two minutes before the deadline: the clock keeps running, and a loaded machine takes seconds per batch.
    offset = dueAt.getTime() - Date.now() - 120_000;
    const onTime = await send(ready.slice(0, 100));
    offset = dueAt.getTime() - Date.now() + 60_000; // a minute after it
    const late = await send(ready.slice(100));
    await stack.queue.idle();

    const all = [...onTime, ...late];
    expect(new Set(all).size).toBe(200);
    expect(stack.queue.deadLetters).toHaveLength(0);
    expect(gradedTexts.size).toBe(200);
    expect([...gradedTexts.values()].every((n) => n === 1)).toBe(true);

    for (const id of onTime) {
      const s = await stack.deps.store.getSubmission(id);
      expect(s?.status).toBe('graded');
      expect(s?.claims).toBe(1);
      expect(s?.late).toBeUndefined();
    }
    for (const id of late) {
      const s = await stack.deps.store.getSubmission(id);
      expect(s?.status).toBe('graded');
      expect(s?.claims).toBe(1);
      expect(s?.late).toMatchObject({ daysLate: 1, penaltyPercent: 10 });
      if (s?.result?.gradable) expect(s.result.score).toBeCloseTo(s.result.rawScore * 0.9, 5);
    }

    // The grader's metrics saw every grade once, and the late ones as late.
    expect(metrics.samples).toHaveLength(200);
    expect(metrics.samples.filter((m) => m.late)).toHaveLength(100);
    expect(metrics.failures).toBe(0);
  }, 300_000);
});
