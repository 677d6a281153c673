import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandNames, loadCommand } from '../../../functions/cli/main.ts';

describe('the CLI command table', () => {
  it('lists every module in functions/cli/commands, each a command with a summary', async () => {
    const dir = fileURLToPath(new URL('../../../functions/cli/commands/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(commandNames()).toEqual(files);
    for (const name of files) {
      const command = await loadCommand(name);
      expect(command?.summary.length).toBeGreaterThan(10);
      expect(typeof command?.run).toBe('function');
    }
  });

  it('knows no command outside the table, not even an inherited name', async () => {
    expect(await loadCommand('toString')).toBeUndefined();
    expect(await loadCommand('../main')).toBeUndefined();
  });
});
