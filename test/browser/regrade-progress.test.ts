import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { GradingDeps } from '../../functions/grading/grade-submission.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { referenceAnswer, startStack, submitYaml, tokenFor, waitGraded } from '../integration/helpers/stack.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

/**
 * The gradebook's regrade button in a real browser: it asks first, then reports the job as it is — submissions
 * queued, then graded n of m — and calls it finished only once the grader has graded every one again. The grader's
 * results are held back on a gate while the test reads the "queued" line, so that line is seen for certain.
 */
const LAB = 'hvm-boot-vtx';
const LEARNERS = ['learner1', 'learner2'];

describe.runIf(chromiumAvailable())('regrade progress in Chromium', () => {
  let stack: LocalStack;
  let browser: Browser;
  /** While set, recording a grade waits for it (the regraded results stay "queued" for the page). */
  let held: { promise: Promise<void>; release: () => void } | undefined;
  const hold = (deps: GradingDeps): GradingDeps => ({
    ...deps,
    store: {
      ...deps.store,
      recordResult: async (...args) => {
        await held?.promise;
        return deps.store.recordResult(...args);
      },
    },
  });

  beforeAll(async () => {
    // A held result must not be redelivered meanwhile: a long visibility timeout.
    [stack, browser] = await Promise.all([
      startStack({ grading: hold, queue: { visibilityTimeoutMs: 60_000 } }),
      launchChromium(),
    ]);
    for (const learner of LEARNERS) {
      const token = await tokenFor(stack, learner);
      const sub = await submitYaml(stack, token, LAB, referenceAnswer(stack, LAB, learner));
      expect(sub.status).toBe(202);
      await waitGraded(stack, sub.body.submissionId);
    }
  });
  afterAll(async () => {
    held?.release();
    await browser?.close();
    await stack?.stop();
  });

  it('confirms first, then shows queued, graded n of m and finished — never "done" for queued work', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${stack.url}/login`);
    await page.getByLabel(/^teacher1/).check();
    await page.getByRole('button', { name: '이 사용자로 로그인' }).click();
    await page.waitForURL(`${stack.url}/`);
    await page.goto(`${stack.url}/teach`);
    const status = page.locator('[data-testid="regrade-form"] [data-role="status"]');
    const title = (await page.locator(`th[data-lab="${LAB}"]`).textContent())!.trim();
    await page.getByLabel('실습', { exact: true }).selectOption(LAB);

    // Declined: nothing is asked of the server.
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.getByRole('button', { name: '이 실습 전체 재채점' }).click();
    expect(asked).toEqual([`confirm: 「${title}」 실습의 채점이 끝난 제출을 모두 다시 채점합니다. 계속할까요?`]);
    expect(await status.textContent()).toBe('');
    expect(await stack.deps.store.listRegradeJobs(DEMO_COURSE.id, 10)).toEqual([]);

    // Accepted, with the grader's results held: the job fans out, and the page says what is queued.
    let release!: () => void;
    held = { promise: new Promise<void>((r) => (release = r)), release: () => release() };
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '이 실습 전체 재채점' }).click();
    await expect
      .poll(() => status.textContent())
      .toBe(`대기열에 ${LEARNERS.length}개 제출을 넣었습니다 · ${LEARNERS.length}개 중 0개 채점됨`);
    expect(await page.getByRole('button', { name: '이 실습 전체 재채점' }).isDisabled()).toBe(true);

    // Released: graded n of m, then finished.
    held.release();
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toBe(`재채점 완료: ${LEARNERS.length}개 중 ${LEARNERS.length}개 채점됨`);
    expect(await status.textContent()).not.toBe('완료했습니다.');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
