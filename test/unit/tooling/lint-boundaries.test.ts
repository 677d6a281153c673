/**
 * The import boundaries are rules that fail the build: each case lints a one-line file placed in a folder with the
 * project's own eslint.config.js and expects no-restricted-imports to report it (or not, for what is allowed).
 * Type-aware rules are switched off here: the fixture files do not exist, and these rules need no types.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['core/sim/fixture.ts', "import { AppDeps } from '../../functions/http/deps.ts';"],
    ['core/fixture.ts', "import type { Store } from '../functions/ports/store.ts';"],
    ['core/course/fixture.ts', "import { VirtlabStack } from '../../cdk/virtlab-stack.ts';"],
    ['core/fixture.ts', "import { readFileSync } from 'node:fs';"],
    ['core/fixture.ts', "import { join } from 'path';"],
    ['core/fixture.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';"],
    ['core/fixture.ts', "import { Hono } from 'hono';"],
    ['core/fixture.ts', "export { html } from 'hono/html';"],
    ['functions/service/fixture.ts', "import { ApiError } from '../http/errors.ts';"],
    ['functions/service/fixture.ts', "import { requireUser } from '../http/middleware/auth.ts';"],
    ['functions/web/fixture.ts', "import { createApp } from '../http/app.ts';"],
    ['functions/web/fixture.ts', "import { submit } from '../service/submissions.ts';"],
    ['functions/web/fixture.ts', "import { DynamoStore } from '../adapters/dynamo/store.ts';"],
    ['functions/web/fixture.ts', "import { handler } from '../lambda/grader.ts';"],
    ['functions/web/fixture.ts', "import { startLocal } from '../local/server.ts';"],
    ['functions/web/fixture.ts', "import { gradeOne } from '../grading/grade.ts';"],
    ['functions/web/fixture.ts', "import { buildClientAssets } from './build.ts';"],
    ['functions/web/fixture.ts', "import { configFromEnv } from '../config.ts';"],
    ['functions/web/fixture.ts', "import { createHash } from 'node:crypto';"],
    ['functions/web/fixture.ts', "import { Hono } from 'hono';"],
  ])('%s: %s fails lint', async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1);
  });

  it.each([
    ['core/sim/fixture.ts', "import { msg } from '../i18n.ts';"],
    ['core/fixture.ts', "import { z } from 'zod';"],
    ['functions/service/fixture.ts', "import { gradebook } from '../../core/course/gradebook.ts';"],
    ['functions/http/fixture.ts', "import { submit } from '../service/submissions.ts';"],
    ['functions/web/fixture.ts', "import { msg } from '../../core/i18n.ts';"],
    ['functions/web/fixture.ts', "import { EditorView } from '@codemirror/view';"],
    ['functions/web/build.ts', "import { join } from 'node:path';"],
    ['functions/local/fixture.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('core reads no clock and no randomness', async () => {
    const [result] = await eslint.lintText('export const t = Date.now() + Math.random() + new Date().getTime();\n', {
      filePath: 'core/fixture.ts',
    });
    expect(result.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toHaveLength(3);
  });
});
