import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, referenceAnswer, startStack, tokenFor, waitGraded } from './helpers/stack.ts';

let stack: LocalStack;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  token = await tokenFor(stack, 'learner1');
});
afterAll(() => stack?.stop());

describe('polling a submission’s status', () => {
  it('carries an ETag; If-None-Match answers 304 without a body until the status changes', async () => {
    const submitted = await call(stack, 'POST', '/api/labs/hvm-boot-vtx/submissions', {
      token,
      json: { config: referenceAnswer(stack, 'hvm-boot-vtx', 'learner1'), courseId: DEMO_COURSE.id },
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.submissionId as string;
    await waitGraded(stack, id);

    const first = await call(stack, 'GET', `/api/submissions/${id}`, { token });
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const again = await call(stack, 'GET', `/api/submissions/${id}`, { token, headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(tag);

    // Another representation (revealed hints) is another tag: the old one no longer matches.
    const other = await call(stack, 'GET', `/api/submissions/${id}?reveal=hints`, {
      token,
      headers: { 'if-none-match': `"nope", ${tag!}` },
    });
    expect([200, 304]).toContain(other.status);
    if (other.status === 200) expect(other.headers.get('etag')).not.toBe(tag);
  });

  it('still refuses another learner, ETag or not', async () => {
    const mine = await call(stack, 'GET', '/api/me/submissions', { token });
    const id = mine.body.labs[0].submissions[0].id as string;
    const other = await tokenFor(stack, 'learner2');
    const r = await call(stack, 'GET', `/api/submissions/${id}`, { token: other, headers: { 'if-none-match': '*' } });
    expect([403, 404]).toContain(r.status);
  });
});
