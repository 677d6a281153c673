import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../core/grading/result.ts';
import { startPageFixture } from './page-fixture.ts';

/** The reveal policy as learners and teachers meet it, through the pages and the API. */
let f: Awaited<ReturnType<typeof startPageFixture>>;
let firstId: string;

const api = async (path: string, user: string) => {
  const token = (await f.cookieFor(user)).split('=')[1];
  return f.app.request(path, { headers: { authorization: `Bearer ${token}` } });
};
const gradeOf = async (id: string, user: string, query = '') =>
  ((await (await api(`/api/submissions/${id}${query}`, user)).json()) as { result: { grade: GradeResult } }).result
    .grade;

beforeAll(async () => {
  f = await startPageFixture();
  (f.deps.course as { misconceptions?: unknown }).misconceptions = [
    {
      id: 'firewall-best-match',
      title: { ko: '최적 일치', en: 'MISCONCEPTION-MARKER' },
      correction: { ko: '처음 일치', en: 'First match **wins**.' },
      lesson: 'lesson:nfv#sfc',
    },
  ];
  firstId = (await f.submitGraded('learner1', f.lab.fixtures[0].text)).id;
});
afterAll(async () => f?.close());

describe('reveal policy', () => {
  it('a first failed attempt shows what was observed, never the expected values, the fix or the misconception', async () => {
    const html = await (await f.get(`/submissions/${firstId}?lang=en`, 'learner1')).text();
    expect(html).toContain('data-reveal="hidden"');
    expect(html).toContain('after 2 more graded attempts');
    expect(html).not.toContain('data-testid="expected"');
    expect(html).not.toContain('MISCONCEPTION-MARKER');
    expect(html).toContain(`data-reveal-href="/submissions/${firstId}?reveal=hints"`);
    const g = await gradeOf(firstId, 'learner1');
    expect(g.checks.some((c) => 'expected' in c || 'fix' in c)).toBe(false);
    expect(g.misconception).toBeUndefined();
    expect(g.reveal).toEqual({ full: false, attemptsLeft: 2, opensBy: { hints: true, deadline: true } });
  });

  it('renders hints and feedback as Markdown, never with literal backticks', async () => {
    const html = await (await f.get(`/submissions/${firstId}?lang=en`, 'learner1')).text();
    expect(html).toMatch(/<li><div class="md"><p>HINT-MARKER/);
  });

  it('shows everything once the learner has revealed every hint', async () => {
    const html = await (await f.get(`/submissions/${firstId}?reveal=hints&lang=en`, 'learner1')).text();
    expect(html).toContain('data-reveal="full"');
    expect(html).toContain('data-testid="expected"');
    expect(html).toContain('MISCONCEPTION-MARKER');
    expect(html).toContain('First match <strong>wins</strong>.');
    expect(html).toContain('href="/lessons/nfv#sfc"');
    expect((await gradeOf(firstId, 'learner1', '?reveal=hints')).misconception?.id).toBe('firewall-best-match');
  });

  it('always shows everything to the course’s teacher', async () => {
    const html = await (await f.get(`/submissions/${firstId}`, 'teacher1')).text();
    expect(html).toContain('data-reveal="full"');
    expect((await gradeOf(firstId, 'teacher1')).checks.find((c) => !c.passed)?.expected).toBeDefined();
  });

  it('shows everything from the third graded attempt on, and in the learner’s history', async () => {
    await f.submitGraded('learner1', f.lab.fixtures[0].text);
    const third = await f.submitGraded('learner1', f.lab.fixtures[0].text);
    expect((await gradeOf(third.id, 'learner1')).reveal).toMatchObject({ full: true, because: 'attempts' });
    expect((await gradeOf(firstId, 'learner1')).reveal?.full).toBe(false);
    const mine = (await (await api('/api/me/submissions', 'learner1')).json()) as {
      labs: Array<{ submissions: Array<{ id: string; result: { grade: GradeResult } }> }>;
    };
    const shown = Object.fromEntries(mine.labs[0].submissions.map((s) => [s.id, s.result.grade.reveal?.full]));
    expect(shown).toMatchObject({ [firstId]: false, [third.id]: true });
  });

  it('shows everything once the deadline has passed', async () => {
    const other = await f.submitGraded('learner2', f.lab.fixtures[0].text);
    expect((await gradeOf(other.id, 'learner2')).reveal?.full).toBe(false);
    await f.store.putDeadline({
      courseId: 'c1',
      labId: f.lab.id,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
      latePolicy: { kind: 'none' },
    });
    expect((await gradeOf(other.id, 'learner2')).reveal).toMatchObject({ full: true, because: 'deadline' });
  });
});
