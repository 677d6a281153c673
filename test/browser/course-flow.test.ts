import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { variantFor } from '../../core/labs/variant.ts';
import { loadLabs } from '../../functions/adapters/labs-fs.ts';
import { chromiumAvailable, screenshotPath } from './chromium.ts';
import { localStackAndBrowser } from './local-browser.ts';

/**
 * The course in a real browser against the whole local stack (pages, API, queue, grader, dynalite in memory):
 * a learner reads a lesson, fails a lab, reads the failed check, a hint and the trace, fixes it and gets full
 * marks; a teacher opens the gradebook, downloads the CSV and overrides the grade.
 */
const LAB = 'hvm-boot-vtx';
const LESSON = 'virtualization-basics';

describe.runIf(chromiumAvailable())('course in Chromium', () => {
  const env = localStackAndBrowser();
  const pageErrors: string[] = [];

  async function loginAs(user: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await env.browser.newContext({ viewport, acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(`${env.stack.url}/login`);
    await page.getByLabel(new RegExp(`^${user}`)).check();
    await page.getByRole('button', { name: '이 사용자로 로그인' }).click();
    await page.waitForURL(`${env.stack.url}/`);
    return page;
  }

  async function setEditorText(page: Page, text: string): Promise<void> {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  it(
    'a learner reads a lesson, fails the lab, follows the hint and the trace, fixes it and gets full marks',
    { timeout: 60_000 },
    async () => {
      const page = await loginAs('learner1');
      expect(await page.getByTestId('user-name').textContent()).toContain('Learner One');
      await page.screenshot({ path: screenshotPath('01-course-home'), fullPage: true });

      // The lesson, and its self-check quiz answered in place.
      await page.locator(`[data-lesson="${LESSON}"] h2 a`).click();
      await page.waitForURL(`**/lessons/${LESSON}`);
      expect(await page.locator('article h1').first().textContent()).toBeTruthy();
      // A blank quiz is not sent: the page asks for an answer first.
      await page.getByRole('button', { name: '답 확인' }).click();
      await expect
        .poll(() => page.locator('[data-role="quiz-error"]').textContent())
        .toBe('먼저 답을 하나 이상 고르세요.');
      const firstQuestion = page.locator('fieldset[data-question]').first();
      await firstQuestion.locator('input').first().check();
      await page.getByRole('button', { name: '답 확인' }).click();
      await expect.poll(() => firstQuestion.locator('[data-role="feedback"]').isVisible()).toBe(true);
      // The questions left blank get no verdict and give no explanation away.
      const blank = page.locator('fieldset[data-question]').nth(1).locator('[data-role="feedback"]');
      expect(await blank.getAttribute('class')).toBe('feedback pending');
      expect(await blank.textContent()).toBe('답하지 않았습니다. 답을 고르면 확인해 드립니다.');

      // The lab: the starter does not pass.
      await page.goto(`${env.stack.url}/labs/${LAB}`);
      await page.locator('.cm-editor').waitFor();
      await page.screenshot({ path: screenshotPath('02-lab-editor') });
      await page.getByRole('button', { name: '제출하고 채점받기' }).click();
      const result = page.locator('[data-role="result-slot"] [data-testid="result"]');
      await result.waitFor({ timeout: 20_000 });
      const failed = result.locator('[data-check="web-boots"][data-passed="false"]');
      await expect.poll(() => failed.count()).toBe(1);
      expect(Number(await result.getAttribute('data-score'))).toBeLessThan(100);

      // One hint at a time.
      const hints = failed.locator('[data-hints] li');
      expect(await hints.first().isVisible()).toBe(false);
      await failed.getByRole('button', { name: /힌트 보기/ }).click();
      expect(await hints.first().isVisible()).toBe(true);
      expect(await hints.nth(1).isVisible()).toBe(false);

      // The trace, drawn as a sequence diagram with the failed boot highlighted.
      const diagram = result.locator('[data-testid="trace-diagram"] svg');
      await diagram.waitFor();
      expect(await diagram.locator('g.ev').count()).toBeGreaterThan(0);
      expect(await diagram.locator('g.ev.bad').count()).toBeGreaterThan(0);
      await failed.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('03-failed-check-hint-trace'), fullPage: true });

      // While typing, a configuration that does not fit the schema is marked at its line.
      await setEditorText(page, 'target: server\nhost: 3\n');
      await page.locator('.cm-lint-marker-error').first().waitFor();
      expect(await page.locator('[data-role="issues"]').textContent()).toMatch(/줄 2 · host/);
      // The draft survives a reload, and the page says where it came from.
      await page.reload();
      await page.locator('.cm-editor').waitFor();
      expect((await page.locator('.cm-content').innerText()).trim()).toBe('target: server\nhost: 3');
      expect(await page.locator('[data-role="status"]').textContent()).toMatch(/저장된 초안을 불러왔습니다/);

      // The fix: the lab's own reference for this learner's variant.
      const lab = (await loadLabs('content')).find((l) => l.id === LAB)!;
      await setEditorText(page, variantFor(lab, 'learner1').reference);
      await page.keyboard.press('Control+Enter'); // submitted from the keyboard this time
      await expect
        .poll(() => page.locator('[data-role="result-slot"] [data-testid="score"]').textContent(), { timeout: 20_000 })
        .toBe('100%');
      expect(await page.locator('[data-role="result-slot"] [data-passed="false"]').count()).toBe(0);
      // The best-score badge follows at once, without a reload.
      expect(await page.getByTestId('best-score').first().textContent()).toBe('최고 점수 100%');

      // The full result page, then the history.
      await page.getByTestId('full-result-link').click();
      await page.locator('[data-testid="trace-diagram"] svg').waitFor();
      await page.screenshot({ path: screenshotPath('04-full-marks-result'), fullPage: true });
      await page.goto(`${env.stack.url}/me/submissions`);
      expect(await page.locator(`[data-lab="${LAB}"] tbody tr`).count()).toBe(2);
      await page.screenshot({ path: screenshotPath('05-my-submissions'), fullPage: true });
      expect(pageErrors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'the quiz says in the page’s language when the answers could not be checked, and checks them on a retry',
    { timeout: 60_000 },
    async () => {
      const page = await loginAs('learner2');
      const isQuizCheck = (url: URL) => url.pathname === `/lessons/${LESSON}/quiz`;
      const quizIn = async (lang: 'ko' | 'en') => {
        await page.goto(`${env.stack.url}/lessons/${LESSON}?lang=${lang}`);
        const first = page.locator('fieldset[data-question]').first();
        await first.locator('input').first().check();
        return { error: page.locator('[data-role="quiz-error"]'), feedback: first.locator('[data-role="feedback"]') };
      };

      // Offline: the request never reaches the server.
      const ko = await quizIn('ko');
      expect(await ko.error.isVisible()).toBe(false);
      await page.route(isQuizCheck, (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: '답 확인' }).click();
      await expect.poll(() => ko.error.isVisible()).toBe(true);
      expect(await ko.error.textContent()).toBe('답을 확인하지 못했습니다. 다시 시도하세요.');
      expect(await ko.feedback.isVisible()).toBe(false);

      // Back online, the same button checks the answers and the error goes away.
      await page.unroute(isQuizCheck);
      await page.getByRole('button', { name: '답 확인' }).click();
      await expect.poll(() => ko.feedback.isVisible()).toBe(true);
      expect(await ko.error.isVisible()).toBe(false);

      // A server error without a JSON body, on the English page.
      const en = await quizIn('en');
      await page.route(isQuizCheck, (route) =>
        route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' }),
      );
      await page.getByRole('button', { name: 'Check answers' }).click();
      await expect.poll(() => en.error.isVisible()).toBe(true);
      expect(await en.error.textContent()).toBe('Your answers could not be checked. Try again.');
      expect(await page.getByRole('button', { name: 'Check answers' }).isEnabled()).toBe(true);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    },
  );

  it('a teacher opens the gradebook, downloads the CSV and overrides a grade', { timeout: 60_000 }, async () => {
    const page = await loginAs('teacher1');
    await page.getByRole('link', { name: '성적부' }).click();
    const cell = page.locator(`tr[data-learner="learner1"] td[data-lab="${LAB}"] a`);
    expect((await cell.textContent())?.trim()).toBe('100');
    await page.screenshot({ path: screenshotPath('06-gradebook'), fullPage: true });

    // The CSV: a UTF-8 byte-order mark (for Excel), the lab's title as the page shows it (Korean) for a header.
    const title = (await page.locator(`th[data-lab="${LAB}"]`).textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csv.slice(1).trim().split(/\r?\n/);
    expect(header.split(',')).toContain(title);
    const learner1 = rows.find((r) => r.startsWith('learner1'))!;
    expect(learner1.split(',')[header.split(',').indexOf(title)]).toBe('100');

    await cell.click();
    await page.getByLabel('새 점수').fill('90');
    await page.getByLabel('사유 (학습자에게 보입니다)').fill('보고서 누락 −10');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '점수 저장' }).click()]);
    await expect.poll(() => page.getByTestId('override-note').textContent()).toContain('90%');
    await page.screenshot({ path: screenshotPath('07-override'), fullPage: true });

    await page.goto(`${env.stack.url}/teach`);
    expect((await page.locator(`tr[data-learner="learner1"] td[data-lab="${LAB}"] a`).textContent())?.trim()).toBe(
      '90*',
    );
    // Regrade the lab, once confirmed: every submission goes back through the queue and the grader, and the status
    // line follows the job to its end (regrade-progress.test.ts holds the grader to see each step).
    await page.getByLabel('실습', { exact: true }).selectOption(LAB);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '이 실습 전체 재채점' }).click();
    await expect
      .poll(() => page.locator('[data-testid="regrade-form"] [data-role="status"]').textContent(), { timeout: 20_000 })
      .toMatch(/^재채점 완료: (\d+)개 중 \1개 채점됨$/);

    await page.goto(`${env.stack.url}/teach/analytics`);
    await page.locator('[data-testid="histogram"] svg').waitFor();
    await page.screenshot({ path: screenshotPath('08-analytics'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows the RAID layout of a storage lab next to its trace', { timeout: 60_000 }, async () => {
    const page = await loginAs('learner2');
    const lab = (await loadLabs('content')).find((l) => l.id === 'raid-recover-data')!;
    await page.goto(`${env.stack.url}/labs/${lab.id}`);
    await page.locator('.cm-editor').waitFor();
    await setEditorText(page, variantFor(lab, 'learner2').reference);
    await page.getByRole('button', { name: '제출하고 채점받기' }).click();
    await page.getByTestId('full-result-link').click({ timeout: 20_000 });
    const raid = page.locator('[data-testid="raid-diagram"] svg');
    await raid.first().waitFor();
    expect(await raid.first().locator('g.disk').count()).toBeGreaterThanOrEqual(3);
    await raid.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('10-raid-result'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('works at phone width and in English', async () => {
    const page = await loginAs('learner2', { width: 390, height: 844 });
    await page.getByTestId('lang-switch').click();
    await page.waitForURL(`${env.stack.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Virtualization course');
    await page.goto(`${env.stack.url}/labs/${LAB}`);
    await page.locator('.cm-editor').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Below the fold the editor has not measured its lines yet; once scrolled to, each line number sits on its line.
    await page.locator('.cm-editor').scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const top = (e: Element) => Math.round(e.getBoundingClientRect().top);
          const lines = [...document.querySelectorAll('.cm-line')].map(top);
          // The gutter's first element is a hidden one that only sets its width.
          const numbers = [...document.querySelectorAll<HTMLElement>('.cm-lineNumbers .cm-gutterElement')]
            .filter((e) => e.style.visibility !== 'hidden')
            .map(top);
          return (
            lines.length > 1 && numbers.length === lines.length && numbers.every((t, i) => Math.abs(t - lines[i]) <= 2)
          );
        }),
      )
      .toBe(true);
    await page.screenshot({ path: screenshotPath('09-phone-english-lab'), fullPage: true });
    await page.context().close();
  });
});
