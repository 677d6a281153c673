import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (CI installs it with fonts-nanum). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser suite can run. Without Chromium it is skipped with the reason printed — except in CI,
 * where a missing browser must fail the run rather than hide it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `browser tests: ${CHROMIUM} is missing (apt-get install chromium fonts-nanum)`;
  if (process.env.CI) throw new Error(`${reason}; CI must run them`);
  console.warn(`SKIPPED ${reason}`);
  return false;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/**
 * Every run saves its screenshots in test-results/screenshots; with UPDATE_SCREENSHOTS=1 they replace the committed
 * ones in docs/screenshots that docs/web.md shows (so an ordinary test run leaves the work tree clean).
 */
export function screenshotPath(name: string): string {
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test-results', 'screenshots'];
  const dir = join(import.meta.dirname, '..', '..', ...folder);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
