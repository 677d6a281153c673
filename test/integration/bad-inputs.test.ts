import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import fc from 'fast-check';
import type { GradeResult } from '../../core/grading/result.ts';
import type { User } from '../../functions/auth/user.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { BASE, CORPUS, type BadInput } from './bad-inputs/corpus.ts';
import { call, learners, signInAndJoin, startStack, submitYaml, tokenFor } from './helpers/stack.ts';

/**
 * Bad input over real HTTP on the local stack. Every case of the corpus (./bad-inputs/corpus.ts, 400+ cases) sent
 * to `POST /api/labs/{id}/submissions` gets a 4xx, never a 5xx, in the one error shape `{error: {code, message,
 * details}}` with a non-empty message, field errors name their path, and nothing is stored. Beyond the corpus: a
 * Content-Length over the limit is refused before the body is read, field errors speak the caller's language,
 * malformed or unknown ids on the other routes, and fuzzed bodies to the validation route.
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
 *
 * The rate limit (429) has its own suite: rate-limit.test.ts.
 */

const [LEARNER] = learners('bad-inputs', 1);
const TEACHER: User = { id: 'bad-inputs-teacher', name: 'bad-inputs-teacher', roles: ['teacher'] };
const SUBMIT = '/api/labs/sensitive-instructions/submissions';
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  // startStack keeps the rate limit out of the way (refusals are not counted anyway), so a 429 cannot hide a result.
  stack = await startStack({ users: [LEARNER, TEACHER] });
  token = await signInAndJoin(stack, LEARNER.id);
});

afterAll(async () => {
  await stack?.stop();
});

async function send(c: BadInput, lang: 'ko' | 'en') {
  const auth = c.auth === 'none' ? undefined : c.auth === 'forged' ? `${token.slice(0, -4)}AAAA` : token;
  return call(stack, 'POST', `/api/labs/${c.lab}/submissions${c.query ? `?${c.query}` : ''}`, {
    token: auth,
    raw: c.body as BodyInit | undefined,
    ...(c.type ? { type: c.type } : {}),
    headers: { 'accept-language': lang, ...c.headers },
  });
}

/** Everything stored for the learner, through the store itself (not only what the API shows). */
const stored = async () => (await stack.deps.store.listLearnerSubmissions(LEARNER.id)).length;

describe('the corpus of bad submissions', () => {
  it('is large and varied', () => {
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
    const apiBefore = await call(stack, 'GET', '/api/me/submissions', { token });
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
          for (const d of err.details)
            if (typeof d.message !== 'string' || !d.message.trim())
              problems.push(`detail without message: ${JSON.stringify(d)}`);
          if (c.expect.status === 422 && !err.details.length) problems.push('422 without details');
          for (const d of err.details)
            if (typeof d.path !== 'string') problems.push(`detail without a path: ${JSON.stringify(d)}`);
          const want = c.expect.detailPath;
          if (
            want !== undefined &&
            !err.details.some(
              (d: { path: string }) => d.path.startsWith(want) || (d.path !== '' && want.startsWith(d.path)),
            )
          ) {
            problems.push(`no detail at ${want}: ${JSON.stringify(err.details).slice(0, 300)}`);
          }
          const mention = c.expect.mentions;
          if (mention && !err.details.some((d: { message: string }) => d.message.includes(mention)))
            problems.push(`no detail mentions ${mention}`);
        }
      }
      if (res.status >= 500) problems.push('server error');
      if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);

    await stack.queue.idle();
    expect(await stored()).toBe(before);
    const apiAfter = await call(stack, 'GET', '/api/me/submissions', { token });
    expect(apiAfter.body).toEqual(apiBefore.body);
  }, 120_000);

  it('a configuration that fits the schema but exceeds the simulator limits is accepted and graded, the refusal explained', async () => {
    const guests = Array.from(
      { length: 65 },
      (_, i) => `  - { name: g${i}, os: linux, mode: hvm, vcpus: 1, memoryGiB: 1 }\n`,
    ).join('');
    const res = await submitYaml(
      stack,
      token,
      'sensitive-instructions',
      BASE.replace(/guests:\n.*\n/, `guests:\n${guests}`),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await stack.queue.idle();
    const sub = await stack.deps.store.getSubmission(res.body.submissionId);
    expect(sub?.status).toBe('graded');
    const grade = sub!.result!.grade as GradeResult;
    expect(grade.gradable).toBe(true);
    expect(
      grade.checks.map((c) => (typeof c.observed === 'string' ? c.observed : (c.observed?.en ?? ''))).join('\n'),
    ).toMatch(/rejected the design.*64/i);
    expect(grade.checks.some((c) => c.passed)).toBe(false);
  });
});

describe('bad input beyond the corpus', () => {
  it('a Content-Length over the limit is refused before the body is read', async () => {
    const before = await stored();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(stack.port, '127.0.0.1', () => {
        socket.write(
          `POST ${SUBMIT} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/yaml\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\ntarget: server\n`,
        );
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
        if (data.includes('\r\n\r\n') && data.includes('}}')) socket.destroy();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(reply).toContain('"payload_too_large"');
    expect(await stored()).toBe(before);
  });

  it('field errors speak the caller’s language, not only the top-level message', async () => {
    const en = await call(stack, 'POST', `${SUBMIT}?lang=en`, { token, json: { config: 5 } });
    expect(en.body.error.details[0]).toMatchObject({ path: 'config' });
    expect(en.body.error.details[0].message).toMatch(/expected string/i);
    const ko = await call(stack, 'POST', SUBMIT, {
      token,
      json: { config: 5 },
      headers: { 'accept-language': 'ko-KR' },
    });
    expect(ko.body.error.details[0].message).toMatch(/[가-힣]/);
  });

  it('malformed JSON is explained in Korean without the parser’s English, which the English message keeps', async () => {
    const post = (raw: string, lang: 'ko' | 'en') =>
      call(stack, 'POST', SUBMIT, { token, raw, type: 'application/json', headers: { 'accept-language': lang } });
    const oneLine = await post('{"config": "x",}', 'ko');
    expect(oneLine.status).toBe(400);
    expect(oneLine.body.error.code).toBe('malformed_json');
    expect(oneLine.body.error.message).toBe('JSON 형식이 잘못되었습니다. 1번째 줄 16번째 글자를 확인하세요.');
    expect((await post('{\n  "config": "x",\n}', 'ko')).body.error.message).toBe(
      'JSON 형식이 잘못되었습니다. 3번째 줄 1번째 글자를 확인하세요.',
    );
    // Whether or not the parser gives a position, no English reaches the Korean message.
    const noPosition = await post('{"config": }', 'ko');
    expect(noPosition.body.error.message).toMatch(/^JSON 형식이 잘못되었습니다\./);
    expect(noPosition.body.error.message.replaceAll('JSON', '')).not.toMatch(/[A-Za-z]/);
    const en = await post('{"config": "x",}', 'en');
    expect(en.body.error.message).toMatch(/^The JSON body is malformed \(line 1, column 16\): .*property name/);
  });

  it('malformed ids and params on the other routes are 400, unknown ones 404', async () => {
    expect((await call(stack, 'GET', '/api/submissions/not-a-ulid', { token })).status).toBe(400);
    expect((await call(stack, 'GET', '/api/submissions/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token })).status).toBe(404);
    const teacher = await tokenFor(stack, TEACHER.id);
    expect(
      (await call(stack, 'GET', '/api/courses/01ARZ3NDEKTSV4RRFFQ69G5FAV/gradebook', { token: teacher })).status,
    ).toBe(404);
    expect((await call(stack, 'GET', '/api/no/such/route')).status).toBe(404);
  });

  it('random bytes and random JSON to the validation route never produce a 500 and store nothing', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }).map((b) => ({ raw: b, type: 'text/yaml' })),
          fc.uint8Array({ maxLength: 512 }).map((b) => ({ raw: b, type: 'application/json' })),
          fc.jsonValue().map((v) => ({ json: v })),
          fc
            .record({ config: fc.string({ maxLength: 300 }), format: fc.constantFrom('yaml', 'json') })
            .map((v) => ({ json: v })),
        ),
        async (body) => {
          const r = await call(stack, 'POST', '/api/labs/hvm-boot-vtx/validate', { token, ...body });
          expect(r.status).toBeLessThan(500);
          expect(r.body).toBeTypeOf('object');
        },
      ),
      { numRuns: 60 },
    );
    expect(await stored()).toBe(before);
  });
});
