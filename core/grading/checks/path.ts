/** `path` checks: the route one operation takes through guest, hypervisor, Dom0, hardware… */
import { msg } from '../../i18n.ts';
import type { CheckOf } from '../../labs/lab-schema.ts';
import { describeSelect, route, selectOperation, showRoute } from '../events.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

/** True when `want` appears in `hops` in order (other hops may sit between). */
function isSubsequence(want: readonly string[], hops: readonly string[]): boolean {
  let i = 0;
  for (const h of hops) if (h === want[i]) i++;
  return i === want.length;
}

export function checkPath(check: CheckOf<'path'>, ctx: CheckContext): CheckOutcome {
  const events = selectOperation(ctx.run.events, check.select);
  const expected = showRoute(check.expect);
  if (events.length === 0) {
    const what = describeSelect(check.select);
    return {
      passed: false,
      observed: msg(`트레이스에 ${what.ko} 연산이 없습니다.`, `The trace has no ${what.en} operation.`),
      expected,
      events,
    };
  }
  const hops = route(events, check.by);
  const passed =
    check.match === 'exact'
      ? hops.length === check.expect.length && hops.every((h, i) => h === check.expect[i])
      : isSubsequence(check.expect, hops);
  return { passed, observed: showRoute(hops), expected, events };
}
