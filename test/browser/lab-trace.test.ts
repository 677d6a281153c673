import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { variantFor } from '../../core/labs/variant.ts';
import { loadLabs } from '../../functions/adapters/labs-fs.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { chromiumAvailable, launchChromium, screenshotPath } from './chromium.ts';

/**
 * The trace drawn under the lab editor once an attempt is graded: never a failure on a pass (the disks a RAID lab
 * pulls on purpose are the lab's doing), labelled as an excerpt with a link to the whole trace, and its long reasons
 * written out where they wrap inside the card.
 */
describe.runIf(chromiumAvailable())('the lab page’s inline trace in Chromium', () => {
  let stack: LocalStack;
  let browser: Browser;
  let labs: Lab[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [stack, browser, labs] = await Promise.all([
      startLocal({ port: 0, inMemory: true }),
      launchChromium(),
      loadLabs('content'),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function submitOnLabPage(user: string, labId: string, text: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${stack.url}/login`);
    await page.getByLabel(new RegExp(`^${user}`)).check();
    await page.getByRole('button', { name: '이 사용자로 로그인' }).click();
    await page.waitForURL(`${stack.url}/`);
    await page.goto(`${stack.url}/labs/${labId}`);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    await page.getByRole('button', { name: '제출하고 채점받기' }).click();
    await page.locator('[data-role="result-slot"] [data-testid="trace-diagram"] svg').waitFor({ timeout: 20_000 });
    return page;
  }

  it('shows a full-marks RAID-6 answer with the pulled disks as the lab’s faults, not as failures', async () => {
    const lab = labs.find((l) => l.id === 'raid-capacity-two-failures')!;
    const page = await submitOnLabPage('learner1', lab.id, variantFor(lab, 'learner1').reference);
    const slot = page.locator('[data-role="result-slot"]');
    expect(await slot.getByTestId('score').textContent()).toBe('100%');
    const svg = slot.locator('[data-testid="trace-diagram"] svg');
    expect(await svg.locator('g.ev.bad').count()).toBe(0);
    expect(await svg.locator('g.ev.injected').count()).toBe(2);
    const drawn = (await svg.textContent()) ?? '';
    expect(drawn).not.toContain('✕');
    expect(drawn).not.toMatch(/총 사이클|total cycles/);
    // An excerpt says so and links to the whole trace.
    expect(await slot.getByTestId('trace-excerpt').textContent()).toMatch(/발췌/);
    expect(await slot.locator('[data-testid="trace-excerpt"] a').getAttribute('href')).toMatch(/^\/submissions\//);
    const notes = slot.locator('[data-testid="trace-notes"] li');
    expect(await notes.count()).toBe(2);
    expect(await slot.locator('[data-testid="trace-notes"] li.bad').count()).toBe(0);
    expect(await notes.first().textContent()).toContain('실습이 일부러 일으킨 고장');
    await page.screenshot({ path: screenshotPath('12-raid6-inline-trace'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('writes a boot failure’s whole reason inside the card, wrapped', async () => {
    const lab = labs.find((l) => l.id === 'hvm-boot-vtx')!;
    const page = await submitOnLabPage('learner2', lab.id, variantFor(lab, 'learner2').starter);
    const slot = page.locator('[data-role="result-slot"]');
    const bad = slot.locator('[data-testid="trace-notes"] li.bad').first();
    // The reason the drawing clips (its whole text only in a tooltip) is here in full.
    const reason = await slot.locator('[data-testid="trace-diagram"] g.ev.bad title').first().textContent();
    expect(reason).toContain('VT-x');
    expect(await bad.textContent()).toContain(reason!.split(' · ').at(-1));
    const fits = await bad.evaluate((li) => {
      const card = li.closest('section.card')!.getBoundingClientRect();
      const box = li.getBoundingClientRect();
      return { inside: box.right <= card.right + 0.5, noScroll: li.scrollWidth <= li.clientWidth };
    });
    expect(fits.inside).toBe(true);
    expect(fits.noScroll).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
