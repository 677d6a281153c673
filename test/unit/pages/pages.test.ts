import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantFor } from '../../../core/labs/variant.ts';
import { startPageFixture } from './page-fixture.ts';

let f: Awaited<ReturnType<typeof startPageFixture>>;
let wrongId: string;
let rightId: string;

beforeAll(async () => {
  f = await startPageFixture();
  wrongId = (await f.submitGraded('learner1', f.lab.fixtures[0].text + '\n# <script>alert("x")</script>\n')).id;
  rightId = (await f.submitGraded('learner2', variantFor(f.lab, 'learner2').reference)).id;
});
afterAll(async () => f?.close());

describe('pages: language and security', () => {
  it('renders the course home in Korean by default, whatever the browser asks', async () => {
    const res = await f.get('/', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('가상화 코스');
  });

  it('gives a lab practised in two lessons one row (and one count), and only names it under the later lesson', async () => {
    const html = await (await f.get('/', 'learner1')).text();
    expect(html.match(/data-lab="test-fw-lb"/g)).toHaveLength(1);
    expect(html.match(/href="\/labs\/test-fw-lb"/g)).toHaveLength(2);
    expect(html).toMatch(/data-role="labs-again">앞 레슨의 실습도 다시 다룹니다: <a href="\/labs\/test-fw-lb"/);
    expect(html).toMatch(/data-testid="progress-summary">실습 1개 중/);
  });

  it('switches to English with the cookie the language link sets, and only redirects within the site', async () => {
    const res = await f.get('/lang/en?next=%2F%2Fevil.example%2F');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/virtlab_lang=en/);
    const en = await f.app.request('/', { headers: { cookie: 'virtlab_lang=en' } });
    expect(await en.text()).toContain('Virtualization course');
  });

  it('sends a CSP without inline scripts or external origins, and the other security headers', async () => {
    const res = await f.get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*(src="\/assets\/|type="application\/json"))/);
  });

  it('gives the editor the same style nonce the CSP allows, on every kind of page', async () => {
    for (const [path, user] of [
      ['/labs/test-fw-lb', 'learner1'],
      ['/teach', 'teacher1'],
      ['/', undefined],
    ] as const) {
      const res = await f.get(path, user);
      const nonce = res.headers.get('content-security-policy')?.match(/style-src 'self' 'nonce-([^']+)'/)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(await res.text(), path).toContain(`<meta name="csp-nonce" content="${nonce}"/>`);
    }
  });

  it('serves the hashed assets with a year-long cache', async () => {
    const html = await (await f.get('/labs/test-fw-lb', 'learner1')).text();
    const src = html.match(/src="(\/assets\/editor-[^"]+\.js)"/)?.[1];
    expect(src).toBeDefined();
    const res = await f.app.request(src!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await f.app.request('/assets/nope.js')).status).toBe(404);
  });
});

describe('pages: not found', () => {
  it('answers browsers with a page and API clients with the JSON error', async () => {
    const page = await f.get('/no-such-page', undefined, { accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('찾을 수 없는 페이지입니다.');
    const api = await f.get('/api/no-such-route', undefined, { accept: 'text/html' });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('pages: login', () => {
  it('logs a demo user in with an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await f.postForm('/auth/local', 'username=learner1&next=%2Flabs%2Ftest-fw-lb');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/labs/test-fw-lb');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/virtlab_session=ey/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a login form posted from another site', async () => {
    const res = await f.postForm('/auth/local', 'username=teacher1', 'http://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('sends anonymous visitors of a lab to the login page and back', async () => {
    const res = await f.get('/labs/test-fw-lb');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Flabs%2Ftest-fw-lb');
  });

  it('offers the three demo users locally', async () => {
    const html = await (await f.get('/login')).text();
    for (const u of ['learner1', 'learner2', 'teacher1']) expect(html).toContain(`value="${u}"`);
  });
});

describe('pages: learner', () => {
  it('shows the lesson with escaped raw HTML and the quiz', async () => {
    const html = await (await f.get('/lessons/virtualization-basics')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-question="type1"');
  });

  it('shows the glossary with anchors the lessons link to, escaped', async () => {
    const html = await (await f.get('/glossary')).text();
    expect(html).toContain('<dt id="hypervisor">');
    expect(html).toContain('VM을 돌리는 &lt;소프트웨어&gt;');
    expect(html).toContain('href="/lessons/virtualization-basics"');
  });

  it('checks the quiz as a plain form and as JSON', async () => {
    const form = await f.postForm('/lessons/virtualization-basics/quiz', 'q%3Atype1=b');
    const html = await form.text();
    expect(html).toContain('다시 생각해 보세요.');
    expect(html).toContain('답한 1문제 중 0문제 정답 (전체 1문제)');
    const json = await f.app.request('http://localhost/lessons/virtualization-basics/quiz?lang=en', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ type1: 'a' }),
    });
    const body = (await json.json()) as { score: { correct: number }; results: { explanation: string }[] };
    expect(body.score.correct).toBe(1);
    expect(body.results[0].explanation).toBe('It runs on bare metal.');
  });

  it('shows the lab with the learner’s own numbers and never the reference', async () => {
    const html = await (await f.get('/labs/test-fw-lb', 'learner1')).text();
    const port = variantFor(f.lab, 'learner1').params.port;
    expect(html).toContain(`port = ${port}`);
    expect(html).toContain('data-lab-editor');
    expect(html).not.toContain('REFERENCE-MARKER');
    expect(html).not.toContain('FIXTURE-MARKER');
  });

  it('explains a failed grade: the failed check, its hint, the trace diagram, the configuration escaped', async () => {
    const html = await (await f.get(`/submissions/${wrongId}`, 'learner1')).text();
    expect(html).toMatch(/data-check="blocked-path" data-passed="false"/);
    expect(html).toContain('HINT-MARKER');
    expect(html).toContain('data-testid="trace-diagram"');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('# &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert("x")');
    expect(html).not.toContain('override-score');
  });

  it('hides a submission from another learner behind a 404', async () => {
    expect((await f.get(`/submissions/${wrongId}`, 'learner2')).status).toBe(404);
    expect((await f.get(`/submissions/${wrongId}/fragment`, 'learner2')).status).toBe(404);
  });

  it('gives the editor a fragment with the result', async () => {
    const html = await (await f.get(`/submissions/${rightId}/fragment`, 'learner2')).text();
    expect(html).toContain('data-score="100"');
    expect(html).not.toContain('<html');
  });

  it('lists the learner’s submissions with links to each result and the best score', async () => {
    const html = await (await f.get('/me/submissions', 'learner1')).text();
    expect(html).toContain(`href="/submissions/${wrongId}"`);
    expect(html).not.toContain(rightId);
  });
});

describe('pages: teacher', () => {
  it('refuses the gradebook to learners', async () => {
    expect((await f.get('/teach', 'learner1')).status).toBe(403);
  });

  it('shows the gradebook with each learner’s counting score and the CSV link, escaping the course title', async () => {
    const html = await (await f.get('/teach', 'teacher1')).text();
    expect(html).toMatch(/data-learner="learner2"[\s\S]*?>100</);
    expect(html).toContain('/api/courses/c1/gradebook?format=csv');
    expect(html).toContain('Demo &lt;b&gt;course&lt;/b&gt;');
  });

  it('heads the gradebook with lab titles in the page’s language and calls the last column what it is', async () => {
    const ko = await (await f.get('/teach', 'teacher1')).text();
    expect(ko).toContain(`<th scope="col" data-lab="${f.lab.id}">${f.lab.title.ko}</th>`);
    expect(ko).toContain('<th scope="col">평균</th>');
    expect(ko).not.toContain('합계');
    expect(ko).toContain('gradebook?format=csv&amp;lang=ko');
    expect(ko).toContain('href="/teach/learners/learner1?course=c1"');
    const en = await (await f.get('/teach?lang=en', 'teacher1')).text();
    expect(en).toContain(`<th scope="col" data-lab="${f.lab.id}">${f.lab.title.en}</th>`);
    expect(en).toContain('<th scope="col">Average</th>');
  });

  it('shows one learner’s grades with links to the previous and next learner in the gradebook’s order', async () => {
    const first = await (await f.get('/teach/learners/learner1?course=c1', 'teacher1')).text();
    expect(first).toContain('학습자 learner1의 성적');
    expect(first).toMatch(/<tr data-lab="[^"]+"><th scope="row">/);
    expect(first).toContain(f.lab.title.ko);
    expect(first).toMatch(/href="\/teach\/learners\/learner2\?course=c1" rel="next"/);
    expect(first).not.toContain('rel="prev"');
    const second = await (await f.get('/teach/learners/learner2?course=c1', 'teacher1')).text();
    expect(second).toMatch(/href="\/teach\/learners\/learner1\?course=c1" rel="prev"/);
    expect(second).toMatch(/data-testid="learner-average">100</);
    expect((await f.get('/teach/learners/nobody?course=c1', 'teacher1')).status).toBe(404);
    expect((await f.get('/teach/learners/learner1?course=c1', 'learner1')).status).toBe(403);
  });

  it('shows the override form on a submission of the course', async () => {
    const html = await (await f.get(`/submissions/${wrongId}`, 'teacher1')).text();
    expect(html).toContain('id="override-score"');
    expect(html).toContain(`/api/submissions/${wrongId}/override`);
  });

  it('draws analytics: the score histogram and the most failed check', async () => {
    const html = await (await f.get('/teach/analytics?lang=en', 'teacher1')).text();
    expect(html).toContain('data-testid="histogram"');
    expect(html).toMatch(/data-testid="most-failed">(Path of the blocked packet|The firewall drops it)</);
  });
});
