import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageFixture } from './page-fixture.ts';

/** The course settings page: the reveal default's form, filled with what is in force, for the course's staff only. */
let f: Awaited<ReturnType<typeof startPageFixture>>;

beforeAll(async () => {
  f = await startPageFixture();
});
afterAll(async () => f?.close());

describe('course settings page', () => {
  it('is linked from the gradebook and shows the reveal default in force, in the page’s language', async () => {
    expect(await (await f.get('/teach', 'teacher1')).text()).toContain('href="/teach/settings?course=c1"');
    const ko = await (await f.get('/teach/settings', 'teacher1')).text();
    expect(ko).toContain('<h1>강좌 설정</h1>');
    expect(ko).toContain('data-action-template="/api/courses/c1/settings/reveal"');
    expect(ko).toMatch(/name="afterAttempts"[^>]*value="3"/);
    expect(ko).toMatch(/name="afterDeadline"[^>]*checked/);

    await f.store.setCourseReveal('c1', { afterAttempts: 0, afterDeadline: false });
    const en = await (await f.get('/teach/settings?lang=en', 'teacher1')).text();
    expect(en).toContain('<h1>Course settings</h1>');
    expect(en).toMatch(/name="afterAttempts"[^>]*value="0"/);
    expect(en).not.toMatch(/name="afterDeadline"[^>]*checked/);
  });

  it('is not shown to a learner', async () => {
    const res = await f.get('/teach/settings', 'learner1');
    expect(res.status).toBe(403);
  });
});
