import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { call, startStack, tokenFor } from './helpers/stack.ts';

/** Roster import through the API against dynalite, with the local directory (local issuer users). */
const C = DEMO_COURSE.id;
let stack: LocalStack;
const t: Record<string, string> = {};
const csv = (text: string, token: string, dryRun = false) =>
  call(stack, 'POST', `/api/courses/${C}/roster?dryRun=${dryRun}`, { token, raw: text, type: 'text/csv' });

beforeAll(async () => {
  stack = await startStack({ users: [...DEMO_USERS, { id: 'ta1', name: 'TA', roles: ['learner'] }] });
  for (const u of ['teacher1', 'learner1', 'ta1']) t[u] = await tokenFor(stack, u);
  await call(stack, 'PUT', `/api/courses/${C}/staff/ta1`, { token: t.teacher1, json: { role: 'ta' } });
});
afterAll(() => stack?.stop());

const FILE = '\uFEFFemail,name,student_id,section\nkim@uni.ac.kr,김민지,2024001,A\nlee@uni.ac.kr,Lee Jun,,B\n';

describe('roster import', () => {
  it('a dry run previews each row and writes nothing; the import creates and enrolls; a re-import duplicates nothing', async () => {
    const preview = await csv(FILE, t.teacher1, true);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((r: { line: number; outcome: string }) => [r.line, r.outcome])).toEqual([
      [2, 'create'],
      [3, 'create'],
    ]);
    expect(await stack.deps.store.getEnrollment(C, 'kim@uni.ac.kr')).toBeUndefined();
    expect(await stack.deps.directory!.findByEmail('kim@uni.ac.kr')).toBeUndefined();

    const done = await csv(FILE, t.teacher1);
    expect(done.status, done.text).toBe(200);
    expect(done.body.counts).toEqual({ create: 2, enroll: 0, already: 0, skip: 0 });
    expect(await stack.deps.store.getEnrollment(C, 'kim@uni.ac.kr')).toMatchObject({
      role: 'learner',
      studentId: '2024001',
      section: 'A',
      addedBy: 'teacher1',
    });
    // The imported learner can sign in locally and sees the course.
    const kim = await tokenFor(stack, 'kim@uni.ac.kr');
    const mine = await call(stack, 'GET', '/api/courses', { token: kim });
    expect(mine.body.courses.map((c: { id: string }) => c.id)).toContain(C);

    const rosterBefore = (await stack.deps.store.listRoster(C)).length;
    const again = await csv(FILE, t.teacher1);
    expect(again.body.counts).toEqual({ create: 0, enroll: 0, already: 2, skip: 0 });
    expect((await stack.deps.store.listRoster(C)).length).toBe(rosterBefore);

    const audit = await call(stack, 'GET', `/api/courses/${C}/audit`, { token: t.teacher1 });
    const imports = audit.body.records.filter((r: { action: string }) => r.action === 'roster.import');
    expect(imports).toHaveLength(2);
    expect(imports[1].after).toMatchObject({ rows: 2, create: 2 });
  });

  it('a second file adds its new learners and counts the ones already enrolled', async () => {
    const r = await csv('email,name\nnew@uni.ac.kr,New\nkim@uni.ac.kr,김민지\n', t.teacher1);
    expect(r.body.counts).toEqual({ create: 1, enroll: 0, already: 1, skip: 0 });
  });

  it('a bad file is refused whole with line-numbered bilingual problems; nothing is written', async () => {
    const before = (await stack.deps.store.listRoster(C)).length;
    const bad = await csv('email,name\nok@uni.ac.kr,OK\nbroken,X\n', t.teacher1);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_roster');
    expect(bad.body.error.details[0]).toMatchObject({ line: 3, path: 'email' });
    const ko = await call(stack, 'POST', `/api/courses/${C}/roster`, {
      token: t.teacher1,
      raw: 'email,name\nbroken,X\n',
      type: 'text/csv',
      headers: { 'accept-language': 'ko' },
    });
    expect(ko.body.error.details[0].message).toContain('2번째 줄');
    expect((await stack.deps.store.listRoster(C)).length).toBe(before);
    expect(await stack.deps.directory!.findByEmail('ok@uni.ac.kr')).toBeUndefined();
  });

  it('only the owner and co-teachers import; wrong type and oversized bodies are refused', async () => {
    expect((await csv(FILE, t.ta1)).status).toBe(403);
    expect((await csv(FILE, t.learner1)).status).toBe(403);
    const json = await call(stack, 'POST', `/api/courses/${C}/roster`, { token: t.teacher1, json: { a: 1 } });
    expect(json.status).toBe(415);
    const huge = await csv('email,name\n' + 'x'.repeat(300 * 1024), t.teacher1);
    expect(huge.status).toBe(413);
  });
});
