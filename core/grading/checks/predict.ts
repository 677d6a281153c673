/** `predict` checks (predict labs): the learner's stated value against what the simulator shows for `given`. */
import { msg } from '../../i18n.ts';
import type { CheckOf } from '../../labs/lab-schema.ts';
import { project } from './reference.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

export function checkPredict(check: CheckOf<'predict'>, ctx: CheckContext): CheckOutcome {
  const actual = project(check.project, ctx.run);
  const said = ctx.answers?.[check.question];
  const expected = actual.text;
  if (said === undefined) {
    return {
      passed: false,
      observed: msg(`answers.${check.question}에 답이 없습니다.`, `No answer at answers.${check.question}.`),
      expected,
      events: actual.events,
    };
  }
  const passed =
    typeof actual.value === 'number'
      ? typeof said === 'number' && Math.abs(said - actual.value) <= check.tolerance
      : Array.isArray(actual.value)
        ? String(said).toLowerCase().replace(/\s+/g, '') === actual.value.join('→').toLowerCase().replace(/\s+/g, '')
        : String(said).toLowerCase() === String(actual.value).toLowerCase();
  return {
    passed,
    observed: msg(`예측: ${String(said)}`, `predicted: ${String(said)}`),
    expected,
    events: actual.events,
  };
}
