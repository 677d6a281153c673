import type { CliIO } from '../main.ts';
import { labSummary } from '../../../core/labs/public-view.ts';
import { contentDir, langOption, parseArgs, readLabs } from '../lab-support.ts';

export const summary = 'list the labs with their targets, techniques and difficulty  [--json] [--lang ko|en]';

const USAGE = 'usage: virtlab labs [--json] [--lang ko|en] [--content <dir>]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags } = parseArgs(args, ['lang', 'content']);
  const lang = langOption(flags, 'labs', USAGE, io);
  if (lang === null) return 2;
  const loaded = await readLabs(contentDir(flags), io);
  if (!loaded) return 1;
  const labs = loaded.map(labSummary);
  if (flags.json) {
    io.out(JSON.stringify(labs, null, 2));
    return 0;
  }
  const shown = lang ?? 'ko';
  for (const l of labs) {
    const tags = [...l.tags.targets, ...l.tags.techniques].join(', ');
    io.out(
      `${'★'.repeat(l.difficulty).padEnd(5)} ${l.id.padEnd(28)} ${l.title[shown]}  [${tags}] (${l.maxScore} ${l.maxScore === 1 ? 'pt' : 'pts'})`,
    );
  }
  return 0;
}
