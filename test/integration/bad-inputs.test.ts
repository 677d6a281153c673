import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../core/grading/result.ts';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { BASE, CORPUS, type BadInput } from './bad-inputs/corpus.ts';
import { call, learners, signInAndJoin, submitYaml } from './stack-client.ts';

/**
 * Bad inputs to `POST /api/labs/{id}/submissions` over real HTTP on the local stack. Every one of the corpus
 * (./bad-inputs/corpus.ts, 400+ cases) gets a 4xx, never a 5xx, in the one error shape `{error: {code, message,
 * details}}` with a non-empty message, field errors name their path, and nothing is stored.
 *
 * Classification (what the product promises, see the submission route and `submit` in functions/service):
 * - HTTP level: wrong or missing Content-Type → 415; body over 3 × 64 KiB, or a configuration over 64 KiB → 413;
 *   invalid UTF-8 → 400 invalid_encoding; a JSON body that does not parse → 400 malformed_json; a JSON wrapper,
 *   query, header or lab id of the wrong shape → 400 invalid_request with the path; unknown lab or course → 404;
 *   no or forged token → 401.
 * - Text and schema level: a configuration that does not parse (syntax, alias bombs, nesting, prototype keys, not
 *   an object) or does not fit the lab target's schema (wrong types, unknown fields, numbers out of range, more
 *   guests than a configuration may hold) → 422 invalid_config with details (path and/or line); not stored, no
 *   attempt spent.
 * - Not a bad input: a configuration that fits the schema but that the simulator refuses (e.g. more guests than
 *   SIM_LIMITS allows in one run, 65) is accepted (202) and graded: the refusal is the explained result, and only
 *   checks that expect a refusal can pass. The last test pins that.
 */

const [LEARNER] = learners('bad-inputs', 1);
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startLocal({
    port: 0,
    inMemory: true,
    users: [LEARNER],
    // Refusals are not counted by the rate limit, but keep it out of the way so a 429 could not hide a result.
    config: { rateLimits: { submit: { limit: 10_000, windowSeconds: 60 } } } as never,
    sweep: { everySeconds: 3_600, queuedOlderThanSeconds: 3_600 },
  });
  token = await signInAndJoin(stack, LEARNER.id);
});

afterAll(async () => {
  await stack?.stop();
});

async function send(c: BadInput, lang: 'ko' | 'en') {
  const auth = c.auth === 'none' ? undefined : c.auth === 'forged' ? `${token.slice(0, -4)}AAAA` : token;
  return call(stack, auth, 'POST', `/api/labs/${c.lab}/submissions${c.query ? `?${c.query}` : ''}`, {
    ...(c.type ? { type: c.type } : {}),
    ...(c.body !== undefined ? { body: c.body as BodyInit } : {}),
    headers: { 'accept-language': lang, ...c.headers },
  });
}

const stored = async () => (await stack.deps.store.listLearnerSubmissions(LEARNER.id)).length;

describe('bad inputs to the submission API', () => {
  it('the corpus is large and varied', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
    expect(new Set(CORPUS.map((c) => c.expect.status))).toEqual(new Set([400, 401, 404, 413, 415, 422]));
  });

  it('a valid configuration goes through, so the refusals below are about the input', async () => {
    const res = await submitYaml(stack, token, 'sensitive-instructions', BASE);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await stack.queue.idle();
  });

  it('every bad input gets its 4xx with a clear error, and nothing is stored', async () => {
    const before = await stored();
    const apiBefore = await call(stack, token, 'GET', '/api/me/submissions');
    const failures: string[] = [];
    for (const [i, c] of CORPUS.entries()) {
      const lang = i % 2 ? 'en' : 'ko';
      const res = await send(c, lang);
      const err = res.body?.error;
      const problems: string[] = [];
      if (res.status !== c.expect.status) problems.push(`status ${res.status}, expected ${c.expect.status}`);
      if (!err || typeof err !== 'object') problems.push(`no error body: ${String(res.body).slice(0, 200)}`);
      else {
        if (err.code !== c.expect.code) problems.push(`code ${err.code}, expected ${c.expect.code}`);
        if (typeof err.message !== 'string' || !err.message.trim()) problems.push('empty message');
        if (lang === 'ko' && !/[가-힣]/.test(err.message)) problems.push(`message not in Korean: ${err.message}`);
        if (!Array.isArray(err.details)) problems.push('details is not a list');
        else {
          for (const d of err.details) if (typeof d.message !== 'string' || !d.message.trim()) problems.push(`detail without message: ${JSON.stringify(d)}`);
          if (c.expect.status === 422 && !err.details.length) problems.push('422 without details');
          for (const d of err.details) if (typeof d.path !== 'string') problems.push(`detail without a path: ${JSON.stringify(d)}`);
          const want = c.expect.detailPath;
          if (want !== undefined && !err.details.some((d: { path: string }) => d.path.startsWith(want) || (d.path !== '' && want.startsWith(d.path)))) {
            problems.push(`no detail at ${want}: ${JSON.stringify(err.details).slice(0, 300)}`);
          }
          const mention = c.expect.mentions;
          if (mention && !err.details.some((d: { message: string }) => d.message.includes(mention))) problems.push(`no detail mentions ${mention}`);
        }
      }
      if (res.status >= 500) problems.push('server error');
      if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);

    await stack.queue.idle();
    expect(await stored()).toBe(before);
    const apiAfter = await call(stack, token, 'GET', '/api/me/submissions');
    expect(apiAfter.body).toEqual(apiBefore.body);
  }, 120_000);

  it('a configuration that fits the schema but exceeds the simulator limits is accepted and graded, the refusal explained', async () => {
    const guests = Array.from({ length: 65 }, (_, i) => `  - { name: g${i}, os: linux, mode: hvm, vcpus: 1, memoryGiB: 1 }\n`).join('');
    const res = await submitYaml(stack, token, 'sensitive-instructions', BASE.replace(/guests:\n.*\n/, `guests:\n${guests}`));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await stack.queue.idle();
    const sub = await stack.deps.store.getSubmission(res.body.submissionId);
    expect(sub?.status).toBe('graded');
    const grade = sub!.result!.grade as GradeResult;
    expect(grade.gradable).toBe(true);
    expect(grade.checks.map((c) => (typeof c.observed === 'string' ? c.observed : (c.observed?.en ?? ''))).join('\n')).toMatch(/rejected the design.*64/i);
    expect(grade.checks.some((c) => c.passed)).toBe(false);
  });
});
