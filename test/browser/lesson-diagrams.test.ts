import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshotPath } from './chromium.ts';
import { localStackAndBrowser } from './local-browser.ts';

/** Lessons whose code blocks draw boxes, by id, found in the course itself. */
const BOXED = readdirSync('content/lessons').flatMap((dir) => {
  const ko = readFileSync(join('content/lessons', dir, 'ko.md'), 'utf8');
  return /[┌─│←→]/.test(ko) ? [/^id: (.+)$/m.exec(ko)![1]] : [];
});

/**
 * The lessons' box diagrams in Chromium with the fonts CI installs: every character of a code block sits on one
 * grid (Latin, arrows and box lines one cell, Hangul two), so lines meet their boxes; a block wider than the column
 * scrolls instead of being clipped.
 */
describe.runIf(chromiumAvailable())('lesson diagrams in Chromium', () => {
  const env = localStackAndBrowser();

  it('finds the lessons that draw boxes', () => {
    expect(BOXED.length).toBeGreaterThanOrEqual(3);
  });

  it.each(['ko', 'en'] as const)('keeps every code block on one grid, unclipped (%s)', async (lang) => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const id of BOXED) {
      await page.goto(`${env.stack.url}/lessons/${id}?lang=${lang}`);
      await page.evaluate(() => document.fonts.ready);
      const report = await page.evaluate(() => {
        const pre = document.querySelector('article pre');
        if (!pre) return undefined;
        const width = (text: string) => {
          const span = document.createElement('span');
          span.textContent = text.repeat(20);
          pre.appendChild(span);
          const w = span.getBoundingClientRect().width / 20;
          span.remove();
          return w;
        };
        // A block wider than the column scrolls sideways; it is never cut off.
        const overflowing = [...document.querySelectorAll('article pre')].filter(
          (p) => p.scrollWidth > p.clientWidth + 1 && !['auto', 'scroll'].includes(getComputedStyle(p).overflowX),
        ).length;
        return {
          a: width('a'),
          line: width('─'),
          bar: width('│'),
          arrow: width('←'),
          hangul: width('가'),
          overflowing,
        };
      });
      if (!report) continue;
      expect(report.line, id).toBeCloseTo(report.a, 1);
      expect(report.bar, id).toBeCloseTo(report.a, 1);
      expect(report.arrow, id).toBeCloseTo(report.a, 1);
      expect(report.hangul, id).toBeCloseTo(2 * report.a, 1);
      expect(report.overflowing, id).toBe(0);
    }
    await page.goto(`${env.stack.url}/lessons/${BOXED[0]}?lang=${lang}`);
    await page
      .locator('article pre', { hasText: '─' })
      .first()
      .screenshot({ path: screenshotPath(`11-lesson-diagram-${lang}`) });
    await page.close();
  });
});
