import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoLtiStore } from '../../functions/adapters/dynamo/lti-store.ts';
import { handleSubmissionReceived, type GradingDeps } from '../../functions/grading/grade-submission.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { enqueueScore } from '../../functions/lti/enqueue-score.ts';
import type { GradeRecorded } from '../../functions/ports/grade-events.ts';
import { learners, referenceAnswer, signInAndJoin, startStack, submitYaml } from './helpers/stack.ts';

/** The grader's hook, as LTI uses it: a recorded grade becomes an AGS outbox record; a failing hook fails nothing. */
const LAB = 'sensitive-instructions';
const [USER] = learners('ltihook', 1);
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startStack({ users: [USER], queue: { onPublish: () => 'drop' } });
  token = await signInAndJoin(stack, USER.id);
});
afterAll(() => stack?.stop());

async function queued(): Promise<string> {
  const r = await submitYaml(stack, token, LAB, referenceAnswer(stack, LAB, USER.id));
  expect(r.status).toBe(202);
  return r.body.submissionId;
}

const base = (): GradingDeps => ({
  store: stack.deps.store,
  labs: stack.deps.course.labs,
  clock: () => new Date(),
  ids: stack.deps.ids,
  leaseSeconds: 60,
});

describe('onGraded', () => {
  it('turns a recorded grade into an outbox record for a learner launched from an LMS', async () => {
    const lti = createDynamoLtiStore(stack.documentClient, 'virtlab-local');
    await lti.putGradeLink({
      courseId: DEMO_COURSE.id,
      labId: LAB,
      learnerId: USER.id,
      issuer: 'https://lms.test',
      clientId: 'c',
      ltiSub: 'lms-sub-1',
      lineItemUrl: 'https://lms.test/lineitems/9',
    });
    const seen: GradeRecorded[] = [];
    const deps: GradingDeps = {
      ...base(),
      onGraded: async (e) => {
        seen.push(e);
        return enqueueScore({ lti, store: stack.deps.store, clock: () => new Date(), ids: stack.deps.ids }, e);
      },
    };
    const id = await queued();
    expect(await handleSubmissionReceived(deps, { submissionId: id, learnerId: USER.id, labId: LAB })).toBe('graded');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ submissionId: id, learnerId: USER.id, labId: LAB, courseId: DEMO_COURSE.id });
    const due = await lti.listDueOutbox(new Date(Date.now() + 1000).toISOString(), 10);
    expect(due.map((r) => [r.lineItemUrl, r.score.userId, r.score.scoreGiven])).toEqual([
      ['https://lms.test/lineitems/9', 'lms-sub-1', seen[0].score],
    ]);
  });

  it('a failing hook is logged and the grade still stands', async () => {
    const deps: GradingDeps = { ...base(), onGraded: () => Promise.reject(new Error('outbox down')) };
    const id = await queued();
    expect(await handleSubmissionReceived(deps, { submissionId: id, learnerId: USER.id, labId: LAB })).toBe('graded');
    expect((await stack.deps.store.getSubmission(id))?.status).toBe('graded');
  });
});
