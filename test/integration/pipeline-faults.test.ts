import { describe, it, expect, afterEach } from 'vitest';
import type { GradeInput } from '../../core/grading/grade.ts';
import type { LocalStack, LocalOptions } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, referenceAnswer, startStack, tokenFor, waitFor, waitGraded } from './helpers/stack.ts';

const LAB = 'hvm-boot-vtx';
let stack: LocalStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function setup(options: LocalOptions = {}) {
  stack = await startStack(options);
  const token = await tokenFor(stack, 'learner1');
  const submit = async () => {
    const r = await call(stack!, 'POST', `/api/labs/${LAB}/submissions`, {
      token,
      json: { config: referenceAnswer(stack!, LAB, 'learner1'), courseId: DEMO_COURSE.id },
    });
    expect(r.status).toBe(202);
    return r.body.submissionId as string;
  };
  return { stack, submit };
}

describe('at-least-once grading', () => {
  it('a duplicated delivery grades once', async () => {
    const { stack, submit } = await setup({ queue: { onPublish: () => 'duplicate' } });
    const id = await submit();
    await stack.queue.idle();
    const s = await waitGraded(stack, id);
    expect(s.status).toBe('graded');
    expect(s.claims).toBe(1);
    expect(stack.queue.deadLetters).toEqual([]);
    expect(await stack.deps.store.getBest('learner1', LAB, DEMO_COURSE.id)).toMatchObject({ best: 100, submissionId: id });
  });

  it('a lost publish leaves the submission queued until the sweeper re-publishes it', async () => {
    let drop = true;
    const { stack, submit } = await setup({ queue: { onPublish: () => (drop ? 'drop' : 'deliver') } });
    const id = await submit();
    await stack.queue.idle();
    expect((await stack.deps.store.getSubmission(id))?.status).toBe('queued');
    drop = false;
    expect(await stack.sweepNow()).toBe(1);
    const s = await waitGraded(stack, id);
    expect(s.result?.score).toBe(100);
    expect(await stack.sweepNow()).toBe(0);
  });

  it('a grader crash mid-batch fails only that record; it is redelivered and graded once', async () => {
    let crashes = 0;
    const { stack, submit } = await setup({
      grading: (deps) => ({
        ...deps,
        grade: (input: GradeInput) => {
          if (crashes === 0) {
            crashes++;
            throw new Error('simulated grader crash');
          }
          return deps.grade!(input);
        },
      }),
    });
    // Hold delivery until all three are published, so they arrive in one batch.
    stack.queue.pause();
    const ids = [await submit(), await submit(), await submit()];
    stack.queue.resume();
    await stack.queue.idle();
    expect(stack.queue.batchSizes[0]).toBe(3);
    const subs = await Promise.all(ids.map((id) => waitGraded(stack, id)));
    expect(crashes).toBe(1);
    expect(subs.every((s) => s.status === 'graded' && s.result?.score === 100)).toBe(true);
    // The crashed one was claimed twice (crash, then retry), the others once.
    expect(subs.map((s) => s.claims).sort()).toEqual([1, 1, 2]);
    expect(stack.queue.deadLetters).toEqual([]);
  });

  it('a grader that died holding a claim is taken over once its lease runs out', async () => {
    let drop = true;
    const { stack, submit } = await setup({ queue: { onPublish: () => (drop ? 'drop' : 'deliver') } });
    const id = await submit();
    // A worker claims it and vanishes; its lease has already run out.
    const claimed = await stack.deps.store.claimSubmission(id, {
      token: 'dead-worker',
      now: new Date(Date.now() - 61_000).toISOString(),
      leaseUntil: new Date(Date.now() - 1000).toISOString(),
    });
    expect(claimed?.status).toBe('grading');
    drop = false;
    expect(await stack.sweepNow()).toBe(1);
    const s = await waitGraded(stack, id);
    expect(s).toMatchObject({ status: 'graded', claims: 2 });
    // The dead worker's stale claim can no longer record anything.
    expect(await stack.deps.store.recordResult(id, 'dead-worker', s.result!, new Date().toISOString())).toBe(false);
  });

  it('grading that keeps crashing ends as failed after a bounded number of claims, without a dead letter', async () => {
    const { stack, submit } = await setup({
      grading: (deps) => ({ ...deps, maxClaims: 2, grade: () => { throw new Error('always broken'); } }),
    });
    const id = await submit();
    const s = await waitGraded(stack, id);
    expect(s).toMatchObject({ status: 'failed', claims: 2 });
    const view = await call(stack, 'GET', `/api/submissions/${id}?lang=en`, { token: await tokenFor(stack, 'learner1') });
    expect(view.body.failureMessage.en).toMatch(/failed/i);
    expect(JSON.stringify(view.body)).not.toContain('always broken');
  });

  it('a malformed message is retried and then parked in the dead-letter list', async () => {
    const { stack } = await setup({ queue: { maxReceives: 3, visibilityTimeoutMs: 30 } });
    await stack.queue.publish({ submissionId: '', learnerId: 'x', labId: LAB });
    await waitFor(async () => (stack.queue.deadLetters.length ? true : undefined));
    expect(stack.queue.deadLetters[0].receiveCount).toBe(3);
  });
});
