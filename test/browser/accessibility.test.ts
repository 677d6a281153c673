import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { variantFor } from '../../core/labs/variant.ts';
import { loadLabs } from '../../functions/adapters/labs-fs.ts';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

/** axe-core's own engine, injected into each page (its rules: WCAG 2.1 A and AA). */
const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const LAB = 'hvm-boot-vtx';

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * Every kind of page, in both languages, checked by axe-core in Chromium, and the pages used from the keyboard
 * alone: skip link, visible focus, and every drawing with a text alternative.
 */
describe.runIf(chromiumAvailable())('accessibility in Chromium', () => {
  let stack: LocalStack;
  let browser: Browser;
  let submissionId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLocal({ port: 0, inMemory: true }), launchChromium()]);
    // One graded submission, so the result page and the teacher's pages have something to show.
    const lab = (await loadLabs('content')).find((l) => l.id === LAB)!;
    const token = (
      (await (
        await fetch(`${stack.url}/api/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'learner1' }),
        })
      ).json()) as { token: string }
    ).token;
    const sent = (await (
      await fetch(`${stack.url}/api/labs/${LAB}/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/yaml' },
        body: variantFor(lab, 'learner1').starter,
      })
    ).json()) as { submissionId: string };
    submissionId = sent.submissionId;
    for (let i = 0; i < 100; i++) {
      const s = (await (
        await fetch(`${stack.url}/api/submissions/${submissionId}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { status: string };
      if (s.status === 'graded') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // A registered LMS, so the LTI page shows its list of registrations (with its delete button).
    const teacher = (await (
      await fetch(`${stack.url}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'teacher1' }),
      })
    ).json()) as { token: string };
    const lms = 'https://lms.example';
    const registered = await fetch(`${stack.url}/lti/platforms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        issuer: lms,
        clientId: 'client-1',
        deploymentIds: ['1'],
        jwksUrl: `${lms}/jwks`,
        authUrl: `${lms}/auth`,
        tokenUrl: `${lms}/token`,
      }),
    });
    if (registered.status !== 201) throw new Error(await registered.text());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedIn(user: string): Promise<Page> {
    // axe is injected as a script: the test's context may bypass the page's CSP; the pages' own scripts keep it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${stack.url}/login`);
    await page.getByLabel(new RegExp(`^${user}`)).check();
    await page.getByRole('button', { name: '이 사용자로 로그인' }).click();
    await page.waitForURL(`${stack.url}/`);
    return page;
  }

  async function axe(page: Page): Promise<Violation[]> {
    await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Violation[] }> } }).axe.run;
      const r = await run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      }));
    });
  }

  const learnerPages = () => [
    '/',
    '/lessons/virtualization-basics',
    '/glossary',
    '/examples/server-hvm',
    `/labs/${LAB}`,
    `/submissions/${submissionId}`,
    '/me/submissions',
  ];
  const teacherPages = () => ['/teach', '/teach/analytics', '/teach/settings', '/teach/lti'];

  it.each(['ko', 'en'] as const)(
    'finds no WCAG 2.1 A/AA violation on any page (%s)',
    async (lang) => {
      const learner = await signedIn('learner1');
      const teacher = await signedIn('teacher1');
      const found: string[] = [];
      const visit = async (page: Page, path: string) => {
        await page.goto(`${stack.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await page.waitForLoadState('networkidle');
        for (const v of await axe(page))
          found.push(`${path}: ${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.slice(0, 3))}`);
      };
      for (const path of learnerPages()) await visit(learner, path);
      for (const path of teacherPages()) await visit(teacher, path);
      const anonymous = await browser.newPage({ bypassCSP: true });
      await anonymous.goto(`${stack.url}/login?lang=${lang}`);
      for (const v of await axe(anonymous)) found.push(`/login: ${v.id} (${v.impact})`);
      expect(found).toEqual([]);
      await Promise.all([learner.context().close(), teacher.context().close(), anonymous.close()]);
    },
    120_000,
  );

  it('can be used from the keyboard: a skip link first, a visible focus ring, drawings with a text alternative', async () => {
    const page = await signedIn('learner1');
    for (const path of [`/labs/${LAB}`, `/submissions/${submissionId}`, '/lessons/raid-and-luns']) {
      await page.goto(`${stack.url}${path}`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          href: el.getAttribute('href'),
          outline: style.outlineStyle,
          width: style.outlineWidth,
          shadow: style.boxShadow,
        };
      });
      expect(first.href, path).toBe('#main');
      expect(first.outline !== 'none' || first.shadow !== 'none', path).toBe(true);
      // Every SVG drawing is named (role img with a title, or aria-label); decorative ones are hidden.
      const unnamed = await page.evaluate(
        () =>
          [...document.querySelectorAll('svg')].filter((svg) => {
            if (svg.getAttribute('aria-hidden') === 'true') return false;
            const named =
              svg.getAttribute('aria-label') ||
              svg.getAttribute('aria-labelledby') ||
              svg.querySelector(':scope > title');
            return !named;
          }).length,
      );
      expect(unnamed, path).toBe(0);
    }
    await page.context().close();
  }, 60_000);

  /** Tab (at most `limit` times) until `matches` holds for the focused element; its focus ring must show. */
  async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 80): Promise<void> {
    const probe = `(${matches.toString()})(document.activeElement)`;
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(probe)) {
        const ring = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement!);
          return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        });
        expect(ring, 'a visible focus ring').toBe(true);
        return;
      }
    }
    throw new Error(`not reached with ${limit} presses of Tab: ${probe}`);
  }

  it('submits a lab and reveals a hint with the keyboard alone, the focus always visible', async () => {
    const page = await signedIn('learner2');
    await page.goto(`${stack.url}/labs/${LAB}`);
    await page.locator('.cm-editor').waitFor();
    await tabTo(page, (el) => el.getAttribute('data-action') === 'submit');
    await page.keyboard.press('Enter');
    const result = page.locator('[data-role="result-slot"] [data-testid="result"]');
    await result.waitFor({ timeout: 20_000 });
    // The result's heading takes the focus, so the keyboard carries on from there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    const hint = result.locator('[data-hints] li').first();
    expect(await hint.isVisible()).toBe(false);
    await tabTo(page, (el) => el.getAttribute('data-action') === 'show-hint');
    await page.keyboard.press('Space');
    expect(await hint.isVisible()).toBe(true);
    // The revealed hint takes the focus, for screen readers to read it.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-hints]') !== null)).toBe(true);
    await page.context().close();
  }, 60_000);
});
