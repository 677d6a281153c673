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
  chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** Screenshots land in docs/screenshots (committed; the README shows them). */
export function screenshotPath(name: string): string {
  const dir = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
