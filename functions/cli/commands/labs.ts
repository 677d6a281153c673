import type { CliIO } from '../main.ts';
import { loadLabs } from '../../adapters/labs-fs.ts';
import { labSummary } from '../../../core/labs/public-view.ts';
import { toLang } from '../../../core/i18n.ts';
import { contentDir, parseArgs } from '../lab-support.ts';

export const summary = 'list the labs with their targets, techniques and difficulty  [--json] [--lang ko|en]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags } = parseArgs(args, ['lang', 'content']);
  const labs = (await loadLabs(contentDir(flags))).map(labSummary);
  if (flags.json) {
    io.out(JSON.stringify(labs, null, 2));
    return 0;
  }
  const lang = toLang(flags.lang);
  for (const l of labs) {
    const tags = [...l.tags.targets, ...l.tags.techniques].join(', ');
    io.out(`${'★'.repeat(l.difficulty).padEnd(5)} ${l.id.padEnd(28)} ${l.title[lang]}  [${tags}] (${l.maxScore} pts)`);
  }
  return 0;
}
