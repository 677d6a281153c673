import { fileURLToPath } from 'node:url';
import { toLang } from '../../../core/i18n.ts';
import { loadLessons } from '../../adapters/content-fs.ts';
import type { CliIO } from '../main.ts';

export const summary = 'list the lessons of the course (--json, --lang ko|en)';

const defaultContentDir = (): string =>
  process.env.CONTENT_DIR ?? fileURLToPath(new URL('../../../content/', import.meta.url));

export async function run(args: string[], io: CliIO): Promise<number> {
  let json = false;
  let lang: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--lang') lang = args[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else {
      io.err(`virtlab lessons: unknown option '${a}'. Usage: virtlab lessons [--json] [--lang ko|en]`);
      return 2;
    }
  }
  if (lang !== undefined && lang !== 'ko' && lang !== 'en') {
    io.err(`virtlab lessons: --lang must be ko or en, not '${lang}'`);
    return 2;
  }
  const lessons = loadLessons(defaultContentDir());
  if (json) {
    // Without --lang, both languages are given; with it, only the chosen one.
    const pick = <T>(m: { ko: T; en: T }) => (lang ? m[toLang(lang)] : m);
    io.out(
      JSON.stringify(
        lessons.map((l) => ({
          id: l.id,
          order: l.order,
          title: pick(l.title),
          summary: pick(l.summary),
          labs: l.labs,
          quiz: l.quiz.length,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  const shown = toLang(lang);
  for (const l of lessons) {
    io.out(`${String(l.order).padStart(2, '0')}  ${l.id.padEnd(26)} ${l.title[shown]}`);
    io.out(`    ${l.summary[shown]}`);
    if (l.labs.length) io.out(`    labs: ${l.labs.join(', ')}`);
  }
  return 0;
}
