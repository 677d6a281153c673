import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { startStaffStack } from './helpers/staff.ts';
import { call, referenceAnswer, waitGraded } from './helpers/stack.ts';

/** Staff roles (owner, co-teacher, TA) and the audit log, through the API against dynalite. */
const LAB = 'hvm-boot-vtx';
const C = DEMO_COURSE.id;
let stack: LocalStack;
const t: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStaffStack(t, { assignRoles: false });
});
afterAll(() => stack?.stop());

describe('staff', () => {
  it('the owner adds a TA who may grade but not change settings; removal ends their access, the item stays', async () => {
    const add = await call(stack, 'PUT', `/api/courses/${C}/staff/ta1`, { token: t.teacher1, json: { role: 'ta' } });
    expect(add.status, add.text).toBe(200);
    expect(add.body).toMatchObject({ userId: 'ta1', role: 'ta', addedBy: 'teacher1' });
    // Adding again with the same role changes nothing (and logs nothing).
    expect(
      (await call(stack, 'PUT', `/api/courses/${C}/staff/ta1`, { token: t.teacher1, json: { role: 'ta' } })).status,
    ).toBe(200);

    const sub = await call(stack, 'POST', `/api/labs/${LAB}/submissions`, {
      token: t.learner1,
      json: { config: referenceAnswer(stack, LAB, 'learner1'), courseId: C },
    });
    await waitGraded(stack, sub.body.submissionId);
    const override = await call(stack, 'PUT', `/api/submissions/${sub.body.submissionId}/override`, {
      token: t.ta1,
      json: { score: 42, comment: 'partial credit' },
    });
    expect(override.status, override.text).toBe(200);
    expect((await stack.deps.store.getSubmission(sub.body.submissionId))!.override!.by).toBe('ta1');

    const deadline = await call(stack, 'PUT', `/api/courses/${C}/labs/${LAB}/deadline`, {
      token: t.ta1,
      json: { dueAt: new Date(Date.now() + 86_400_000).toISOString(), latePolicy: { kind: 'none' } },
      headers: { 'accept-language': 'ko' },
    });
    expect(deadline.status).toBe(403);
    expect(deadline.body.error.message).toContain('조교');

    const mine = await call(stack, 'GET', '/api/courses', { token: t.ta1 });
    const course = mine.body.courses.find((c: { id: string }) => c.id === C);
    expect(course).toMatchObject({ role: 'ta', joinCode: '' });

    const staff = await call(stack, 'GET', `/api/courses/${C}/staff`, { token: t.teacher1 });
    expect(staff.body.staff.map((m: { userId: string; role: string }) => `${m.userId}:${m.role}`)).toEqual([
      'teacher1:owner',
      'ta1:ta',
    ]);

    expect((await call(stack, 'DELETE', `/api/courses/${C}/staff/ta1`, { token: t.teacher1 })).status).toBe(200);
    expect((await call(stack, 'DELETE', `/api/courses/${C}/staff/ta1`, { token: t.teacher1 })).status).toBe(404);
    expect((await call(stack, 'GET', `/api/courses/${C}/gradebook`, { token: t.ta1 })).status).toBe(403);
    expect(await stack.deps.store.getEnrollment(C, 'ta1')).toBeUndefined();
    expect((await stack.deps.store.listMemberships('ta1')).some((m) => m.courseId === C)).toBe(false);
    // Re-added later, they are staff again.
    expect(
      (await call(stack, 'PUT', `/api/courses/${C}/staff/ta1`, { token: t.teacher1, json: { role: 'co-teacher' } }))
        .status,
    ).toBe(200);
    expect((await stack.deps.store.getEnrollment(C, 'ta1'))!.role).toBe('co-teacher');
  });

  it('a learner of the course, or its owner, cannot be made staff; an unknown role is a 400', async () => {
    const learner = await call(stack, 'PUT', `/api/courses/${C}/staff/learner1`, {
      token: t.teacher1,
      json: { role: 'ta' },
    });
    expect(learner.status).toBe(409);
    expect((await stack.deps.store.getEnrollment(C, 'learner1'))!.role).toBe('learner');
    expect(
      (await call(stack, 'PUT', `/api/courses/${C}/staff/teacher1`, { token: t.teacher1, json: { role: 'ta' } }))
        .status,
    ).toBe(409);
    expect(
      (await call(stack, 'PUT', `/api/courses/${C}/staff/x`, { token: t.teacher1, json: { role: 'owner' } })).status,
    ).toBe(400);
  });

  it('a co-teacher changes settings but not staff', async () => {
    await call(stack, 'PUT', `/api/courses/${C}/staff/teacher3`, { token: t.teacher1, json: { role: 'co-teacher' } });
    const rotated = await call(stack, 'POST', `/api/courses/${C}/join-code`, { token: t.teacher3 });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.role).toBe('co-teacher');
    expect(
      (await call(stack, 'PUT', `/api/courses/${C}/staff/x1`, { token: t.teacher3, json: { role: 'ta' } })).status,
    ).toBe(403);
  });
});

describe('audit log', () => {
  it('records every staff action with who, role, before and after; pages newest first; exports CSV', async () => {
    const all = await call(stack, 'GET', `/api/courses/${C}/audit?limit=200`, { token: t.teacher1 });
    expect(all.status).toBe(200);
    const actions = all.body.records.map((r: { action: string }) => r.action);
    for (const a of ['staff.add', 'override', 'staff.remove', 'join-code.rotate']) expect(actions).toContain(a);
    // One staff.add for ta1 as TA (the repeat logged nothing), one for the re-add, one for teacher3.
    expect(actions.filter((a: string) => a === 'staff.add')).toHaveLength(3);
    const override = all.body.records.find((r: { action: string }) => r.action === 'override');
    expect(override).toMatchObject({
      actorId: 'ta1',
      actorRole: 'ta',
      after: { score: 42, comment: 'partial credit' },
    });
    expect(override.before.score).toBeTypeOf('number');
    const rotate = all.body.records.find((r: { action: string }) => r.action === 'join-code.rotate');
    expect(rotate).toMatchObject({ actorId: 'teacher3', actorRole: 'co-teacher' });
    const ids = all.body.records.map((r: { id: string }) => r.id);
    expect([...ids].sort().reverse()).toEqual(ids);

    const first = await call(stack, 'GET', `/api/courses/${C}/audit?limit=2`, { token: t.teacher1 });
    expect(first.body.records).toHaveLength(2);
    const second = await call(stack, 'GET', `/api/courses/${C}/audit?limit=2&after=${first.body.next}`, {
      token: t.teacher1,
    });
    expect(second.body.records.map((r: { id: string }) => r.id)).toEqual(ids.slice(2, 4));
    expect((await call(stack, 'GET', `/api/courses/${C}/audit?limit=500`, { token: t.teacher1 })).status).toBe(400);
    expect((await call(stack, 'GET', `/api/courses/${C}/audit?after=nope`, { token: t.teacher1 })).status).toBe(400);

    const csv = await call(stack, 'GET', `/api/courses/${C}/audit?format=csv`, { token: t.teacher1 });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // The body starts with the UTF-8 BOM (text() would decode it away: read the bytes).
    const bytes = new Uint8Array(
      await (
        await fetch(`${stack.url}/api/courses/${C}/audit?format=csv`, {
          headers: { authorization: `Bearer ${t.teacher1}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('id,at,actorId,actorRole,action,target,before,after');
    expect(lines).toHaveLength(ids.length + 1);

    // Filtered by action: only those records, in pages that go on past the records filtered out.
    const adds = ids.filter((_: string, i: number) => all.body.records[i].action === 'staff.add');
    const seen: string[] = [];
    let after = '';
    for (let pages = 0; pages < 20; pages++) {
      const page = await call(stack, 'GET', `/api/courses/${C}/audit?action=staff.add&limit=2${after}`, {
        token: t.teacher1,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.records.map((r: { id: string; action: string }) => r.id));
      if (!page.body.next) break;
      after = `&after=${page.body.next}`;
    }
    expect(seen).toEqual(adds);
    const addsCsv = await call(stack, 'GET', `/api/courses/${C}/audit?format=csv&action=staff.add`, {
      token: t.teacher1,
    });
    expect(addsCsv.text.trim().split('\n')).toHaveLength(adds.length + 1);
    expect((await call(stack, 'GET', `/api/courses/${C}/audit?action=nope`, { token: t.teacher1 })).status).toBe(400);
  });

  it('a record is immutable: appending an existing id is refused and the record is unchanged', async () => {
    const [rec] = (await stack.deps.store.listAudit(C, { limit: 1 })).records;
    expect(await stack.deps.store.appendAudit({ ...rec, actorId: 'mallory' })).toBe(false);
    expect((await stack.deps.store.listAudit(C, { limit: 1 })).records[0]).toEqual(rec);
  });
});
