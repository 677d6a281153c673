import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { localStackAndBrowser } from './local-browser.ts';

/**
 * The editor when the session has ended under it: the submit's 401 becomes a prompt to sign in again, the draft is
 * kept, and after signing in the learner is back on the lab with the draft restored.
 */
const LAB = 'hvm-boot-vtx';

describe.runIf(chromiumAvailable())('session ended in the editor', () => {
  const env = localStackAndBrowser();

  it('a 401 on submit asks to sign in again and keeps the draft', { timeout: 60_000 }, async () => {
    const context = await env.browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const signIn = async () => {
      await page.getByLabel(/^learner1/).check();
      await page.getByRole('button', { name: '이 사용자로 로그인' }).click();
    };
    await page.goto(`${env.stack.url}/login?next=/labs/${LAB}`);
    await signIn();
    await page.waitForURL(`**/labs/${LAB}`);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('target: server\n# my unsaved work\n');

    await context.clearCookies({ name: 'virtlab_session' });
    await page.getByRole('button', { name: '제출하고 채점받기' }).click();
    const again = page.getByTestId('sign-in-again');
    await again.waitFor();
    expect(await page.locator('[data-role="status"]').textContent()).toContain('로그인이 만료되었습니다');
    expect(await env.stack.deps.store.listLearnerSubmissions('learner1', LAB)).toHaveLength(0);

    await again.click();
    await page.waitForURL(/\/login\?next=/);
    await signIn();
    await page.waitForURL(`**/labs/${LAB}`);
    await page.locator('.cm-editor').waitFor();
    expect((await page.locator('.cm-content').innerText()).trim()).toBe('target: server\n# my unsaved work');
    await context.close();
  });
});
