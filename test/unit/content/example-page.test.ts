import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageFixture } from '../pages/page-fixture.ts';
import { CONTENT_DIR } from './fixtures.ts';

let f: Awaited<ReturnType<typeof startPageFixture>>;
const pv = readFileSync(join(CONTENT_DIR, 'examples', 'server-pv.yaml'), 'utf8');

beforeAll(async () => {
  f = await startPageFixture();
  f.deps.course.examples = {
    'server-pv': pv,
    'broken-example':
      '# A typo, shown as an error.\ntarget: server\nhypervisor: { product: xen }\nguests:\n  - { name: a, os: linux, vcpus: 1, memoryGiB: 1, typo: 1 }\n',
  };
});
afterAll(async () => f?.close());

describe('the example page (/examples/<name>, what example: links open)', () => {
  it('shows the YAML as written and the trace as a sequence diagram, in the page language', async () => {
    const res = await f.get('/examples/server-pv');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 data-testid="example-name">server-pv</h1>');
    expect(html).toContain('mode: pv');
    expect(html).toMatch(/data-testid="trace-diagram"[^>]*>\s*<svg/);
    expect(html).toContain('mmu_update #1');
    expect(html).toContain('Paravirtualization (Xen PV)');
    expect(html).toContain('npx virtlab sim content/examples/server-pv.yaml');
    const en = await (await f.app.request('/examples/server-pv', { headers: { cookie: 'virtlab_lang=en' } })).text();
    expect(en).toContain('Simulator example');
  });

  it('shows a configuration error as the issue list, escaped, without a diagram', async () => {
    const html = await (await f.get('/examples/broken-example')).text();
    expect(html).toContain('data-testid="config-errors"');
    expect(html).toMatch(/typo/);
    expect(html).not.toContain('data-testid="trace-diagram"');
  });

  it.each(['no-such-example', '__proto__', 'constructor'])('answers 404 for %s', async (name) => {
    const res = await f.get(`/examples/${name}`, undefined, { accept: 'text/html' });
    expect(res.status).toBe(404);
  });
});
