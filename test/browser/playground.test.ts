import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, screenshotPath } from './chromium.ts';
import { localStackAndBrowser } from './local-browser.ts';

/**
 * The playground in a real browser: an example runs client-side (no request to the API while it runs), its trace
 * is drawn, a second configuration is compared, exports are listed, and a share link round-trips the text.
 */
describe.runIf(chromiumAvailable())('playground in Chromium', () => {
  const env = localStackAndBrowser();

  /** Replace the text of the CodeMirror editor whose content carries `testId`, as a person types it. */
  async function setEditor(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  it('runs an example with no API request, draws the trace, diffs and exports', { timeout: 60_000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${env.stack.url}/examples/server-pv`);
    await page.getByTestId('try-it').click();
    await page.waitForURL(/\/playground\?example=server-pv$/);
    await expect.poll(() => page.getByTestId('playground-trace').count()).toBe(1);

    // From here on, nothing may reach the API: the simulator runs in this page.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    // Both text areas are the lab editor's CodeMirror, with YAML highlighting.
    expect(await page.locator('.cm-editor').count()).toBe(2);
    expect(await page.locator('[data-testid="playground-config-editor"] .cm-line span').count()).toBeGreaterThan(0);
    await setEditor(
      page,
      'playground-compare-editor',
      'target: server\nhost: { cpu: { cores: 8 }, memoryGiB: 32 }\nhypervisor: { product: xen }\n' +
        'guests:\n  - { name: debian, os: linux, mode: hvm, vcpus: 2, memoryGiB: 4 }\n' +
        'workload:\n  - { guest: debian, ops: [pagetable.update, disk.write] }\n',
    );
    await page.keyboard.press('Control+Enter'); // runs, from the editor
    await expect.poll(() => page.getByTestId('playground-diff').count()).toBe(1);
    // A changed event names its fields in the page's language.
    const changed = (
      await page.locator('[data-testid="playground-diff"] li[data-kind="changed"]').allTextContents()
    ).join('\n');
    expect(changed).toContain('세부:');
    expect(changed).not.toContain('detail:');
    expect(await page.locator('[data-testid="playground-trace"] svg').count()).toBe(1);
    expect(await page.locator('[data-testid="playground-diff"] li[data-kind="inserted"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="playground-exports"] details[data-tool="xl"]').count()).toBeGreaterThan(0);
    expect(
      await page.locator('[data-testid="playground-exports"] details[data-tool="libvirt"]').count(),
    ).toBeGreaterThan(0);
    expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: screenshotPath('11-playground'), fullPage: false });

    // Share link: the text goes into the fragment and comes back in a fresh page.
    const text =
      'target: storage\ndisks: { count: 3, sizeBlocks: 4 }\narrays:\n  - { name: a1, level: 5, disks: [d0, d1, d2] }\n# 공유\n';
    await setEditor(page, 'playground-config-editor', text);
    await page.getByTestId('playground-share').click();
    await expect.poll(() => page.url()).toMatch(/#c=/);
    const shared = page.url();
    const fresh = await context.newPage();
    await fresh.goto(shared);
    expect(await fresh.getByTestId('playground-config').inputValue()).toBe(text);
    await expect.poll(() => fresh.getByTestId('playground-raid').count()).toBe(1);
    expect(await fresh.locator('[data-testid="playground-exports"] details[data-tool="mdadm"]').count()).toBe(1);

    // A damaged link says so, in the page's language.
    await fresh.goto(`${env.stack.url}/playground#c=***`);
    await fresh.reload();
    expect(await fresh.getByTestId('playground-message').textContent()).toContain('링크의 설정을 읽을 수 없습니다');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('highlights YAML, and JSON as JSON once the text is JSON', { timeout: 60_000 }, async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${env.stack.url}/playground?lang=en`);
    const editor = page.getByTestId('playground-config-editor');
    await setEditor(page, 'playground-config-editor', 'target: storage\narrays: []\n');
    await expect.poll(() => editor.getAttribute('data-language')).toBe('yaml');
    await setEditor(page, 'playground-config-editor', '{"target": "storage", "arrays": []}');
    await expect.poll(() => editor.getAttribute('data-language')).toBe('json');
    expect(await editor.locator('.cm-line span').count()).toBeGreaterThan(0);
    await page.close();
  });
});
