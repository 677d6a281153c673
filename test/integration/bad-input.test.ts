import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect } from 'node:net';
import fc from 'fast-check';
import type { LocalStack } from '../../functions/local/server.ts';
import { call, startStack, tokenFor } from './helpers/stack.ts';

const LAB = 'hvm-boot-vtx';
const NOW = '2026-06-01T00:00:30.000Z';
const SUBMIT = `/api/labs/${LAB}/submissions`;
let stack: LocalStack;
let token = '';

beforeAll(async () => {
  stack = await startStack({ clock: () => new Date(NOW) });
  token = await tokenFor(stack, 'learner2');
});
afterAll(() => stack?.stop());

const stored = async () => (await stack.deps.store.listLearnerSubmissions('learner2')).length;

describe('bad input never reaches storage and never causes a 500', () => {
  const cases: Array<{ name: string; path?: string; opts: () => Parameters<typeof call>[3]; status: number; code?: string }> = [
    { name: 'unsupported content type', opts: () => ({ token, raw: '<xml/>', type: 'application/xml' }), status: 415, code: 'unsupported_media_type' },
    { name: 'no content type', opts: () => ({ token, raw: new TextEncoder().encode('target: server\n') }), status: 415 },
    { name: 'raw body over 64 KiB', opts: () => ({ token, text: `# ${'x'.repeat(70 * 1024)}\n` }), status: 413, code: 'payload_too_large' },
    { name: 'config over 64 KiB inside JSON', opts: () => ({ token, json: { config: `# ${'x'.repeat(66 * 1024)}` } }), status: 413 },
    { name: 'invalid UTF-8', opts: () => ({ token, raw: new Uint8Array([0x74, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), type: 'text/yaml' }), status: 400, code: 'invalid_encoding' },
    { name: 'malformed JSON', opts: () => ({ token, raw: '{"config": "target: server"', type: 'application/json' }), status: 400, code: 'malformed_json' },
    { name: 'config of the wrong type', opts: () => ({ token, json: { config: 5 } }), status: 400, code: 'invalid_request' },
    { name: 'unknown format', opts: () => ({ token, json: { config: 'target: server', format: 'xml' } }), status: 400 },
    { name: 'malformed course id', opts: () => ({ token, json: { config: 'target: server', courseId: '../../etc' } }), status: 400 },
    { name: 'unknown lab', path: '/api/labs/no-such-lab/submissions', opts: () => ({ token, json: { config: 'target: server' } }), status: 404, code: 'not_found' },
    { name: 'lab id that is not a slug', path: '/api/labs/..%2F..%2Fetc/submissions', opts: () => ({ token, json: { config: 'target: server' } }), status: 400 },
    { name: 'empty configuration', opts: () => ({ token, text: '' }), status: 422, code: 'invalid_config' },
    { name: 'YAML bomb (aliases)', opts: () => ({ token, text: `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 80 }, (_, i) => `k${i}: [*a, *a, *a]`).join('\n')}\n` }), status: 422 },
    { name: '__proto__ key', opts: () => ({ token, json: { config: '{"__proto__": {"polluted": true}}' } }), status: 422 },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = await stored();
      const r = await call(stack, 'POST', c.path ?? SUBMIT, c.opts());
      expect(r.status, r.text).toBe(c.status);
      expect(r.body).toHaveProperty('error.code');
      if (c.code) expect(r.body.error.code).toBe(c.code);
      expect(await stored()).toBe(before);
    });
  }

  it('a Content-Length over the limit is refused before the body is read', async () => {
    const before = await stored();
    const { port } = stack;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
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

  it('field errors point at the field, in the caller’s language', async () => {
    const en = await call(stack, 'POST', `${SUBMIT}?lang=en`, { token, json: { config: 5 } });
    expect(en.body.error.details[0]).toMatchObject({ path: 'config' });
    expect(en.body.error.details[0].message).toMatch(/expected string/i);
    const ko = await call(stack, 'POST', SUBMIT, { token, json: { config: 5 }, headers: { 'accept-language': 'ko-KR' } });
    expect(ko.body.error.details[0].message).toMatch(/[가-힣]/);
  });

  it('malformed ids and params are 400, unknown ones 404', async () => {
    expect((await call(stack, 'GET', '/api/submissions/not-a-ulid', { token })).status).toBe(400);
    expect((await call(stack, 'GET', '/api/submissions/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token })).status).toBe(404);
    expect((await call(stack, 'GET', '/api/courses/01ARZ3NDEKTSV4RRFFQ69G5FAV/gradebook', { token: await tokenFor(stack, 'teacher1') })).status).toBe(404);
    expect((await call(stack, 'GET', '/api/no/such/route')).status).toBe(404);
  });

  it('random bytes and random JSON never produce a 500', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }).map((b) => ({ raw: b, type: 'text/yaml' })),
          fc.uint8Array({ maxLength: 512 }).map((b) => ({ raw: b, type: 'application/json' })),
          fc.jsonValue().map((v) => ({ json: v })),
          fc.record({ config: fc.string({ maxLength: 300 }), format: fc.constantFrom('yaml', 'json') }).map((v) => ({ json: v })),
        ),
        async (body) => {
          const r = await call(stack, 'POST', `/api/labs/${LAB}/validate`, { token, ...body });
          expect(r.status).toBeLessThan(500);
          expect(r.body).toBeTypeOf('object');
        },
      ),
      { numRuns: 60 },
    );
    expect(await stored()).toBe(before);
  });
});
