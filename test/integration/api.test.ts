import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { utcDateTime } from '../../core/i18n.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, referenceAnswer, startStack, tokenFor, waitFor, waitGraded } from './helpers/stack.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const LAB = 'hvm-boot-vtx';
const COURSE = DEMO_COURSE.id;

beforeAll(async () => {
  stack = await startStack();
  for (const u of ['learner1', 'learner2', 'teacher1']) tokens[u] = await tokenFor(stack, u);
});
afterAll(() => stack?.stop());

async function submitAndGrade(user: string, config: string, extra: Record<string, unknown> = {}) {
  const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
    token: tokens[user],
    json: { config, courseId: COURSE, ...extra },
  });
  expect(r.status).toBe(202);
  return waitGraded(stack, r.body.submissionId);
}

describe('system routes', () => {
  it('health is public', async () => {
    const r = await call(stack, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', mode: 'local' });
  });

  it('the OpenAPI document lists every route, and /api/docs renders it without external resources', async () => {
    const doc = await call(stack, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/labs/{id}/submissions',
      '/labs/{id}/validate',
      '/submissions/{id}',
      '/me/submissions',
      '/courses/{courseId}/gradebook',
      '/courses/{courseId}/labs/{labId}/deadline',
      '/courses/{courseId}/analytics',
    ]) {
      expect(paths).toContain(p);
    }
    const docs = await call(stack, 'GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).toContain('/api/labs/{id}/submissions');
    expect(docs.text).not.toMatch(/<script|<link[^>]+href="https?:/);
  });

  it('issues local tokens only for known users', async () => {
    expect((await call(stack, 'POST', '/api/dev/token', { json: { username: 'mallory' } })).status).toBe(404);
    const me = await call(stack, 'GET', '/api/me', { token: tokens.teacher1 });
    expect(me.body).toMatchObject({ id: 'teacher1', roles: ['teacher'] });
  });

  it('accepts the session cookie like a bearer token', async () => {
    const r = await call(stack, 'GET', '/api/me', { headers: { cookie: `virtlab_session=${tokens.learner2}` } });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe('learner2');
  });

  it('ignores the session cookie on a cross-site request that changes something', async () => {
    const cookie = `virtlab_session=${tokens.teacher1}`;
    const cross = await call(stack, 'POST', '/api/courses', {
      json: { title: 'x' },
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.status).toBe(401);
    const same = await call(stack, 'POST', '/api/courses', {
      json: { title: 'x' },
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(201);
  });
});

describe('courses', () => {
  it('a teacher opens a course, a learner joins it with the code, both see it', async () => {
    const created = await call(stack, 'POST', '/api/courses', {
      token: tokens.teacher1,
      json: { title: 'Spring 2026' },
    });
    expect(created.status).toBe(201);
    expect(created.body.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    const joined = await call(stack, 'POST', '/api/courses/join', {
      token: tokens.learner2,
      json: { code: created.body.joinCode.toLowerCase() },
    });
    expect(joined.status).toBe(200);
    expect(joined.body.id).toBe(created.body.id);
    const mine = await call(stack, 'GET', '/api/courses', { token: tokens.learner2 });
    const entry = mine.body.courses.find((c: { id: string }) => c.id === created.body.id);
    expect(entry).toMatchObject({ role: 'learner', joinCode: '' });
    const taught = await call(stack, 'GET', '/api/courses', { token: tokens.teacher1 });
    expect(taught.body.courses.find((c: { id: string }) => c.id === created.body.id)).toMatchObject({
      role: 'teacher',
      joinCode: created.body.joinCode,
    });
  });

  it('an unknown join code is a 404', async () => {
    expect(
      (await call(stack, 'POST', '/api/courses/join', { token: tokens.learner1, json: { code: 'ZZZZZZZZ' } })).status,
    ).toBe(404);
  });
});

describe('lessons', () => {
  it('lists lessons and serves one in the requested language with rendered HTML and no quiz answers', async () => {
    const list = await call(stack, 'GET', '/api/lessons');
    expect(list.body.lessons.length).toBe(stack.deps.course.lessons.length);
    const lesson = stack.deps.course.lessons[0];
    const en = await call(stack, 'GET', `/api/lessons/${lesson.id}?lang=en`);
    expect(en.status).toBe(200);
    expect(en.body.markdown).toBe(lesson.body.en);
    expect(en.body.html).toContain('<');
    expect(JSON.stringify(en.body.quiz)).not.toContain('"answer"');
    const ko = await call(stack, 'GET', `/api/lessons/${lesson.id}`, {
      headers: { 'accept-language': 'ko-KR,ko;q=0.9' },
    });
    expect(ko.body.markdown).toBe(lesson.body.ko);
    expect((await call(stack, 'GET', '/api/lessons/no-such-lesson')).status).toBe(404);
  });

  it('checks quiz answers', async () => {
    const lesson = stack.deps.course.lessons.find((l) => l.quiz.length > 0)!;
    const q = lesson.quiz[0];
    const answer = q.kind === 'single' ? q.answer[0] : q.answer;
    const r = await call(stack, 'POST', `/api/lessons/${lesson.id}/quiz?lang=en`, { json: { [q.id]: answer } });
    expect(r.status).toBe(200);
    expect(r.body.results.find((x: { id: string }) => x.id === q.id).correct).toBe(true);
    const bad = await call(stack, 'POST', `/api/lessons/${lesson.id}/quiz`, { json: { 'no-such-question': 'a' } });
    expect(bad.status).toBe(400);
  });
});

describe('labs and submissions', () => {
  it('lists labs publicly and shows a lab with the caller’s variant but never the solution or fixtures', async () => {
    const list = await call(stack, 'GET', '/api/labs');
    expect(list.body.labs.map((l: { id: string }) => l.id)).toContain(LAB);
    const lab = await call(stack, 'GET', `/api/labs/${LAB}`, { token: tokens.learner1 });
    expect(lab.status).toBe(200);
    expect(lab.body).toHaveProperty('statement');
    expect(lab.body).toHaveProperty('starter');
    expect(lab.body).toHaveProperty('params');
    expect(lab.body).not.toHaveProperty('reference');
    expect(lab.body).not.toHaveProperty('fixtures');
    expect((await call(stack, 'GET', '/api/labs/no-such-lab', { token: tokens.learner1 })).status).toBe(404);
  });

  it('tags a lab view with an ETag per learner and answers a matching If-None-Match with 304', async () => {
    const lab = 'raid-capacity-two-failures'; // drawn parameters: learners see different numbers
    const first = await call(stack, 'GET', `/api/labs/${lab}`, { token: tokens.learner1 });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await call(stack, 'GET', `/api/labs/${lab}`, { token: tokens.learner1 });
    expect(again.text).toBe(first.text);
    const notModified = await call(stack, 'GET', `/api/labs/${lab}`, {
      token: tokens.learner1,
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    for (const list of [`"other", ${etag}`, `W/${etag}`, '*']) {
      expect(
        (await call(stack, 'GET', `/api/labs/${lab}`, { token: tokens.learner1, headers: { 'if-none-match': list } }))
          .status,
      ).toBe(304);
    }
    expect(
      (
        await call(stack, 'GET', `/api/labs/${lab}`, {
          token: tokens.learner1,
          headers: { 'if-none-match': '"other"' },
        })
      ).status,
    ).toBe(200);
    // Another learner has other numbers, so another body and tag; the first learner's tag does not match it.
    const other = await call(stack, 'GET', `/api/labs/${lab}`, {
      token: tokens.learner2,
      headers: { 'if-none-match': etag },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(other.body.params).not.toEqual(first.body.params);
  });

  it('grades the reference answer fully, recording every phase’s time', async () => {
    const s = await submitAndGrade('learner1', referenceAnswer(stack, LAB, 'learner1'));
    expect(s.status).toBe('graded');
    expect(s.result).toMatchObject({ gradable: true, rawScore: 100, score: 100 });
    expect(s.queuedAt <= s.gradingStartedAt! && s.gradingStartedAt! <= s.gradedAt!).toBe(true);
    const view = await call(stack, 'GET', `/api/submissions/${s.id}`, { token: tokens.learner1 });
    expect(view.body).toMatchObject({ status: 'graded', result: { score: 100 } });
    expect(view.body).not.toHaveProperty('claim');
    expect(view.body.latency.gradingMs).toBeGreaterThanOrEqual(0);
    const best = await stack.deps.store.getBest('learner1', LAB, COURSE);
    expect(best).toMatchObject({ best: 100, submissionId: s.id });
  });

  it('takes raw YAML as well as JSON', async () => {
    const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions?courseId=${COURSE}`, {
      token: tokens.learner2,
      text: referenceAnswer(stack, LAB, 'learner2'),
    });
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBe(`/api/submissions/${r.body.submissionId}`);
    expect((await waitGraded(stack, r.body.submissionId)).result?.score).toBe(100);
  });

  it('refuses an unreadable configuration with 422 and line-numbered errors in the caller’s language, storing nothing', async () => {
    const before = (await stack.deps.store.listLearnerSubmissions('learner2')).length;
    const text = 'target: server\nhosts:\n  - name: h1\n    cpus: lots\n';
    const en = await call(stack, 'POST', `/api/labs/${LAB}/submissions?lang=en`, { token: tokens.learner2, text });
    expect(en.status).toBe(422);
    expect(en.body.error.code).toBe('invalid_config');
    expect(en.body.error.details.length).toBeGreaterThan(0);
    expect(en.body.error.details.some((d: { line?: number }) => typeof d.line === 'number')).toBe(true);
    const ko = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: tokens.learner2,
      text,
      headers: { 'accept-language': 'ko' },
    });
    expect(ko.body.error.message).not.toBe(en.body.error.message);
    expect(ko.body.error.message).toMatch(/[가-힣]/);
    expect((await stack.deps.store.listLearnerSubmissions('learner2')).length).toBe(before);
  });

  it('validates without storing', async () => {
    const before = (await stack.deps.store.listLearnerSubmissions('learner1')).length;
    const ok = await call(stack, 'POST', `/api/labs/${LAB}/validate`, {
      token: tokens.learner1,
      json: { config: referenceAnswer(stack, LAB, 'learner1') },
    });
    expect(ok.body).toEqual({ valid: true, errors: [] });
    const bad = await call(stack, 'POST', `/api/labs/${LAB}/validate?lang=en`, {
      token: tokens.learner1,
      text: 'target: server\n  bad: [indent\n',
    });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors[0]).toHaveProperty('line');
    expect((await stack.deps.store.listLearnerSubmissions('learner1')).length).toBe(before);
  });

  it('an Idempotency-Key makes a retried submit create one submission; reusing it for other content is refused', async () => {
    const config = referenceAnswer(stack, LAB, 'learner1');
    const headers = { 'idempotency-key': 'retry-me-1' };
    const before = (await stack.deps.store.listLearnerSubmissions('learner1')).length;
    const [a, b] = await Promise.all([
      call(stack, 'POST', `/api/labs/${LAB}/submissions`, { token: tokens.learner1, json: { config }, headers }),
      call(stack, 'POST', `/api/labs/${LAB}/submissions`, { token: tokens.learner1, json: { config }, headers }),
    ]);
    const c = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: tokens.learner1,
      json: { config },
      headers,
    });
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    expect(new Set([a.body.submissionId, b.body.submissionId, c.body.submissionId]).size).toBe(1);
    expect(c.headers.get('idempotent-replayed')).toBe('true');
    expect((await stack.deps.store.listLearnerSubmissions('learner1')).length).toBe(before + 1);
    const other = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: tokens.learner1,
      json: { config: config + '\n# changed\n' },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    await waitGraded(stack, a.body.submissionId);
  });

  it('lists the caller’s history per lab, newest first, with the best score', async () => {
    const r = await call(stack, 'GET', `/api/me/submissions?labId=${LAB}`, { token: tokens.learner1 });
    expect(r.status).toBe(200);
    const [history] = r.body.labs;
    expect(history.labId).toBe(LAB);
    const ids = history.submissions.map((s: { id: string }) => s.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(history.best.score).toBe(100);
    expect(history.submissions.every((s: { learnerId: string }) => s.learnerId === 'learner1')).toBe(true);
    // A history is summaries (the index projects no configuration or explained grade); one submission is whole.
    const [newest] = history.submissions;
    expect(newest.result.score).toBe(100);
    expect(newest).not.toHaveProperty('config');
    expect(newest.result).not.toHaveProperty('grade');
    const whole = await call(stack, 'GET', `/api/submissions/${newest.id}`, { token: tokens.learner1 });
    expect(whole.body.config).toEqual(expect.any(String));
    expect(whole.body.result.grade.checks.length).toBeGreaterThan(0);
  });
});

describe('teaching', () => {
  it('gradebook (JSON and CSV), lab submissions, overrides, analytics', async () => {
    const sub = await submitAndGrade('learner2', 'target: server\n', {});
    expect(sub.result?.gradable).toBe(true);
    const book = await call(stack, 'GET', `/api/courses/${COURSE}/gradebook`, { token: tokens.teacher1 });
    expect(book.status).toBe(200);
    const col = book.body.labs.findIndex((l: { id: string }) => l.id === LAB);
    const row = book.body.rows.find((r: { learnerId: string }) => r.learnerId === 'learner2');
    expect(row.cells[col].score).toBe(100);

    const list = await call(stack, 'GET', `/api/courses/${COURSE}/labs/${LAB}/submissions`, { token: tokens.teacher1 });
    expect(list.body.submissions.map((s: { id: string }) => s.id)).toContain(sub.id);
    // Course-wide listings are summaries; the single read has the configuration and the explained grade.
    const listed = list.body.submissions.find((s: { id: string }) => s.id === sub.id);
    expect(listed).not.toHaveProperty('config');
    expect(listed.result).not.toHaveProperty('grade');
    expect(listed.result.score).toBe(sub.result!.score);
    const single = await call(stack, 'GET', `/api/submissions/${sub.id}`, { token: tokens.teacher1 });
    expect(single.body.config).toBe('target: server\n');
    expect(single.body.result.grade).toMatchObject({ labId: LAB, gradable: true });

    const o = await call(stack, 'PUT', `/api/submissions/${sub.id}/override`, {
      token: tokens.teacher1,
      json: { score: 42, comment: 'see me' },
    });
    expect(o.status).toBe(200);
    expect(o.body.override).toMatchObject({ score: 42, comment: 'see me', by: 'teacher1' });
    const after = await call(stack, 'GET', `/api/courses/${COURSE}/gradebook`, { token: tokens.teacher1 });
    const cell = after.body.rows.find((r: { learnerId: string }) => r.learnerId === 'learner2').cells[col];
    expect(cell).toMatchObject({ score: 42, submissionId: sub.id, override: { comment: 'see me' } });

    const csv = await call(stack, 'GET', `/api/courses/${COURSE}/gradebook?format=csv&lang=en`, {
      token: tokens.teacher1,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // A UTF-8 byte-order mark first, so Excel reads Korean names and titles as UTF-8.
    // (fetch's text() drops the mark; the bytes keep it.)
    const bytes = await fetch(`${stack.url}/api/courses/${COURSE}/gradebook?format=csv`, {
      headers: { authorization: `Bearer ${tokens.teacher1}` },
    }).then(async (r) => new Uint8Array(await r.arrayBuffer()));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split('\n');
    const title = book.body.labs[col].title.en as string;
    expect(lines[0]).toContain(title);
    expect(lines[0]).not.toContain(`,${LAB},`);
    const learner2 = lines.find((l) => l.startsWith('learner2,'))!;
    expect(learner2).toContain('42 (override)');
    // The time the learner submitted the counting attempt, as the API reports it.
    expect(learner2).toContain(sub.queuedAt);

    // The lab list's best is the override too, even though it is lower than the graded 100.
    const mine = await call(stack, 'GET', '/api/labs', { token: tokens.learner2 });
    expect(mine.body.labs.find((l: { id: string }) => l.id === LAB).best).toBe(42);

    const stats = await call(stack, 'GET', `/api/courses/${COURSE}/analytics`, { token: tokens.teacher1 });
    const lab = stats.body.labs.find((l: { labId: string }) => l.labId === LAB);
    expect(lab.attempts).toBeGreaterThanOrEqual(3);
    expect(lab.checks.length).toBe(sub.result!.checks.length);
    expect(lab.histogram.reduce((a: number, b: number) => a + b, 0)).toBe(lab.learners);
  });

  it('the gradebook (JSON, CSV, HTML), the analytics and the lab list all list labs in the one course order', async () => {
    const lessons = (await call(stack, 'GET', '/api/lessons')).body.lessons as Array<{ labs: string[] }>;
    const labs = ((await call(stack, 'GET', '/api/labs')).body.labs as Array<{ id: string }>).map((l) => l.id);
    // Lesson order: by the first lesson that practises a lab; labs no lesson names come after.
    const expected = [...new Set([...lessons.flatMap((l) => l.labs), ...labs])].filter((id) => labs.includes(id));
    expect(labs).toEqual(expected);
    const book = await call(stack, 'GET', `/api/courses/${COURSE}/gradebook`, { token: tokens.teacher1 });
    expect(book.body.labs.map((l: { id: string }) => l.id)).toEqual(expected);
    const titles = book.body.labs.map((l: { title: { ko: string } }) => l.title.ko) as string[];
    const csv = await call(stack, 'GET', `/api/courses/${COURSE}/gradebook?format=csv`, { token: tokens.teacher1 });
    const header = stringify([['학습자', ...titles.flatMap((t) => [t, `${t} 제출 시각 (UTC)`]), '평균']]);
    expect(csv.text.split('\n')[0]).toBe(header.trim());
    const stats = await call(stack, 'GET', `/api/courses/${COURSE}/analytics`, { token: tokens.teacher1 });
    expect(stats.body.labs.map((l: { labId: string }) => l.labId)).toEqual(expected);
    const html = await call(stack, 'GET', `/teach?course=${COURSE}`, {
      headers: { cookie: `virtlab_session=${tokens.teacher1}`, accept: 'text/html' },
    });
    expect([...html.text.matchAll(/data-lab="([^"]+)"/g)].map((m) => m[1]).slice(0, expected.length)).toEqual(expected);
  });

  it('regrade re-queues every finished submission of the lab and grades it again', async () => {
    const before = await stack.deps.store.listLabSubmissions(COURSE, LAB);
    const r = await call(stack, 'POST', `/api/courses/${COURSE}/labs/${LAB}/regrade`, { token: tokens.teacher1 });
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBe(`/api/courses/${COURSE}/regrades/${r.body.id}`);
    const job = await waitFor(async () => {
      const j = await call(stack, 'GET', r.headers.get('location')!, { token: tokens.teacher1 });
      return j.body.state === 'done' && j.body.graded === j.body.queued ? j.body : undefined;
    });
    expect(job.queued).toBe(before.filter((s) => s.status === 'graded' || s.status === 'failed').length);
    for (const s of before) {
      const again = await waitGraded(stack, s.id);
      expect(again.claims).toBe(s.claims + 1);
      expect(again.result?.score).toBe(s.result?.score);
    }
    // Regrading learner2's 100 does not raise the cell the teacher's override (42, above) set.
    const mine = await call(stack, 'GET', '/api/labs', { token: tokens.learner2 });
    expect(mine.body.labs.find((l: { id: string }) => l.id === LAB).best).toBe(42);
  });

  it('deadlines: reject refuses late work, an extension lets one learner in, a penalty reduces the late score', async () => {
    const lab = 'windows-needs-hvm';
    const past = new Date(Date.now() - 36 * 3600 * 1000).toISOString();
    const d = await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/deadline`, {
      token: tokens.teacher1,
      json: { dueAt: past, latePolicy: { kind: 'reject' } },
    });
    expect(d.status).toBe(200);
    const send = (user: string) =>
      call(stack, 'POST', `/api/labs/${lab}/submissions`, {
        token: tokens[user],
        json: { config: referenceAnswer(stack, lab, user), courseId: COURSE },
      });
    const refused = await send('learner2');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('deadline_passed');
    // The deadline reads as a date in the learner's language, not as a raw timestamp.
    expect(refused.body.error.message).toContain(utcDateTime(past).ko);
    expect(refused.body.error.message).not.toContain(past);
    const refusedEn = await call(stack, 'POST', `/api/labs/${lab}/submissions?lang=en`, {
      token: tokens.learner2,
      json: { config: referenceAnswer(stack, lab, 'learner2'), courseId: COURSE },
    });
    expect(refusedEn.body.error.message).toBe(
      `The deadline (${utcDateTime(past).en}) has passed; submissions are closed.`,
    );

    const future = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/extensions/learner1`, {
          token: tokens.teacher1,
          json: { dueAt: future },
        })
      ).status,
    ).toBe(200);
    const extended = await send('learner1');
    expect(extended.status).toBe(202);
    const onTime = await waitGraded(stack, extended.body.submissionId);
    expect(onTime.late).toBeUndefined();

    await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/deadline`, {
      token: tokens.teacher1,
      json: { dueAt: past, latePolicy: { kind: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: 5 } },
    });
    const late = await send('learner2');
    expect(late.status).toBe(202);
    const graded = await waitGraded(stack, late.body.submissionId);
    expect(graded.late).toMatchObject({ daysLate: 2, penaltyPercent: 20 });
    expect(graded.result).toMatchObject({ rawScore: 100, score: 80, penaltyPercent: 20 });
  });

  it('a deadline moved past a learner’s extension counts for them too: an extension never shortens their time', async () => {
    const lab = 'server-consolidation';
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const policy = { kind: 'penalty', penaltyPercentPerDay: 10 };
    const put = (path: string, json: unknown) =>
      call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/${path}`, { token: tokens.teacher1, json });
    expect((await put('deadline', { dueAt: inHours(-48), latePolicy: policy })).status).toBe(200);
    expect((await put('extensions/learner1', { dueAt: inHours(-24) })).status).toBe(200);
    // The teacher gives everyone until tomorrow, later than learner1's extension.
    expect((await put('deadline', { dueAt: inHours(24), latePolicy: policy })).status).toBe(200);
    const r = await call(stack, 'POST', `/api/labs/${lab}/submissions`, {
      token: tokens.learner1,
      json: { config: referenceAnswer(stack, lab, 'learner1'), courseId: COURSE },
    });
    expect(r.status).toBe(202);
    const graded = await waitGraded(stack, r.body.submissionId);
    expect(graded.late).toBeUndefined();
    expect(graded.result).toMatchObject({ rawScore: 100, score: 100, penaltyPercent: 0 });
  });

  it('a submission refused by the deadline leaves its Idempotency-Key unused; a retry once an extension is granted is a new submission', async () => {
    const lab = 'lun-masking';
    const past = new Date(Date.now() - 3600_000).toISOString();
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/deadline`, {
          token: tokens.teacher1,
          json: { dueAt: past, latePolicy: { kind: 'reject' } },
        })
      ).status,
    ).toBe(200);
    const headers = { 'idempotency-key': 'late-then-extended' };
    const answer = referenceAnswer(stack, lab, 'learner2');
    const send = (config: string) =>
      call(stack, 'POST', `/api/labs/${lab}/submissions`, {
        token: tokens.learner2,
        json: { config, courseId: COURSE },
        headers,
      });
    const refused = await send(answer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('deadline_passed');

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/extensions/learner2`, {
          token: tokens.teacher1,
          json: { dueAt: future },
        })
      ).status,
    ).toBe(200);
    // The learner edited the configuration meanwhile: the key held nothing, so this is not a reuse for other content.
    const edited = `${answer}\n# checked again\n`;
    const accepted = await send(edited);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('idempotent-replayed')).toBeNull();
    const replay = await send(edited);
    expect(replay.body.submissionId).toBe(accepted.body.submissionId);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await send(answer)).body.error.code).toBe('idempotency_key_reused');
    expect((await stack.deps.store.listLearnerSubmissions('learner2', lab)).map((s) => s.id)).toEqual([
      accepted.body.submissionId,
    ]);
    await waitGraded(stack, accepted.body.submissionId);
  });

  it('a retry of an accepted submission is answered with it even after the deadline has passed', async () => {
    const lab = 'raid-recover-data';
    const setDue = (dueAt: string) =>
      call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/deadline`, {
        token: tokens.teacher1,
        json: { dueAt, latePolicy: { kind: 'reject' } },
      });
    expect((await setDue(new Date(Date.now() + 3600_000).toISOString())).status).toBe(200);
    const headers = { 'idempotency-key': 'accepted-then-closed' };
    const send = () =>
      call(stack, 'POST', `/api/labs/${lab}/submissions`, {
        token: tokens.learner1,
        json: { config: referenceAnswer(stack, lab, 'learner1'), courseId: COURSE },
        headers,
      });
    const first = await send();
    expect(first.status).toBe(202);
    expect((await setDue(new Date(Date.now() - 3600_000).toISOString())).status).toBe(200);
    const retry = await send();
    expect(retry.status).toBe(202);
    expect(retry.body.submissionId).toBe(first.body.submissionId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    await waitGraded(stack, first.body.submissionId);
  });

  it('an extension needs a deadline and an enrolled learner', async () => {
    const lab = 'hosted-host-crash';
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/extensions/learner1`, {
          token: tokens.teacher1,
          json: { dueAt: future },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/extensions/nobody`, {
          token: tokens.teacher1,
          json: { dueAt: future },
        })
      ).status,
    ).toBe(404);
  });

  it('an extension must end after the lab’s deadline; an earlier one is refused and nothing is stored', async () => {
    const lab = 'hosted-host-crash';
    const due = new Date(Date.now() + 48 * 3600_000).toISOString();
    expect(
      (
        await call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/deadline`, {
          token: tokens.teacher1,
          json: { dueAt: due, latePolicy: { kind: 'reject' } },
        })
      ).status,
    ).toBe(200);
    const extend = (dueAt: string, lang = 'ko') =>
      call(stack, 'PUT', `/api/courses/${COURSE}/labs/${lab}/extensions/learner1?lang=${lang}`, {
        token: tokens.teacher1,
        json: { dueAt },
      });
    for (const dueAt of [new Date(Date.parse(due) - 3600_000).toISOString(), due]) {
      const r = await extend(dueAt);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('extension_not_later');
      expect(r.body.error.message).toContain(utcDateTime(due).ko);
    }
    expect((await extend(due, 'en')).body.error.message).toBe(
      `An extension must be later than the lab's deadline (${utcDateTime(due).en}).`,
    );
    expect(await stack.deps.store.getExtension(COURSE, lab, 'learner1')).toBeUndefined();
    const later = new Date(Date.parse(due) + 3600_000).toISOString();
    expect((await extend(later)).status).toBe(200);
    expect((await stack.deps.store.getExtension(COURSE, lab, 'learner1'))?.dueAt).toBe(later);
  });
});
