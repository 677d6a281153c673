import { join } from 'node:path';
import type { CliIO } from '../../../functions/cli/main.ts';

/** A CLI io that keeps what a command printed, each write as one line. */
export function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += `${t}\n`),
    err: (t: string) => void (io.stderr += `${t}\n`),
  };
  return io;
}

/** The example configurations `virtlab sim` is tried on. */
export const examplesDir = join(process.cwd(), 'content', 'examples');
