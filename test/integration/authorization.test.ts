import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { createRng } from '../../core/random.ts';
import { call, referenceAnswer, startStack, tokenFor, waitFor, waitGraded, type CallOptions } from './helpers/stack.ts';

/**
 * Every route × every kind of caller. The demo course is taught by teacher1 (its owner) with learner1 and learner2
 * enrolled, teacher3 as co-teacher and ta1 (a learner account) as teaching assistant; teacher2 teaches a course of
 * their own. learner1 owns the submission under test.
 */
type Actor = 'anonymous' | 'learner' | 'otherLearner' | 'teacher' | 'otherTeacher' | 'coTeacher' | 'ta';
const ACTORS: Record<Actor, string | undefined> = {
  anonymous: undefined,
  learner: 'learner1',
  otherLearner: 'learner2',
  teacher: 'teacher1',
  otherTeacher: 'teacher2',
  coTeacher: 'teacher3',
  ta: 'ta1',
};

const LAB = 'hvm-boot-vtx';
const C = DEMO_COURSE.id;
let stack: LocalStack;
const tokens: Partial<Record<Actor, string>> = {};
let submissionId = '';
let otherCourseCode = '';

beforeAll(async () => {
  stack = await startStack({
    users: [
      ...DEMO_USERS,
      { id: 'teacher2', name: 'Teacher Two', roles: ['teacher'] },
      { id: 'teacher3', name: 'Teacher Three', roles: ['teacher'] },
      { id: 'ta1', name: 'TA One', roles: ['learner'] },
    ],
  });
  for (const [actor, user] of Object.entries(ACTORS)) if (user) tokens[actor as Actor] = await tokenFor(stack, user);
  for (const [userId, role] of [
    ['teacher3', 'co-teacher'],
    ['ta1', 'ta'],
  ]) {
    const added = await call(stack, 'PUT', `/api/courses/${C}/staff/${userId}`, {
      token: tokens.teacher,
      json: { role },
    });
    if (added.status !== 200) throw new Error(added.text);
  }
  const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
    token: tokens.learner,
    json: { config: referenceAnswer(stack, LAB, 'learner1'), courseId: C },
  });
  submissionId = r.body.submissionId;
  await waitGraded(stack, submissionId);
  otherCourseCode = (
    await call(stack, 'POST', '/api/courses', { token: tokens.otherTeacher, json: { title: 'Other' } })
  ).body.joinCode;
});
afterAll(() => stack?.stop());

type Expect = Record<Actor, number>;
const all = (status: number): Expect => ({
  anonymous: status,
  learner: status,
  otherLearner: status,
  teacher: status,
  otherTeacher: status,
  coTeacher: status,
  ta: status,
});
const signedIn = (status: number): Expect => ({ ...all(status), anonymous: 401 });
/** Owner only: staff and the audit log. */
const ownerOnly = (ok: number): Expect => ({ ...all(403), anonymous: 401, teacher: ok });
/** Any staff role: view, grade, regrade (core/course/roles.ts). */
const courseStaffOnly = (ok: number): Expect => ({ ...ownerOnly(ok), coTeacher: ok, ta: ok });
/** Course settings: owner and co-teacher, not a TA. */
const courseTeacherOnly = (ok: number): Expect => ({ ...ownerOnly(ok), coTeacher: ok });
/**
 * A submission: its learner and any staff of its course; anyone else gets 404, as for an unknown id (ids cannot be
 * probed).
 */
const submissionReaders = (ok: number): Expect => ({
  ...courseStaffOnly(ok),
  learner: ok,
  otherLearner: 404,
  otherTeacher: 404,
});
const future = () => new Date(Date.now() + 86_400_000).toISOString();

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: () => CallOptions;
  expect: Expect;
}

const CASES: Case[] = [
  { name: 'health', method: 'GET', path: () => '/api/health', expect: all(200) },
  { name: 'openapi', method: 'GET', path: () => '/api/openapi.json', expect: all(200) },
  { name: 'lessons', method: 'GET', path: () => '/api/lessons', expect: all(200) },
  { name: 'lesson', method: 'GET', path: () => `/api/lessons/${stack.deps.course.lessons[0].id}`, expect: all(200) },
  {
    name: 'quiz',
    method: 'POST',
    path: () => `/api/lessons/${stack.deps.course.lessons[0].id}/quiz`,
    body: () => ({ json: {} }),
    expect: all(200),
  },
  { name: 'labs', method: 'GET', path: () => '/api/labs', expect: all(200) },
  { name: 'lab', method: 'GET', path: () => `/api/labs/${LAB}`, expect: signedIn(200) },
  { name: 'me', method: 'GET', path: () => '/api/me', expect: signedIn(200) },
  { name: 'my courses', method: 'GET', path: () => '/api/courses', expect: signedIn(200) },
  {
    name: 'create course',
    method: 'POST',
    path: () => '/api/courses',
    body: () => ({ json: { title: 'New' } }),
    expect: {
      anonymous: 401,
      learner: 403,
      otherLearner: 403,
      teacher: 201,
      otherTeacher: 201,
      coTeacher: 201,
      ta: 403,
    },
  },
  {
    name: 'join course',
    method: 'POST',
    path: () => '/api/courses/join',
    body: () => ({ json: { code: otherCourseCode } }),
    expect: {
      anonymous: 401,
      learner: 200,
      otherLearner: 200,
      teacher: 403,
      otherTeacher: 403,
      coTeacher: 403,
      ta: 200,
    },
  },
  {
    name: 'validate',
    method: 'POST',
    path: () => `/api/labs/${LAB}/validate`,
    body: () => ({ json: { config: 'target: server\n' } }),
    expect: signedIn(200),
  },
  {
    name: 'submit into the course',
    method: 'POST',
    path: () => `/api/labs/${LAB}/submissions`,
    body: () => ({ json: { config: referenceAnswer(stack, LAB, 'learner1'), courseId: C } }),
    // teacher2 is not a member of the demo course; its staff are.
    expect: {
      anonymous: 401,
      learner: 202,
      otherLearner: 202,
      teacher: 202,
      otherTeacher: 403,
      coTeacher: 202,
      ta: 202,
    },
  },
  {
    name: 'read a submission',
    method: 'GET',
    path: () => `/api/submissions/${submissionId}`,
    // Another learner's id answers as an unknown one does (404), as the pages do: ids cannot be probed.
    expect: submissionReaders(200),
  },
  { name: 'my submissions', method: 'GET', path: () => '/api/me/submissions', expect: signedIn(200) },
  {
    name: 'ask for a regrade',
    method: 'POST',
    path: () => `/api/submissions/${submissionId}/regrade-request`,
    body: () => ({ json: { message: 'Please look again.' } }),
    // Only the submission's learner asks; staff see the submission but may not ask, others cannot see it.
    expect: {
      anonymous: 401,
      learner: 201,
      otherLearner: 404,
      teacher: 403,
      otherTeacher: 404,
      coTeacher: 403,
      ta: 403,
    },
  },
  {
    name: 'read the regrade thread',
    method: 'GET',
    path: () => `/api/submissions/${submissionId}/regrade-request`,
    expect: submissionReaders(200),
  },
  {
    name: 'regrade request queue',
    method: 'GET',
    path: () => `/api/courses/${C}/regrade-requests`,
    expect: courseStaffOnly(200),
  },
  {
    name: 'answer a regrade request',
    method: 'PUT',
    path: () => `/api/submissions/${submissionId}/regrade-request/answer`,
    body: () => ({ json: { decision: 'reject', reply: 'The grade stands.' } }),
    // The owner answers first; the co-teacher and TA pass authorization and find it answered (409, not 403).
    expect: {
      anonymous: 401,
      learner: 403,
      otherLearner: 404,
      teacher: 200,
      otherTeacher: 404,
      coTeacher: 409,
      ta: 409,
    },
  },
  {
    name: 'override',
    method: 'PUT',
    path: () => `/api/submissions/${submissionId}/override`,
    body: () => ({ json: { score: 50, comment: 'x' } }),
    expect: courseStaffOnly(200),
  },
  {
    name: 'rotate join code',
    method: 'POST',
    path: () => `/api/courses/${C}/join-code`,
    expect: courseTeacherOnly(200),
  },
  { name: 'gradebook', method: 'GET', path: () => `/api/courses/${C}/gradebook`, expect: courseStaffOnly(200) },
  {
    name: 'gradebook csv',
    method: 'GET',
    path: () => `/api/courses/${C}/gradebook?format=csv`,
    expect: courseStaffOnly(200),
  },
  {
    name: 'lab submissions',
    method: 'GET',
    path: () => `/api/courses/${C}/labs/${LAB}/submissions`,
    expect: courseStaffOnly(200),
  },
  { name: 'analytics', method: 'GET', path: () => `/api/courses/${C}/analytics`, expect: courseStaffOnly(200) },
  {
    name: 'regrade',
    method: 'POST',
    path: () => `/api/courses/${C}/labs/${LAB}/regrade`,
    expect: courseStaffOnly(202),
  },
  {
    name: 'deadline',
    method: 'PUT',
    path: () => `/api/courses/${C}/labs/${LAB}/deadline`,
    body: () => ({ json: { dueAt: future(), latePolicy: { kind: 'none' } } }),
    expect: courseTeacherOnly(200),
  },
  {
    name: 'course settings',
    method: 'GET',
    path: () => `/api/courses/${C}/settings`,
    expect: courseStaffOnly(200),
  },
  {
    name: 'course reveal default',
    method: 'PUT',
    path: () => `/api/courses/${C}/settings/reveal`,
    // The platform's own default, so the cases after this one see no change.
    body: () => ({ json: { afterAttempts: 3, afterDeadline: true } }),
    expect: courseTeacherOnly(200),
  },
  {
    name: 'extension',
    method: 'PUT',
    path: () => `/api/courses/${C}/labs/${LAB}/extensions/learner1`,
    body: () => ({ json: { dueAt: future() } }),
    expect: courseTeacherOnly(200),
  },
  { name: 'list staff', method: 'GET', path: () => `/api/courses/${C}/staff`, expect: ownerOnly(200) },
  {
    name: 'add staff',
    method: 'PUT',
    path: () => `/api/courses/${C}/staff/helper1`,
    body: () => ({ json: { role: 'ta' } }),
    expect: ownerOnly(200),
  },
  {
    name: 'remove staff',
    method: 'DELETE',
    // The owner's call removes helper1 (added by the case before); every other caller is refused first.
    path: () => `/api/courses/${C}/staff/helper1`,
    expect: ownerOnly(200),
  },
  { name: 'audit log', method: 'GET', path: () => `/api/courses/${C}/audit`, expect: ownerOnly(200) },
  { name: 'audit csv', method: 'GET', path: () => `/api/courses/${C}/audit?format=csv`, expect: ownerOnly(200) },
];

describe('authorization matrix', () => {
  for (const c of CASES) {
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      it(`${c.name} as ${actor} → ${c.expect[actor]}`, async () => {
        const r = await call(stack, c.method, c.path(), { token: tokens[actor], ...c.body?.() });
        expect(r.status, r.text).toBe(c.expect[actor]);
        if (r.status === 401 || r.status === 403) {
          expect(r.body.error.code).toBe(r.status === 401 ? 'unauthenticated' : 'forbidden');
          expect(r.body.error.message.length).toBeGreaterThan(0);
        }
      });
    }
  }

  it('a forged or expired token is anonymous (401), never an error', async () => {
    const forged = tokens.learner!.slice(0, -4) + 'AAAA';
    expect((await call(stack, 'GET', '/api/me', { token: forged })).status).toBe(401);
    expect((await call(stack, 'GET', '/api/me', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('a learner’s history never contains another learner’s submissions', async () => {
    const r = await call(stack, 'GET', '/api/me/submissions', { token: tokens.otherLearner });
    const ids = r.body.labs.flatMap((l: { submissions: { id: string; learnerId: string }[] }) =>
      l.submissions.map((s) => s.learnerId),
    );
    expect(ids.every((id: string) => id === 'learner2')).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('a join code cannot be computed from the course id (the old scheme: a PRNG seeded by the id)', async () => {
    const created = await call(stack, 'POST', '/api/courses', {
      token: tokens.otherTeacher,
      json: { title: 'Secret' },
    });
    const id: string = created.body.id;
    const rng = createRng(id);
    const computed = Array.from({ length: 8 }, () => rng.pick('ABCDEFGHJKMNPQRSTUVWXYZ23456789'.split(''))).join('');
    expect(created.body.joinCode).not.toBe(computed);
    const join = await call(stack, 'POST', '/api/courses/join', { token: tokens.learner, json: { code: computed } });
    expect(join.status).toBe(404);
    expect(await stack.deps.store.getEnrollment(id, 'learner1')).toBeUndefined();
  });

  it('the code is shown to the course’s teacher only; a rotated code replaces the old one at once, members stay', async () => {
    const created = await call(stack, 'POST', '/api/courses', {
      token: tokens.otherTeacher,
      json: { title: 'Rotating' },
    });
    const { id, joinCode: old } = created.body as { id: string; joinCode: string };
    expect(
      (await call(stack, 'POST', '/api/courses/join', { token: tokens.learner, json: { code: old } })).status,
    ).toBe(200);
    const mine = await call(stack, 'GET', '/api/courses', { token: tokens.learner });
    expect(mine.body.courses.find((c: { id: string }) => c.id === id).joinCode).toBe('');
    expect((await call(stack, 'POST', `/api/courses/${id}/join-code`, { token: tokens.learner })).status).toBe(403);
    expect((await call(stack, 'POST', `/api/courses/${id}/join-code`, { token: tokens.teacher })).status).toBe(403);
    const rotated = await call(stack, 'POST', `/api/courses/${id}/join-code`, { token: tokens.otherTeacher });
    expect(rotated.status).toBe(200);
    expect(rotated.body.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(rotated.body.joinCode).not.toBe(old);
    expect(
      (await call(stack, 'POST', '/api/courses/join', { token: tokens.otherLearner, json: { code: old } })).status,
    ).toBe(404);
    expect(
      (
        await call(stack, 'POST', '/api/courses/join', {
          token: tokens.otherLearner,
          json: { code: rotated.body.joinCode },
        })
      ).status,
    ).toBe(200);
    expect(await stack.deps.store.getEnrollment(id, 'learner1')).toBeDefined();
    const taught = await call(stack, 'GET', '/api/courses', { token: tokens.otherTeacher });
    expect(taught.body.courses.find((c: { id: string }) => c.id === id).joinCode).toBe(rotated.body.joinCode);
  });

  it('a regrade does not rewrite history: queuedAt stays the learner’s time, requeuedAt and regradedAt are recorded beside it', async () => {
    const r = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: tokens.otherLearner,
      json: { config: referenceAnswer(stack, LAB, 'learner2'), courseId: C },
    });
    expect(r.status).toBe(202);
    const first = await waitGraded(stack, r.body.submissionId);
    expect(first.regradedAt).toBeUndefined();
    await new Promise((done) => setTimeout(done, 20));
    const regrade = await call(stack, 'POST', `/api/courses/${C}/labs/${LAB}/regrade`, { token: tokens.teacher });
    expect(regrade.status).toBe(202);
    // The regrade is a job: wait until its fan-out is done and the grader has finished what it sent.
    await waitFor(async () => {
      const j = await call(stack, 'GET', regrade.headers.get('location')!, { token: tokens.teacher });
      return j.body.state === 'done' && j.body.graded === j.body.queued ? j.body : undefined;
    });
    const again = await waitGraded(stack, r.body.submissionId);
    expect(again.queuedAt).toBe(first.queuedAt);
    expect(again.requeuedAt! > first.queuedAt).toBe(true);
    expect(again.regradedAt).toBe(again.gradedAt);
    expect(again.gradedAt! > first.gradedAt!).toBe(true);
    // The API, the learner's history and the teacher's listing all say when the learner submitted.
    const api = await call(stack, 'GET', `/api/submissions/${r.body.submissionId}`, { token: tokens.otherLearner });
    expect(api.body).toMatchObject({
      queuedAt: first.queuedAt,
      requeuedAt: again.requeuedAt,
      regradedAt: again.regradedAt,
    });
    expect(api.body.latency.queuedMs).toBeLessThan(60_000);
    const listing = await call(stack, 'GET', `/api/courses/${C}/labs/${LAB}/submissions`, { token: tokens.teacher });
    expect(listing.body.submissions.find((x: { id: string }) => x.id === r.body.submissionId).queuedAt).toBe(
      first.queuedAt,
    );
    const page = await fetch(`${stack.url}/me/submissions`, {
      headers: { cookie: `virtlab_session=${tokens.otherLearner}` },
    });
    expect(await page.text()).toContain(`datetime="${first.queuedAt}"`);
  });
});
