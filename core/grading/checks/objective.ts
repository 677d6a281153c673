/** `objective` checks (design labs): a measure of the run scored on a scale from `worst` (0 points) to `best` (all). */
import { msg } from '../../i18n.ts';
import type { CheckOf, Measure } from '../../labs/lab-schema.ts';
import type { SimResult } from '../../sim/target.ts';
import { readPath } from '../data-path.ts';
import { describeFilter, matches } from '../events.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

/** The measured number, or undefined when the run has none (a rejected design, a missing path). */
export function measure(m: Measure, sim: SimResult): number | undefined {
  if ('count' in m) return sim.events.filter((e) => matches(e, m.count)).length;
  if (sim.state === null) return undefined;
  const [at] = readPath(sim.state, 'size' in m ? m.size : m.path);
  if (!at?.found) return undefined;
  if ('size' in m)
    return Array.isArray(at.value)
      ? at.value.length
      : at.value && typeof at.value === 'object'
        ? Object.keys(at.value).length
        : undefined;
  return typeof at.value === 'number' ? at.value : undefined;
}

const describe = (m: Measure): string =>
  'count' in m ? `count(${describeFilter(m.count)})` : 'size' in m ? `size(${m.size})` : m.path;

export function checkObjective(check: CheckOf<'objective'>, ctx: CheckContext): CheckOutcome {
  const best = Number(check.best);
  const worst = Number(check.worst);
  const v = measure(check.measure, ctx.run);
  const expected = msg(
    `${describe(check.measure)}: ${best}이면 만점, ${worst}이면 0점`,
    `${describe(check.measure)}: ${best} earns every point, ${worst} none`,
  );
  if (v === undefined)
    return {
      passed: false,
      fraction: 0,
      observed: msg(`${describe(check.measure)}: 측정값 없음`, `${describe(check.measure)}: nothing to measure`),
      expected,
      events: [],
    };
  const fraction = Math.min(1, Math.max(0, (worst - v) / (worst - best)));
  return { passed: fraction === 1, fraction, observed: `${describe(check.measure)} = ${v}`, expected, events: [] };
}
