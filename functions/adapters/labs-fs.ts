/**
 * Labs from disk: `<contentDir>/labs/*.yaml`, where contentDir is the `content/` folder itself. Each file is parsed
 * and checked; a broken lab stops the load, so it never reaches learners.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigIssue } from '../../core/validation.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { parseLab } from '../../core/labs/parse.ts';
import { parseMisconceptions, type Misconception } from '../../core/labs/misconceptions.ts';

export class LabLoadError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    const lines = issues.map(
      (i) => `  ${i.path || '(root)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message.en} / ${i.message.ko}`,
    );
    super(`Invalid lab ${file}:\n${lines.join('\n')}`);
    this.name = 'LabLoadError';
  }
}

/** Every lab, sorted by difficulty then id. Throws LabLoadError naming the file if any lab is invalid. */
export async function loadLabs(contentDir: string): Promise<Lab[]> {
  const dir = join(contentDir, 'labs');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const labs: Lab[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const parsed = parseLab(await readFile(path, 'utf8'));
    if (!parsed.ok) throw new LabLoadError(path, parsed.issues);
    const expectedId = file.slice(0, -'.yaml'.length);
    if (parsed.value.id !== expectedId) {
      throw new LabLoadError(path, [
        {
          path: 'id',
          message: {
            ko: `id는 파일 이름과 같은 '${expectedId}'여야 합니다.`,
            en: `The id must match the file name: '${expectedId}'.`,
          },
        },
      ]);
    }
    labs.push(parsed.value);
  }
  return labs.sort((a, b) => a.difficulty - b.difficulty || a.id.localeCompare(b.id));
}

/** The misconception catalogue, `<contentDir>/misconceptions.yaml`; throws LabLoadError naming the file if invalid. */
export async function loadMisconceptions(contentDir: string): Promise<Misconception[]> {
  const path = join(contentDir, 'misconceptions.yaml');
  const parsed = parseMisconceptions(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new LabLoadError(path, parsed.issues);
  return parsed.value;
}
