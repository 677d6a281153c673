import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { pageSimulations } from '../../functions/http/pages/page-trace.ts';
import type { User } from '../../functions/auth/user.ts';
import { BASE } from './bad-inputs/corpus.ts';
import { call, learners, signInAndJoin, startStack, submitYaml, tokenFor, waitGraded } from './helpers/stack.ts';

/**
 * Bad input that used to cost seconds of CPU or get a confusing answer, over real HTTP on the local stack. Each
 * gets a clear 4xx (nothing stored), and the work it may cost is bounded — by the process's own CPU clock, measured
 * around the request (the whole stack runs in this process), and by counters (simulations run per page view).
 */

const [LEARNER, OTHER] = learners('bounded', 2);
const TEACHER: User = { id: 'teacher1', name: 'teacher1', roles: ['teacher'] };
const SUBMIT = '/api/labs/sensitive-instructions/submissions';
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startStack({ users: [LEARNER, OTHER, TEACHER] });
  token = await signInAndJoin(stack, LEARNER.id);
});
afterAll(() => stack?.stop());

const stored = async () => (await stack.deps.store.listLearnerSubmissions(LEARNER.id)).length;

/** A request's reply and the CPU milliseconds this process spent while it ran (server and client together). */
async function timed<T>(run: () => Promise<T>): Promise<{ reply: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const reply = await run();
  const used = process.cpuUsage(before);
  return { reply, cpuMs: (used.user + used.system) / 1000 };
}

const SEVEN_THOUSAND_KEYS = 'target: server\n' + Array.from({ length: 7000 }, (_, i) => `k${i}: 1`).join('\n') + '\n';

describe('text that used to cost seconds of CPU', () => {
  it('a 62 KB YAML of 7,000 unknown keys: one clear 422 at the key limit, in well under a second of CPU', async () => {
    expect(SEVEN_THOUSAND_KEYS.length).toBeGreaterThan(60_000);
    const before = await stored();
    const { reply, cpuMs } = await timed(() =>
      call(stack, 'POST', SUBMIT, { token, text: SEVEN_THOUSAND_KEYS, headers: { 'accept-language': 'en' } }),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toHaveLength(1);
    expect(reply.body.error.details[0]).toMatchObject({ path: '', line: 501 });
    expect(reply.body.error.details[0].message).toMatch(/Too many keys in one mapping \(at most 500\)/);
    expect(reply.text.length).toBeLessThan(2_000);
    // Before: 1–4.4 s of CPU and 823 KB of errors. The bound leaves room for a slow, shared machine.
    expect(cpuMs).toBeLessThan(500);
    expect(await stored()).toBe(before);
  });

  it("'[' × 65,536: a 422 saying the text is nested too deeply, cheaply", async () => {
    const { reply, cpuMs } = await timed(() => call(stack, 'POST', SUBMIT, { token, text: '['.repeat(65_536) }));
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_config');
    expect(reply.body.error.details[0].message).toMatch(/깊게 중첩/);
    expect(cpuMs).toBeLessThan(500);
  });

  it('many schema errors: at most 20 shown, then "and N more"', async () => {
    const typos = BASE + Array.from({ length: 60 }, (_, i) => `typo${i}: 1`).join('\n') + '\n';
    const reply = await call(stack, 'POST', `${SUBMIT}?lang=en`, { token, text: typos });
    expect(reply.status).toBe(422);
    const details = reply.body.error.details as Array<{ path: string; message: string; line?: number }>;
    expect(details).toHaveLength(21);
    expect(details[0]).toMatchObject({ path: 'typo0', line: 8 });
    expect(details[20].message).toMatch(/and 40 more/);
  });
});

describe('numbers and dates out of any sane range', () => {
  it.each(['1e309', '.inf', '-.inf', '.nan'])(
    'memoryGiB: %s → "write a finite number", not "expected number, received number"',
    async (n) => {
      const reply = await call(stack, 'POST', `${SUBMIT}?lang=en`, {
        token,
        text: BASE.replace('memoryGiB: 16', `memoryGiB: ${n}`),
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error.details).toEqual([
        { path: 'host.memoryGiB', line: 4, message: expect.stringMatching(/finite number/) },
      ]);
    },
  );

  it('memoryGiB: 5e-324 is refused (less than one 4-KiB page)', async () => {
    const reply = await call(stack, 'POST', `${SUBMIT}?lang=en`, {
      token,
      text: BASE.replace('memoryGiB: 2', 'memoryGiB: 5e-324'),
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details[0]).toMatchObject({ path: 'guests[0].memoryGiB', line: 7 });
    expect(reply.body.error.details[0].message).toMatch(/4-KiB page/);
  });

  it('a deadline in year 9999 at −14:00 (year 10000 in UTC) is refused, nothing stored', async () => {
    const teacher = await tokenFor(stack, TEACHER.id);
    const path = `/api/courses/${DEMO_COURSE.id}/labs/sensitive-instructions/deadline`;
    const reply = await call(stack, 'PUT', `${path}?lang=en`, {
      token: teacher,
      json: { dueAt: '9999-12-31T23:00:00-14:00', latePolicy: { kind: 'none' } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0]).toMatchObject({
      path: 'dueAt',
      message: expect.stringMatching(/2000–9999 in UTC/),
    });
    expect(await stack.deps.store.getDeadline(DEMO_COURSE.id, 'sensitive-instructions')).toBeUndefined();
    // The last moment of year 9999 in UTC is fine, and stored as an ordinary ISO string.
    const ok = await call(stack, 'PUT', path, {
      token: teacher,
      json: { dueAt: '9999-12-31T09:59:00-14:00', latePolicy: { kind: 'none' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.dueAt).toBe('9999-12-31T23:59:00.000Z');
    const extension = await call(stack, 'PUT', `${path.replace('/deadline', '/extensions/bounded-01')}`, {
      token: teacher,
      json: { dueAt: '9999-12-31T23:30:00-14:00' },
    });
    expect(extension.status).toBe(400);
  });
});

describe('a result page simulates at most once per submission', () => {
  it('the RAID-2 lun-masking design (40 disks × 16,384 blocks): one simulation for three views', async () => {
    const disks = Array.from({ length: 40 }, (_, i) => `d${i}`).join(', ');
    const raid2 = `target: storage
disks: { count: 40, sizeBlocks: 16384 }
arrays:
  - { name: a1, level: 2, disks: [${disks}] }
pool: { name: p1, arrays: [a1] }
luns:
  - { name: dbvol, sizeBlocks: 8, provisioning: thick, hosts: [db1] }
  - { name: webvol, sizeBlocks: 8, provisioning: thin, hosts: [web1] }
`;
    const res = await submitYaml(stack, token, 'lun-masking', raid2);
    expect(res.status, res.text).toBe(202);
    await waitGraded(stack, res.body.submissionId);
    const cookie = `virtlab_session=${token}`;
    const before = pageSimulations.count;
    const views = [];
    for (let i = 0; i < 3; i++)
      views.push(
        await timed(() => fetch(`${stack.url}/submissions/${res.body.submissionId}`, { headers: { cookie } })),
      );
    for (const v of views) expect(v.reply.status).toBe(200);
    expect(pageSimulations.count - before).toBe(1);
    // The second and third views draw from the cache: far cheaper than the first, which simulated.
    expect(views[1].cpuMs).toBeLessThan(Math.max(views[0].cpuMs / 2, 200));
    // Another learner's id is a 404 on the page and in the API alike.
    const other = await tokenFor(stack, OTHER.id);
    expect(
      (
        await fetch(`${stack.url}/submissions/${res.body.submissionId}`, {
          headers: { cookie: `virtlab_session=${other}` },
        })
      ).status,
    ).toBe(404);
    expect((await call(stack, 'GET', `/api/submissions/${res.body.submissionId}`, { token: other })).status).toBe(404);
  }, 60_000);
});
