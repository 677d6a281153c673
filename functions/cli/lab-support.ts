/** What the commands share: where the content is and how to read their flags. */
import { fileURLToPath } from 'node:url';
import type { CliIO } from './main.ts';
import { LANGS, type Lang } from '../../core/i18n.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { LabLoadError, loadLabs } from '../adapters/labs-fs.ts';

/** Every lab, or undefined after printing which lab file is broken and why (no stack trace). */
export async function readLabs(dir: string, io: CliIO): Promise<Lab[] | undefined> {
  try {
    return await loadLabs(dir);
  } catch (err) {
    if (!(err instanceof LabLoadError)) throw err;
    io.err(err.message);
    return undefined;
  }
}

/** The `content/` folder: `--content <dir>`, else `$CONTENT_DIR` (as the deployed functions read it), else this repository's. */
export function contentDir(flags: Flags): string {
  if (typeof flags.content === 'string') return flags.content;
  if (process.env.CONTENT_DIR) return process.env.CONTENT_DIR;
  return fileURLToPath(new URL('../../content/', import.meta.url));
}

export type Flags = Record<string, string | true>;

/**
 * The language `--lang` asks for: undefined when the flag is absent, null after saying why when its value is not
 * ko or en (the command then exits 2): quietly falling back to Korean would hide a typo.
 */
export function langOption(
  flags: Readonly<Record<string, string | true | undefined>>,
  command: string,
  usage: string,
  io: CliIO,
): Lang | undefined | null {
  if (!('lang' in flags)) return undefined;
  const value = flags.lang;
  const lang = LANGS.find((l) => l === value);
  if (lang) return lang;
  io.err(`virtlab ${command}: --lang must be ko or en.\n${usage}`);
  return null;
}

/** `--name value`, `--name=value` and bare `--flag`; everything else is positional. */
export function parseArgs(args: string[], valued: readonly string[]): { flags: Flags; positional: string[] } {
  const flags: Flags = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags[name] = inline;
    else if (valued.includes(name) && i + 1 < args.length) flags[name] = args[++i];
    else flags[name] = true;
  }
  return { flags, positional };
}
