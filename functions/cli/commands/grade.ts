import { readFile } from 'node:fs/promises';
import type { CliIO } from '../main.ts';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import type { GradeResult } from '../../../core/grading/result.ts';
import type { Lang, Msg } from '../../../core/i18n.ts';
import { contentDir, langOption, parseArgs, readLabs } from '../lab-support.ts';
import { detailIn } from '../../../core/sim/trace.ts';
import { percent } from '../../../core/course/submission-result.ts';

export const summary =
  'grade a submission: grade <lab> <file> [--learner <id>] [--lang ko|en] [--json] (exit 0 full marks, 1 partial, 3 not gradable)';

const USAGE = 'usage: virtlab grade <lab-id> <submission.yaml|json> [--learner <id>] [--lang ko|en] [--json]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, ['learner', 'lang', 'content']);
  const [labId, file] = positional;
  if (!labId || !file) {
    io.err(USAGE);
    return 2;
  }
  const lang = langOption(flags, 'grade', USAGE, io);
  if (lang === null) return 2;
  const labs = await readLabs(contentDir(flags), io);
  if (!labs) return 1;
  const lab = labs.find((l) => l.id === labId);
  if (!lab) {
    io.err(`virtlab grade: no lab '${labId}'. Run 'virtlab labs' for the list.`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    io.err(`virtlab grade: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const learnerId = typeof flags.learner === 'string' ? flags.learner : 'cli';
  const result = gradeSubmission({ lab, text, learnerId, format: file.endsWith('.json') ? 'json' : undefined });
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else io.out(render(result, lab.title, lang ?? 'ko'));
  return !result.gradable ? 3 : result.score === result.maxScore ? 0 : 1;
}

const t = (m: Msg | string, lang: Lang): string => (typeof m === 'string' ? m : m[lang]);

/** The grade as a learner would read it in a terminal. */
export function render(r: GradeResult, title: Msg, lang: Lang): string {
  const L = (ko: string, en: string) => (lang === 'ko' ? ko : en);
  const out: string[] = [];
  const params = Object.entries(r.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  out.push(`${r.labId} — ${title[lang]}${params ? `  (${params})` : ''}`);
  if (!r.gradable) {
    out.push(
      L(
        '채점할 수 없습니다 (시도 횟수에 포함되지 않음). 설정 오류:',
        'Not gradable (no attempt used). Configuration errors:',
      ),
    );
  } else {
    out.push(
      `${L('점수', 'score')} ${percent(r.score, r.maxScore)}% (${r.score}/${r.maxScore}${L('점', ' pts')})${r.simOk ? '' : L('  (시뮬레이터가 설계를 거부함)', '  (the simulator rejected the design)')}`,
    );
    for (const c of r.checks) {
      out.push(`${c.passed ? '✓' : '✗'} ${t(c.title, lang)} (${c.earned}/${c.points}${L('점', ' pts')})`);
      if (!c.passed) {
        out.push(`    ${L('관찰', 'observed')}: ${t(c.observed, lang)}`);
        if (c.expected !== undefined) out.push(`    ${L('기대', 'expected')}: ${t(c.expected, lang)}`);
      }
      out.push(`    ${t(c.feedback, lang)}`);
      if (c.fix) out.push(`    ${L('이렇게 하면 통과', 'would pass')}: ${t(c.fix, lang)}`);
      for (const h of c.hints) out.push(`    ${L('힌트', 'hint')}: ${t(h, lang)}`);
    }
  }
  for (const e of r.errors)
    out.push(`  ${e.line ? `${L('행', 'line')} ${e.line} ` : ''}${e.path || '(root)'}: ${e.message[lang]}`);
  if (r.gradable && r.traceExcerpt.length) {
    out.push(L('트레이스 발췌:', 'trace excerpt:'));
    for (const e of r.traceExcerpt) {
      const extra = [
        e.subject,
        e.hypercall && `${e.hypercall.name}(${e.hypercall.number})`,
        detailIn(e.detail, lang),
        e.outcome,
      ]
        .filter(Boolean)
        .join(' ');
      out.push(`  #${e.seq} [${e.lane}] ${e.actor} ${e.kind} ${e.op}${extra ? ` — ${extra}` : ''}`);
    }
  }
  out.push(`grader ${r.graderVersion}, lab v${r.labVersion}`);
  return out.join('\n');
}
