import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banner, startLocal, type LocalStack } from '../../functions/local/server.ts';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocal({ port: 0, inMemory: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the banner npm start prints', () => {
  it('has command lines that work when pasted as they are: token, labs, a submission and its grade', async () => {
    const commands = banner(stack.url)
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim());
    expect(commands.join('\n')).not.toMatch(/<[a-zA-Z]+>/);
    const [token, labs, submit, follow] = commands;
    // The last line asked again until the grade is in, as a learner would press ↑ and Enter.
    const script = [
      'set -eu',
      token,
      `${labs} | head -c 200; echo`,
      submit,
      'test -n "$SUB"',
      `for i in $(seq 1 100); do OUT=$(${follow}); case "$OUT" in *'"status":"graded"'*) break;; esac; sleep 0.1; done`,
      'echo "$OUT"',
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: process.cwd(), timeout: 30_000 });
    expect(stdout).toContain('"labs"');
    expect(stdout).toContain('"status":"graded"');
  });
});
