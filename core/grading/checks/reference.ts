/** `reference` checks: the learner's run behaves like the lab's reference solution on the same variant. */
import type { CheckOf, Projection } from '../../labs/lab-schema.ts';
import type { SimResult } from '../../sim/target.ts';
import type { TraceEvent } from '../../sim/trace.ts';
import { readPath } from '../data-path.ts';
import { matches, route, selectOperation, showRoute } from '../events.ts';
import { deepEqual, show } from './state.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

export function project(p: Projection, sim: SimResult): { value: unknown; text: string; events: TraceEvent[] } {
  if (p.kind === 'path') {
    const events = selectOperation(sim.events, p.select);
    const hops = route(events, p.by);
    return { value: hops, text: hops.length ? showRoute(hops) : '∅', events };
  }
  if (p.kind === 'count') {
    const events = sim.events.filter((e) => matches(e, p.where));
    return { value: events.length, text: String(events.length), events };
  }
  const values = sim.state === null ? [] : readPath(sim.state, p.path).map((at) => (at.found ? at.value : undefined));
  const value = values.length === 1 ? values[0] : values;
  return { value, text: show(value), events: [] };
}

export function checkReference(check: CheckOf<'reference'>, ctx: CheckContext): CheckOutcome {
  const mine = project(check.project, ctx.run);
  const ref = project(check.project, ctx.reference());
  // A rejected run has nothing to compare; two empty projections must not count as "the same behaviour".
  const passed = ctx.run.ok && ctx.reference().ok && deepEqual(mine.value, ref.value);
  return { passed, observed: mine.text, expected: ref.text, events: mine.events };
}
