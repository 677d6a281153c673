import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { REGRADE_TEXT_MAX } from '../../core/course/regrade-request.ts';
import { startStaffStack } from './helpers/staff.ts';
import { call, referenceAnswer, waitGraded } from './helpers/stack.ts';

/** Regrade requests through the API against dynalite: ask, queue, accept/reject, one answer only, audited. */
const LAB = 'hvm-boot-vtx';
const C = DEMO_COURSE.id;
let stack: LocalStack;
const t: Record<string, string> = {};

async function graded(learner: string): Promise<string> {
  const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
    token: t[learner],
    json: { config: referenceAnswer(stack, LAB, learner), courseId: C },
  });
  expect(r.status, r.text).toBe(202);
  await waitGraded(stack, r.body.submissionId);
  return r.body.submissionId;
}

const ask = (id: string, token: string, message: unknown, lang = 'en') =>
  call(stack, 'POST', `/api/submissions/${id}/regrade-request`, {
    token,
    json: { message },
    headers: { 'accept-language': lang },
  });
const answer = (id: string, token: string, json: unknown) =>
  call(stack, 'PUT', `/api/submissions/${id}/regrade-request/answer`, { token, json });

beforeAll(async () => {
  stack = await startStaffStack(t, { assignRoles: true });
});
afterAll(() => stack?.stop());

describe('regrade requests', () => {
  it('a learner asks once; a TA sees it queued and accepts with a score that becomes the override; both see the thread', async () => {
    const id = await graded('learner1');
    const asked = await ask(id, t.learner1, '  Check 2 should pass: my EPT is on.  ');
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({
      state: 'open',
      message: 'Check 2 should pass: my EPT is on.',
      learnerId: 'learner1',
    });
    expect(asked.body.scoreAsked).toBeTypeOf('number');
    expect((await ask(id, t.learner1, 'again')).status).toBe(409);

    const queue = await call(stack, 'GET', `/api/courses/${C}/regrade-requests`, { token: t.ta1 });
    expect(queue.status).toBe(200);
    expect(queue.body.requests.map((r: { submissionId: string }) => r.submissionId)).toContain(id);

    const accepted = await answer(id, t.ta1, { decision: 'accept', score: 95, reply: 'Right, EPT was on.' });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', answer: { by: 'ta1', role: 'ta', score: 95 } });
    const sub = (await stack.deps.store.getSubmission(id))!;
    expect(sub.override).toMatchObject({ score: 95, comment: 'Right, EPT was on.', by: 'ta1' });
    // It counts as any override does: the lab's best cell follows it.
    expect(await stack.deps.store.getBest('learner1', sub.labId, C)).toMatchObject({ best: 95, submissionId: id });

    // Answered is final, and out of the queue.
    expect((await answer(id, t.teacher1, { decision: 'reject', reply: 'No.' })).status).toBe(409);
    const after = await call(stack, 'GET', `/api/courses/${C}/regrade-requests`, { token: t.teacher1 });
    expect(after.body.requests.map((r: { submissionId: string }) => r.submissionId)).not.toContain(id);

    for (const who of ['learner1', 'ta1', 'teacher1']) {
      const thread = await call(stack, 'GET', `/api/submissions/${id}/regrade-request`, { token: t[who] });
      expect(thread.status).toBe(200);
      expect(thread.body.answer.reply).toBe('Right, EPT was on.');
    }
    expect((await call(stack, 'GET', `/api/submissions/${id}/regrade-request`, { token: t.learner2 })).status).toBe(
      404,
    );

    const log = await call(stack, 'GET', `/api/courses/${C}/audit?limit=200`, { token: t.teacher1 });
    const rec = log.body.records.find((r: { action: string }) => r.action === 'regrade-request.accept');
    expect(rec).toMatchObject({ actorId: 'ta1', actorRole: 'ta', target: `submission:${id}`, after: { score: 95 } });
  });

  it('a co-teacher rejects with a reply; the grade stays as it was', async () => {
    const id = await graded('learner2');
    expect((await ask(id, t.learner2, 'Please look again.')).status).toBe(201);
    const rejected = await answer(id, t.teacher3, { decision: 'reject', reply: 'The score is right.' });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', answer: { by: 'teacher3', role: 'co-teacher' } });
    expect(rejected.body.answer.score).toBeUndefined();
    expect((await stack.deps.store.getSubmission(id))!.override).toBeUndefined();
    const log = await call(stack, 'GET', `/api/courses/${C}/audit?limit=200`, { token: t.teacher1 });
    expect(log.body.records.some((r: { action: string }) => r.action === 'regrade-request.reject')).toBe(true);
  });

  it('of two answers at once exactly one takes', async () => {
    const id = await graded('learner1');
    expect((await ask(id, t.learner1, 'Two staff at once')).status).toBe(201);
    const [a, b] = await Promise.all([
      answer(id, t.ta1, { decision: 'accept', score: 70, reply: 'ok' }),
      answer(id, t.teacher3, { decision: 'reject', reply: 'no' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = (await stack.deps.store.getRegradeRequest(C, id))!;
    const winner = a.status === 200 ? a : b;
    expect(stored.state).toBe(winner.body.state);
    expect(!!(await stack.deps.store.getSubmission(id))!.override).toBe(stored.state === 'accepted');
  });

  it('bad input: an empty or overlong message, a score out of range, a missing reply are 400s, bilingual; nothing stored', async () => {
    const id = await graded('learner2');
    const empty = await ask(id, t.learner2, '   ', 'ko');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('요청 내용');
    const long = await ask(id, t.learner2, 'x'.repeat(REGRADE_TEXT_MAX + 1));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain(`${REGRADE_TEXT_MAX} characters`);
    expect(await stack.deps.store.getRegradeRequest(C, id)).toBeUndefined();
    expect((await ask(id, t.learner2, 'ok now')).status).toBe(201);
    expect((await answer(id, t.teacher1, { decision: 'accept', score: 101, reply: 'x' })).status).toBe(400);
    expect((await answer(id, t.teacher1, { decision: 'accept', score: 90 })).status).toBe(400);
    expect((await answer(id, t.teacher1, { decision: 'maybe', reply: 'x' })).status).toBe(400);
    expect((await stack.deps.store.getRegradeRequest(C, id))!.state).toBe('open');
  });

  it('only the learner who made a graded course submission may ask', async () => {
    const id = await graded('learner1');
    const staffAsk = await ask(id, t.teacher1, 'I am staff');
    expect(staffAsk.status).toBe(403);
    expect(staffAsk.body.error.code).toBe('forbidden');
    // Another learner cannot even see it.
    expect((await ask(id, t.learner2, 'not mine')).status).toBe(404);

    // A submission still waiting for the grader (stored, not sent: nothing will grade it here).
    const waiting = { ...(await stack.deps.store.getSubmission(id))!, id: stack.deps.ids(), status: 'queued' as const };
    delete waiting.result;
    expect(await stack.deps.store.putSubmission(waiting)).toBe(true);
    const early = await ask(waiting.id, t.learner1, 'too early');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_graded');
    const outside = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: t.learner2,
      json: { config: referenceAnswer(stack, LAB, 'learner2') },
    });
    await waitGraded(stack, outside.body.submissionId);
    expect((await ask(outside.body.submissionId, t.learner2, 'no course')).status).toBe(403);
  });
});
