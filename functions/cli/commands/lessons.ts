import { ContentError, loadLessons } from '../../adapters/content-fs.ts';
import { contentDir, langOption, parseArgs } from '../lab-support.ts';
import type { CliIO } from '../main.ts';

export const summary = 'list the lessons of the course (--json, --lang ko|en, --content <dir>)';

const USAGE = 'Usage: virtlab lessons [--json] [--lang ko|en] [--content <dir>]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, ['lang', 'content']);
  const unknown = [
    ...Object.keys(flags)
      .filter((f) => !['json', 'lang', 'content'].includes(f))
      .map((f) => `--${f}`),
    ...positional,
  ];
  if (unknown.length > 0) {
    io.err(`virtlab lessons: unknown option '${unknown[0]}'. ${USAGE}`);
    return 2;
  }
  const lang = langOption(flags, 'lessons', USAGE, io);
  if (lang === null) return 2;
  let lessons;
  try {
    lessons = loadLessons(contentDir(flags));
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    io.err(`virtlab lessons: ${err.message}`);
    return 1;
  }
  if (flags.json === true) {
    // Without --lang, both languages are given; with it, only the chosen one.
    const pick = <T>(m: { ko: T; en: T }) => (lang ? m[lang] : m);
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
  const shown = lang ?? 'ko';
  for (const l of lessons) {
    io.out(`${String(l.order).padStart(2, '0')}  ${l.id.padEnd(26)} ${l.title[shown]}`);
    io.out(`    ${l.summary[shown]}`);
    if (l.labs.length) io.out(`    labs: ${l.labs.join(', ')}`);
  }
  return 0;
}
