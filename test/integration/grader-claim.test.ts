import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSubmissionReceived, RetryLater, type GradingDeps } from '../../functions/grading/grade-submission.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { countCommands } from '../bench/pipeline.ts';
import { learners, referenceAnswer, signInAndJoin, startStack, submitYaml } from './helpers/stack.ts';

/**
 * The grader claims a submission with one conditional write and reads it only when the claim is refused, to tell
 * a missing submission, a finished one and one another grader holds apart. Publishing is switched off here, so the
 * tests hand the grader its events themselves.
 */
const LAB = 'sensitive-instructions';
const [USER] = learners('claim', 1);
let stack: LocalStack;
let deps: GradingDeps;
let token: string;

beforeAll(async () => {
  stack = await startStack({ users: [USER], queue: { onPublish: () => 'drop' } });
  token = await signInAndJoin(stack, USER.id);
  deps = {
    store: stack.deps.store,
    labs: stack.deps.course.labs,
    clock: () => new Date(),
    ids: stack.deps.ids,
    leaseSeconds: 60,
  };
});
afterAll(() => stack?.stop());

async function queued(): Promise<string> {
  const r = await submitYaml(stack, token, LAB, referenceAnswer(stack, LAB, USER.id));
  expect(r.status).toBe(202);
  return r.body.submissionId;
}
const event = (submissionId: string) => ({ submissionId, learnerId: USER.id, labId: LAB });

describe('the grader claims before it reads', () => {
  it('grades a queued submission with no read of it, and a second delivery changes nothing', async () => {
    const id = await queued();
    const counter = countCommands(stack.documentClient);
    expect(await handleSubmissionReceived(deps, event(id))).toBe('graded');
    expect(counter.counts.get('GetCommand') ?? 0).toBe(0);
    const graded = (await stack.deps.store.getSubmission(id))!;
    expect(graded.status).toBe('graded');
    expect(await handleSubmissionReceived(deps, event(id))).toBe('already-done');
    expect(await stack.deps.store.getSubmission(id)).toEqual(graded);
  });

  it('gives back a submission another grader holds under a live lease, leaving that claim alone', async () => {
    const id = await queued();
    const now = new Date();
    await stack.deps.store.claimSubmission(id, {
      token: 'other-grader',
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
    });
    await expect(handleSubmissionReceived(deps, event(id))).rejects.toBeInstanceOf(RetryLater);
    const held = (await stack.deps.store.getSubmission(id))!;
    expect(held.status).toBe('grading');
    expect(held.claim?.token).toBe('other-grader');
    expect(held.claims).toBe(1);
  });

  it('says missing for an id that was never stored', async () => {
    expect(await handleSubmissionReceived(deps, event('01JZZZZZZZZZZZZZZZZZZZZZZZ'))).toBe('missing');
    expect(await stack.deps.store.getSubmission('01JZZZZZZZZZZZZZZZZZZZZZZZ')).toBeUndefined();
  });
});
