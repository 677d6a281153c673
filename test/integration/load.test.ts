import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GradeInput } from '../../core/grading/grade.ts';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { call, learners, signInAndJoin, starterOf, submitYaml } from './helpers/stack.ts';

/**
 * Load: 50 learners sign in and join the course over HTTP, then all at once each submit 20 configurations (1,000 in
 * all) to the local stack (dynalite in memory, the in-process queue at-least-once, the real grader handler). The
 * sweeper is held back, so what is proven is that the queue and the grader alone lose nothing and grade nothing
 * twice: every submission ends `graded` and the core grader ran exactly once per submission.
 */

const LEARNERS = learners('load', 50);
const PER_LEARNER = 20;
/** The labs whose grading is cheapest, so the suite measures the pipeline rather than the simulator. */
const LABS = ['sensitive-instructions', 'hvm-boot-vtx', 'app-conflicting-runtimes', 'pv-pagetable-hypercalls'];

const gradedTexts = new Map<string, number>();
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocal({
    port: 0,
    inMemory: true,
    users: LEARNERS,
    config: { rateLimits: { submit: { limit: 1_000, windowSeconds: 60 } } } as never,
    sweep: { everySeconds: 3_600, queuedOlderThanSeconds: 3_600 },
    grading: (deps) => ({
      ...deps,
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

describe('1,000 submissions from 50 concurrent learners', () => {
  it('grades every one exactly once and loses none', async () => {
    const started = performance.now();
    const sent = await Promise.all(
      LEARNERS.map(async (learner) => {
        const token = await signInAndJoin(stack, learner.id);
        const starters = await Promise.all(LABS.map((lab) => starterOf(stack, token, lab)));
        const ids: string[] = [];
        for (let n = 0; n < PER_LEARNER; n++) {
          const lab = n % LABS.length;
          // A distinct comment per submission, so the grader's calls can be counted per submission.
          const res = await submitYaml(stack, token, LABS[lab], `${starters[lab]}\n# ${learner.id} submission ${n}\n`);
          expect(res.status, JSON.stringify(res.body)).toBe(202);
          ids.push(res.body.submissionId);
        }
        return { learner, token, ids };
      }),
    );
    const accepted = performance.now();
    await stack.queue.idle();
    const drained = performance.now();

    const allIds = sent.flatMap((s) => s.ids);
    expect(allIds).toHaveLength(1_000);
    expect(new Set(allIds).size).toBe(1_000);
    expect(stack.queue.deadLetters).toHaveLength(0);

    // The grader ran once per submission: 1,000 calls, each on a different text.
    expect([...gradedTexts.values()].reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(gradedTexts.size).toBe(1_000);
    expect([...gradedTexts.values()].every((n) => n === 1)).toBe(true);

    // Every submission is graded, once (one claim), as each learner sees it through the API.
    for (const { learner, token, ids } of sent) {
      const mine = await call(stack, 'GET', '/api/me/submissions', { token });
      expect(mine.status).toBe(200);
      const subs = (
        mine.body.labs as Array<{ submissions: Array<{ id: string; status: string; learnerId: string }> }>
      ).flatMap((l) => l.submissions);
      expect(subs.map((s) => s.id).sort()).toEqual([...ids].sort());
      for (const s of subs) {
        expect(s.learnerId).toBe(learner.id);
        expect(s.status).toBe('graded');
      }
    }
    for (const id of allIds) {
      const s = await stack.deps.store.getSubmission(id);
      expect(s?.status).toBe('graded');
      expect(s?.claims).toBe(1);
    }
    console.log(
      `load: 1000 submissions accepted in ${((accepted - started) / 1000).toFixed(1)} s, all graded ${((drained - started) / 1000).toFixed(1)} s after the first`,
    );
  }, 300_000); // ~25 s on an idle 2-core machine; far longer when other suites share the cores.
});
