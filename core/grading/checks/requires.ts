/**
 * Preconditions: a behaviour check passes only when the behaviour it judges ran. A count of "no violations" from a
 * guest that never booted, or "data intact" after pulling disks that were not in the array holding the data, is
 * vacuous; the check fails and names the unmet precondition instead.
 */
import { msg, type Msg } from '../../i18n.ts';
import type { Requires } from '../../labs/lab-schema.ts';
import type { SimResult } from '../../sim/target.ts';
import { describeFilter, matches } from '../events.ts';
import { failingPredicates, showFailing } from './state.ts';

/** Why the precondition does not hold, or undefined when it does. */
export function unmetPrecondition(requires: Requires, run: SimResult): Msg | undefined {
  const failing = run.state === null ? ['∅'] : failingPredicates(requires.state, run.state);
  if (failing.length) {
    const shown = showFailing(failing);
    return msg(
      `검사할 동작이 일어나지 않았습니다(전제 조건 불충족: ${shown}).`,
      `The behaviour this check judges never happened (precondition not met: ${shown}).`,
    );
  }
  if (requires.ran && !run.events.some((e) => matches(e, requires.ran!))) {
    const what = describeFilter(requires.ran);
    return msg(
      `검사할 동작이 일어나지 않았습니다: [${what}] 이벤트가 없습니다.`,
      `The behaviour this check judges never happened: no event with ${what}.`,
    );
  }
  return undefined;
}
