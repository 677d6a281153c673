import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { startStaffStack } from './helpers/staff.ts';
import { call, referenceAnswer, waitGraded } from './helpers/stack.ts';

/**
 * The pages of running a course, rendered by the local stack against dynalite: the regrade thread on the submission
 * page, the regrade queue, staff, roster import (preview → import) and the audit log; each for the roles it serves.
 */
const LAB = 'hvm-boot-vtx';
const C = DEMO_COURSE.id;
let stack: LocalStack;
const t: Record<string, string> = {};

async function page(path: string, who: string, init: RequestInit = {}): Promise<{ status: number; html: string }> {
  const res = await fetch(stack.url + path, {
    redirect: 'manual',
    ...init,
    headers: { cookie: `virtlab_session=${t[who]}`, accept: 'text/html', origin: stack.url, ...init.headers },
  });
  return { status: res.status, html: await res.text() };
}

let submissionId = '';

beforeAll(async () => {
  stack = await startStaffStack(t, { assignRoles: true });
  const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
    token: t.learner1,
    json: { config: referenceAnswer(stack, LAB, 'learner1'), courseId: C },
  });
  submissionId = r.body.submissionId;
  await waitGraded(stack, submissionId);
});
afterAll(() => stack?.stop());

describe('regrade request pages', () => {
  it('the learner sees the ask form; once asked, the thread; staff see it queued and the answer forms; then the reply', async () => {
    const before = await page(`/submissions/${submissionId}?lang=en`, 'learner1');
    expect(before.html).toContain('data-testid="regrade-thread"');
    expect(before.html).toContain('name="message"');
    expect(before.html).toMatch(/<script[^>]+src="[^"]*teacher[^"]*\.js"/); // the API-form script, for the ask form
    const ask = await call(stack, 'POST', `/api/submissions/${submissionId}/regrade-request`, {
      token: t.learner1,
      json: { message: 'My <EPT> is on' },
    });
    expect(ask.status).toBe(201);

    const learnerView = await page(`/submissions/${submissionId}?lang=en`, 'learner1');
    expect(learnerView.html).toContain('My &lt;EPT&gt; is on');
    expect(learnerView.html).toContain('Waiting for an answer');
    expect(learnerView.html).not.toContain('name="message"');
    expect(learnerView.html).not.toContain('value="accept"');

    const queue = await page(`/teach/regrade-requests?course=${C}&lang=en`, 'ta1');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`data-submission="${submissionId}"`);
    const staffView = await page(`/submissions/${submissionId}?lang=en`, 'ta1');
    expect(staffView.html).toContain('value="accept"');
    expect(staffView.html).toContain('value="reject"');

    const answer = await call(stack, 'PUT', `/api/submissions/${submissionId}/regrade-request/answer`, {
      token: t.ta1,
      json: { decision: 'accept', score: 90, reply: 'Agreed' },
    });
    expect(answer.status).toBe(200);
    const answered = await page(`/submissions/${submissionId}`, 'learner1');
    expect(answered.html).toContain('받아들여짐');
    expect(answered.html).toMatch(/data-testid="regrade-reply">Agreed</);
    expect((await page(`/submissions/${submissionId}`, 'ta1')).html).not.toContain('value="accept"');
    expect((await page(`/teach/regrade-requests?course=${C}`, 'ta1')).html).toContain('regrade-queue-empty');
  });

  it('a learner gets no queue page; another learner cannot see the thread', async () => {
    expect((await page(`/teach/regrade-requests?course=${C}`, 'learner1')).status).toBe(403);
    expect((await page(`/submissions/${submissionId}`, 'learner2')).status).toBe(404);
  });
});

describe('staff, roster and audit pages', () => {
  it('the owner sees the staff with forms to change and remove; a co-teacher and a TA are refused', async () => {
    const owner = await page(`/teach/staff?course=${C}&lang=en`, 'teacher1');
    expect(owner.status).toBe(200);
    expect(owner.html).toContain('data-user="ta1"');
    expect(owner.html).toContain('data-user="teacher3"');
    expect(owner.html).toContain(`/api/courses/${C}/staff/{userId}`);
    expect(owner.html).toContain('data-method="DELETE"');
    expect((await page(`/teach/staff?course=${C}`, 'teacher3')).status).toBe(403);
    expect((await page(`/teach/staff?course=${C}`, 'ta1')).status).toBe(403);
  });

  it('roster: upload → preview with each row’s outcome (nothing written) → import; a bad file lists its problems by line', async () => {
    expect((await page(`/teach/roster?course=${C}`, 'ta1')).status).toBe(403);
    expect((await page(`/teach/roster?course=${C}`, 'teacher3')).status).toBe(200);
    const form = new FormData();
    form.set('file', new File(['email,name\npark@uni.ac.kr,박서준\n'], 'roster.csv', { type: 'text/csv' }));
    form.set('mode', 'preview');
    const preview = await page(`/teach/roster?course=${C}&lang=en`, 'teacher3', { method: 'POST', body: form });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('data-testid="roster-preview"');
    expect(preview.html).toContain('data-outcome="create"');
    expect(preview.html).toContain('박서준');
    expect(await stack.deps.directory!.findByEmail('park@uni.ac.kr')).toBeUndefined();

    const confirm = new FormData();
    confirm.set('csv', 'email,name\npark@uni.ac.kr,박서준\n');
    confirm.set('mode', 'import');
    const done = await page(`/teach/roster?course=${C}`, 'teacher3', { method: 'POST', body: confirm });
    expect(done.status).toBe(200);
    expect(done.html).toContain('data-testid="roster-result"');
    const park = await stack.deps.directory!.findByEmail('park@uni.ac.kr');
    expect(await stack.deps.store.getEnrollment(C, park!.id)).toMatchObject({ role: 'learner' });

    const bad = new FormData();
    bad.set('csv', 'email,name\nnot-an-email,Kim\n');
    const refused = await page(`/teach/roster?course=${C}&lang=en`, 'teacher3', { method: 'POST', body: bad });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('data-testid="roster-problems"');
    expect(refused.html).toMatch(/<td>2<\/td>/);
  });

  it('audit: the owner reads the log filtered by action with a CSV link for the same filter; others are refused', async () => {
    const all = await page(`/teach/audit?course=${C}&lang=en`, 'teacher1');
    expect(all.status).toBe(200);
    expect(all.html).toContain('data-action="staff.add"');
    expect(all.html).toContain('data-action="regrade-request.accept"');
    const adds = await page(`/teach/audit?course=${C}&action=staff.add`, 'teacher1');
    expect(adds.html).toContain('data-action="staff.add"');
    expect(adds.html).not.toContain('data-action="regrade-request.accept"');
    expect(adds.html).toContain(`/api/courses/${C}/audit?format=csv&amp;action=staff.add`);
    expect((await page(`/teach/audit?course=${C}`, 'teacher3')).status).toBe(403);
    expect((await page(`/teach/audit?course=${C}`, 'learner1')).status).toBe(403);
  });
});
