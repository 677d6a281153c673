import type { CliIO } from '../main.ts';
import { labSummary } from '../../../core/labs/public-view.ts';
import { toLang } from '../../../core/i18n.ts';
import { contentDir, parseArgs, readLabs } from '../lab-support.ts';

export const summary = 'list the labs with their targets, techniques and difficulty  [--json] [--lang ko|en]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags } = parseArgs(args, ['lang', 'content']);
  const loaded = await readLabs(contentDir(flags), io);
  if (!loaded) return 1;
  const labs = loaded.map(labSummary);
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
