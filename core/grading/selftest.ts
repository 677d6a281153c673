/**
 * A lab proves itself: its reference solution scores full marks for several learners' variants, its starter does
 * not, each wrong fixture fails exactly the checks it names (no more, no fewer), and each variant (a correct answer
 * written differently: other names, other order, extra harmless parts) gets full marks.
 */
import type { Lab } from '../labs/lab-schema.ts';
import { drawParams, fillText } from '../labs/variant.ts';
import { gradeSubmission } from './grade.ts';
import type { GradeResult } from './result.ts';

export const SELFTEST_LEARNERS = ['selftest-1', 'selftest-2', 'selftest-3', 'selftest-4', 'selftest-5'] as const;

export interface SelfTestFinding {
  /** What was graded: `reference`, `starter` or `fixture:<name>`. */
  subject: string;
  learnerId: string;
  ok: boolean;
  /** Plain English for the lab author. */
  detail: string;
}

export interface SelfTestReport {
  labId: string;
  ok: boolean;
  findings: SelfTestFinding[];
}

const failedIds = (r: GradeResult): string[] => r.checks.filter((c) => !c.passed).map((c) => c.id);

function explain(r: GradeResult): string {
  if (!r.gradable)
    return `not gradable: ${r.errors.map((e) => `${e.path || '(root)'}${e.line ? `@${e.line}` : ''}: ${e.message.en}`).join('; ')}`;
  const failed = r.checks.filter((c) => !c.passed);
  const detail = failed.map(
    (c) =>
      `${c.id} (observed ${typeof c.observed === 'string' ? c.observed : c.observed.en}; expected ${typeof c.expected === 'object' ? c.expected.en : c.expected})`,
  );
  const errors = r.errors.map((e) => `${e.path}: ${e.message.en}`);
  return `${r.score}/${r.maxScore}${detail.length ? `; failed ${detail.join(', ')}` : ''}${errors.length ? `; errors ${errors.join('; ')}` : ''}`;
}

export function selfTest(lab: Lab, learners: readonly string[] = SELFTEST_LEARNERS): SelfTestReport {
  const findings: SelfTestFinding[] = [];
  for (const learnerId of learners) {
    const grade = (text: string) => gradeSubmission({ lab, text, learnerId });
    // Texts may hold `{{param}}`: a learner's text arrives with their own numbers in it, so fill them first.
    const params = drawParams(lab, learnerId);

    const ref = grade(fillText(lab.reference, params));
    findings.push({
      subject: 'reference',
      learnerId,
      ok: ref.gradable && ref.score === ref.maxScore,
      detail: explain(ref),
    });

    const starter = grade(fillText(lab.starter, params));
    findings.push({
      subject: 'starter',
      learnerId,
      ok: !(starter.gradable && starter.score === starter.maxScore),
      detail: explain(starter),
    });

    for (const f of lab.fixtures) {
      const r = grade(fillText(f.text, params));
      const failed = failedIds(r);
      const ok = f.variant
        ? r.gradable && r.score === r.maxScore
        : f.gradable
          ? r.gradable && failed.length === f.fails.length && f.fails.every((id) => failed.includes(id))
          : !r.gradable;
      const want = f.variant
        ? 'a correct variant must get full marks'
        : f.gradable
          ? `must fail exactly [${f.fails.join(', ')}]`
          : 'must not be gradable';
      findings.push({ subject: `fixture:${f.name}`, learnerId, ok, detail: `${want}; got ${explain(r)}` });
    }
  }
  return { labId: lab.id, ok: findings.every((f) => f.ok), findings };
}
