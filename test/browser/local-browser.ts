import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startLocal, type LocalStack } from '../../functions/local/server.ts';
import { launchChromium } from './chromium.ts';

/**
 * Inside a describe: the local stack (in memory, on a free port) and Chromium, started together before its tests
 * and closed after them. Read `stack` and `browser` in the tests, once beforeAll has run.
 */
export function localStackAndBrowser(): { readonly stack: LocalStack; readonly browser: Browser } {
  const env = {} as { stack: LocalStack; browser: Browser };
  beforeAll(async () => {
    [env.stack, env.browser] = await Promise.all([startLocal({ port: 0, inMemory: true }), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });
  return env;
}
