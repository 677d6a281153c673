/** `count` checks: how often something happened (hypercalls issued, Dom0 hops, packets dropped…). */
import { msg } from '../../i18n.ts';
import type { CheckOf } from '../../labs/lab-schema.ts';
import { describeFilter, matches } from '../events.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

export function checkCount(check: CheckOf<'count'>, ctx: CheckContext): CheckOutcome {
  const hits = ctx.run.events.filter((e) => matches(e, check.where));
  // Placeholders were filled by the variant, so bounds are numbers here; Number() guards a lab typo.
  const min = check.min === undefined ? undefined : Number(check.min);
  const max = check.max === undefined ? undefined : Number(check.max);
  const n = hits.length;
  const passed = (min === undefined || n >= min) && (max === undefined || n <= max);
  const where = describeFilter(check.where);
  // English counts its noun: "1 event", "at least 1 event", "2 events", "no events".
  const events = (k: number | undefined) => (k === 1 ? 'event' : 'events');
  const range =
    min !== undefined && max !== undefined
      ? min === max
        ? msg(`정확히 ${min}개`, `exactly ${min} ${events(min)}`)
        : msg(`${min}~${max}개`, `between ${min} and ${max} events`)
      : min !== undefined
        ? msg(`${min}개 이상`, `at least ${min} ${events(min)}`)
        : max === 0
          ? msg('0개', 'no events')
          : msg(`${max}개 이하`, `at most ${max} ${events(max)}`);
  return {
    passed,
    observed: msg(`[${where}] 이벤트 ${n}개`, `${n} ${events(n)} with ${where}`),
    expected: msg(`[${where}] 이벤트 ${range.ko}`, `${range.en} with ${where}`),
    events: hits,
  };
}
