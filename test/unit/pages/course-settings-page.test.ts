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

  it('shows a TA the values read-only, with no form the API would refuse; a co-teacher still gets the form', async () => {
    const joinedAt = new Date().toISOString();
    // Staff who hold the teacher role elsewhere reach the /teach pages; their role here is the course's membership.
    for (const [id, role] of [
      ['ta-t', 'ta'],
      ['co-t', 'co-teacher'],
    ] as const) {
      f.auth.register({ id, name: id, roles: ['teacher'] });
      await f.store.enroll({ courseId: 'c1', userId: id, role, joinedAt });
    }
    await f.store.setCourseReveal('c1', { afterAttempts: 4, afterDeadline: true });

    const ko = await (await f.get('/teach/settings', 'ta-t')).text();
    expect(ko).toContain('<h1>강좌 설정</h1>');
    // The header's sign-out form is on every page; the page's own content has none.
    const main = ko.slice(ko.indexOf('<main'), ko.indexOf('</main>'));
    expect(main).not.toContain('<form');
    expect(main).not.toContain('<input');
    expect(main).not.toContain('type="submit"');
    expect(ko).toMatch(/<dt>이만큼 채점받으면 공개[^<]*<\/dt><dd>4<\/dd><dt>마감이 지나면 공개<\/dt><dd>예<\/dd>/);
    expect(ko).toContain('이 설정은 강좌의 교사(담당 교사, 공동 교사)만 바꿀 수 있습니다.');
    const en = await (await f.get('/teach/settings?lang=en', 'ta-t')).text();
    expect(en).toContain('<dd>4</dd>');
    expect(en).toContain('<dd>Yes</dd>');
    expect(en).toContain('Only the course’s teachers (the owner and co-teachers) can change these settings.');

    const co = await (await f.get('/teach/settings', 'co-t')).text();
    expect(co).toContain('data-testid="reveal-form"');
    expect(co).toMatch(/name="afterAttempts"[^>]*value="4"/);
    expect(co).not.toContain('data-testid="settings-read-only"');
  });

  it('is not shown to a learner', async () => {
    const res = await f.get('/teach/settings', 'learner1');
    expect(res.status).toBe(403);
  });
});
