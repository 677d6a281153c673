import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startLocal } from '../../functions/local/server.ts';
import { CHROMIUM, launchChromium } from '../browser/chromium.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

const ROUNDS = 7;
const EXAMPLE = 'server-pv';

/** Milliseconds from navigation to `selector` in a fresh browser context (no cache), and the JS bytes it fetched. */
async function timeToSelector(browser: Browser, url: string, selector: string): Promise<{ ms: number; js: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let js = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) void r.body().then((b) => (js += b.length));
  });
  const start = performance.now();
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 30_000 });
  const ms = performance.now() - start;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, js };
}

/**
 * Figure 9: the playground in Debian's Chromium — time from navigation to the first drawn trace of an example (the
 * simulator runs in the page), against loading a server-rendered page with no simulator (the glossary) in the same
 * run, taken in turns; and the JavaScript the playground page fetches. Skipped with a reason without Chromium.
 */
export async function playgroundBench(): Promise<Figure[]> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`bench 9 skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
    return [];
  }
  const stack = await startLocal({ port: 0, inMemory: true });
  const browser = await launchChromium();
  try {
    const trace: number[] = [];
    const plain: number[] = [];
    let js = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t = await timeToSelector(
        browser,
        `${stack.url}/playground?example=${EXAMPLE}`,
        '[data-testid="playground-trace"] svg',
      );
      const p = await timeToSelector(browser, `${stack.url}/glossary`, 'main');
      if (i > 0) {
        // The first round warms the server's asset build and page caches.
        trace.push(t.ms);
        plain.push(p.ms);
      }
      js = t.js;
    }
    const value = round(median(trace), 1);
    const base = round(median(plain), 1);
    return [
      {
        id: '9',
        what: `playground: navigation to the first drawn trace of the ${EXAMPLE} example (median of ${trace.length}, no cache)`,
        value,
        unit: 'ms',
        baseline: { what: 'the glossary page, server-rendered, no simulator', value: base, unit: 'ms' },
        ratio: round(value / base, 1),
        target: 'report',
        met: null,
      },
      {
        id: '9',
        what: 'playground: JavaScript fetched by the page (the simulator, CodeMirror, the page script)',
        value: round(js / 1024, 0),
        unit: 'KiB',
        target: 'report',
        met: null,
      },
    ];
  } finally {
    await browser.close();
    await stack.stop();
  }
}
