import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another running virtlab already uses the data folder. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another virtlab (process ${pid}) is already using ${dataDir}. Stop it first, or start this one with its own ` +
        `data: DATA_DIR=.data/other npm start`,
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded DynamoDB keeps its files in one folder and cannot share it: a second server would crash deep inside
 * the database. A pid file claims the folder first (a stale one, from a process that is gone, is taken over).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'virtlab.pid');
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && alive(pid)) throw new DataDirInUse(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
}
