import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir } from '../../../functions/local/data-lock.ts';

describe('the local data folder lock', () => {
  it('lets one server use a folder and tells a second which process holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtlab-lock-'));
    // A live process other than this one holds the folder.
    writeFileSync(join(dir, 'virtlab.pid'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`process ${process.ppid}`));
  });

  it('takes over a lock left by a process that is gone, and gives the folder back on unlock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtlab-lock-'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'virtlab.pid'), gone);
    const unlock = lockDataDir(dir);
    expect(existsSync(join(dir, 'virtlab.pid'))).toBe(true);
    unlock();
    expect(existsSync(join(dir, 'virtlab.pid'))).toBe(false);
  });
});
