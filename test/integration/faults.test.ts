import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionReceived } from '../../core/course/submission-received.ts';
import { gradeSubmission, type GradeInput } from '../../core/grading/grade.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, learners, referenceAnswer, signInAndJoin, startStack, submitYaml, waitFor } from './helpers/stack.ts';

/**
 * Injected faults on the local stack (dynalite, the in-process at-least-once queue, the real grader handler and
 * sweeper). Each scenario ends with every submission graded exactly once: one successful grading per submission,
 * status `graded`, full marks, nothing dead-lettered. The faults are injected at the edges only (the queue's
 * publish hook, a wrapper around the core grader, a claim left by a grader that "died", a malformed message); the
 * handler, queue and sweeper are real.
 */

const LAB = 'sensitive-instructions';
const USERS = learners('fault', 6);
/** Receives after which the queue parks a message among its dead letters. */
const MAX_RECEIVES = 4;

type PublishFault = 'deliver' | 'drop' | 'duplicate' | 'throw';
/** What the current scenario does to publishes and to grading; reset by each test. */
const plan = {
  publish: (_e: SubmissionReceived): PublishFault => 'deliver',
  crash: (_text: string, _attempt: number): boolean => false,
};
/** Per submission text: grader calls, and calls that returned a grade. */
const calls = new Map<string, { attempts: number; graded: number }>();

function countedGrade(input: GradeInput) {
  const c = calls.get(input.text) ?? { attempts: 0, graded: 0 };
  calls.set(input.text, c);
  c.attempts++;
  if (plan.crash(input.text, c.attempts)) throw new Error('injected grader crash');
  const result = gradeSubmission(input);
  c.graded++;
  return result;
}

let stack: LocalStack;
const tokens = new Map<string, string>();

beforeAll(async () => {
  stack = await startStack({
    users: USERS,
    // Short visibility (from startStack), so a message given back by the grader comes again within the test.
    queue: {
      maxReceives: MAX_RECEIVES,
      batchSize: 10,
      onPublish: (e) => {
        const fault = plan.publish(e);
        if (fault === 'throw') throw new Error('injected publish failure');
        return fault;
      },
    },
    grading: (deps) => ({ ...deps, grade: countedGrade }),
  });
  for (const u of USERS) tokens.set(u.id, await signInAndJoin(stack, u.id));
});

afterAll(async () => {
  await stack?.stop();
});

/** Submit `n` distinct configurations as `learner`, each the lab's reference answer for them; their ids and texts. */
async function submitMany(learner: string, n: number, tag: string): Promise<Array<{ id: string; text: string }>> {
  const answer = referenceAnswer(stack, LAB, learner);
  const out = [];
  for (let i = 0; i < n; i++) {
    const text = `${answer}\n# ${tag} ${i}\n`;
    const res = await submitYaml(stack, tokens.get(learner)!, LAB, text);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    out.push({ id: res.body.submissionId as string, text });
  }
  return out;
}

/** Every submission graded with full marks, by exactly one successful grading; returns the stored submissions. */
async function expectGradedOnce(subs: Array<{ id: string; text: string }>) {
  const stored = [];
  for (const s of subs) {
    const sub = await stack.deps.store.getSubmission(s.id);
    expect(sub?.status, s.text).toBe('graded');
    expect(sub?.result?.gradable).toBe(true);
    expect(sub?.result?.score).toBe(100);
    expect(calls.get(s.text)?.graded, s.text).toBe(1);
    stored.push(sub!);
  }
  expect(stack.queue.deadLetters).toHaveLength(0);
  return stored;
}

function resetPlan() {
  plan.publish = () => 'deliver';
  plan.crash = () => false;
}

describe('faults end graded exactly once', () => {
  it('the grader crashes on one message in the middle of a batch: only that one comes back, and is graded on retry', async () => {
    resetPlan();
    // Hold delivery so the ten messages form one batch for the real grader handler.
    stack.queue.pause();
    const subs = await submitMany(USERS[0].id, 10, 'crash-mid-batch');
    expect(stack.queue.depth).toBe(10);
    const victim = subs[4].text;
    plan.crash = (text, attempt) => text === victim && attempt === 1;
    const batches = stack.queue.batchSizes.length;
    stack.queue.resume();
    await stack.queue.idle();

    // One batch of ten, then the victim alone on its redelivery.
    expect(stack.queue.batchSizes.slice(batches)).toEqual([10, 1]);
    const stored = await expectGradedOnce(subs);
    expect(calls.get(victim)?.attempts).toBe(2);
    // The rest of the batch was not given back (partial batch response): graded on their one and only claim.
    for (const [i, s] of stored.entries()) expect(s.claims, subs[i].text).toBe(i === 4 ? 2 : 1);
    for (const s of subs.filter((s) => s.text !== victim)) expect(calls.get(s.text)?.attempts).toBe(1);
  });

  it('a grader that keeps crashing marks the submission failed after its claims run out, instead of looping', async () => {
    resetPlan();
    plan.crash = (text) => text.includes('# always-crash');
    const learner = USERS[1].id;
    const [sub] = await submitMany(learner, 1, 'always-crash');
    await stack.queue.idle();
    const stored = await stack.deps.store.getSubmission(sub.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.claims).toBe(3);
    expect(calls.get(sub.text)).toEqual({ attempts: 3, graded: 0 });
    expect(stack.queue.deadLetters).toHaveLength(0);
    // The learner is told it failed, without the grader's internal error.
    const view = await call(stack, 'GET', `/api/submissions/${sub.id}?lang=en`, { token: tokens.get(learner) });
    expect(view.body.failureMessage.en).toMatch(/failed/i);
    expect(view.text).not.toContain('injected grader crash');
  });

  it('every event is delivered twice: each submission is still graded once, on one claim, and is the best grade', async () => {
    resetPlan();
    plan.publish = () => 'duplicate';
    const learner = USERS[2].id;
    const subs = await submitMany(learner, 8, 'duplicate');
    await stack.queue.idle();
    const stored = await expectGradedOnce(subs);
    for (const s of subs) expect(calls.get(s.text)?.attempts).toBe(1);
    for (const s of stored) expect(s.claims).toBe(1);
    const best = await stack.deps.store.getBest(learner, LAB, DEMO_COURSE.id);
    expect(best?.best).toBe(100);
    expect(subs.map((s) => s.id)).toContain(best?.submissionId);
  });

  it('an event is redelivered after grading: nothing changes', async () => {
    resetPlan();
    const subs = await submitMany(USERS[3].id, 3, 'redeliver');
    await stack.queue.idle();
    const before = await expectGradedOnce(subs);
    for (const s of before) {
      await stack.queue.publish({ submissionId: s.id, learnerId: s.learnerId, labId: s.labId, courseId: s.courseId });
      await stack.queue.publish({ submissionId: s.id, learnerId: s.learnerId, labId: s.labId, courseId: s.courseId });
    }
    await stack.queue.idle();
    const after = await expectGradedOnce(subs);
    expect(after.map((s) => [s.gradedAt, s.claims, s.result?.score])).toEqual(
      before.map((s) => [s.gradedAt, s.claims, s.result?.score]),
    );
  });

  it.each(['drop', 'throw'] as const)(
    'publishing fails after the submission was stored (%s): it stays queued until the sweeper publishes it again',
    async (fault) => {
      resetPlan();
      plan.publish = () => fault;
      const subs = await submitMany(USERS[4].id, 4, `publish-${fault}`);
      await stack.queue.idle();
      for (const s of subs) {
        expect((await stack.deps.store.getSubmission(s.id))?.status).toBe('queued');
        expect(calls.has(s.text)).toBe(false);
      }
      plan.publish = () => 'deliver';
      // The earlier scenarios left nothing queued: the sweeper publishes exactly these.
      expect(await stack.sweepNow()).toBe(subs.length);
      await stack.queue.idle();
      await expectGradedOnce(subs);
      // A second sweep finds nothing left to publish.
      expect(await stack.sweepNow()).toBe(0);
      await stack.queue.idle();
      await expectGradedOnce(subs);
    },
  );

  it('a grader dies holding the claim: once the lease runs out, the sweeper publishes it again and it is graded once', async () => {
    resetPlan();
    plan.publish = () => 'drop';
    const [sub] = await submitMany(USERS[5].id, 1, 'dead-grader');
    plan.publish = () => 'deliver';
    // The dead grader's claim, with a lease that has already ended.
    const now = new Date();
    const claimed = await stack.deps.store.claimSubmission(sub.id, {
      token: 'dead-grader',
      now: new Date(now.getTime() - 120_000).toISOString(),
      leaseUntil: new Date(now.getTime() - 60_000).toISOString(),
    });
    expect(claimed?.status).toBe('grading');
    expect(await stack.sweepNow()).toBe(1);
    await stack.queue.idle();
    const [stored] = await expectGradedOnce([sub]);
    expect(stored.claims).toBe(2);
    expect(calls.get(sub.text)?.attempts).toBe(1);
    // The dead grader's stale claim can no longer record anything.
    expect(await stack.deps.store.recordResult(sub.id, 'dead-grader', stored.result!, new Date().toISOString())).toBe(
      false,
    );
  });

  // Last: it leaves a dead letter, which every scenario above checks there is none of.
  it('a malformed message is retried and then parked in the dead-letter list', async () => {
    resetPlan();
    await stack.queue.publish({ submissionId: '', learnerId: 'x', labId: LAB });
    await waitFor(async () => (stack.queue.deadLetters.length ? true : undefined));
    expect(stack.queue.deadLetters).toHaveLength(1);
    expect(stack.queue.deadLetters[0].receiveCount).toBe(MAX_RECEIVES);
  });
});
