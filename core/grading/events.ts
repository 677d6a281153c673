/** Matching trace events against a lab's filters, shared by the path, count and reference checks. */
import { msg, type Msg } from '../i18n.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { EventFilter, OperationSelect } from '../labs/lab-schema.ts';

type Matcher = NonNullable<EventFilter['op']>;

function matchOne(actual: string | number | undefined, want: string | number): boolean {
  if (actual === undefined) return false;
  if (typeof want === 'string' && want.endsWith('*')) return String(actual).startsWith(want.slice(0, -1));
  return String(actual) === String(want);
}

function matchAny(actual: Array<string | number | undefined>, want: Matcher): boolean {
  const wants = Array.isArray(want) ? want : [want];
  return wants.some((w) => actual.some((a) => matchOne(a, w)));
}

export function matches(e: TraceEvent, f: EventFilter): boolean {
  if (f.lane !== undefined && !matchAny([e.lane], f.lane)) return false;
  if (f.actor !== undefined && !matchAny([e.actor], f.actor)) return false;
  if (f.kind !== undefined && !matchAny([e.kind], f.kind)) return false;
  if (f.op !== undefined && !matchAny([e.op], f.op)) return false;
  if (f.subject !== undefined && !matchAny([e.subject], f.subject)) return false;
  if (f.hypercall !== undefined && !matchAny([e.hypercall?.name, e.hypercall?.number], f.hypercall)) return false;
  if (f.outcome !== undefined && !matchAny([e.outcome ?? 'ok'], f.outcome)) return false;
  return true;
}

/**
 * The events of one operation. The selection finds the steps (workload operation index; setup is step -1) that
 * have a matching event; the `nth` of them is the operation, and its route is every event of that step with the
 * selection's subject, whatever their op (a RAID `replace` reads the survivors with `disk.read` events).
 */
export function selectOperation(events: readonly TraceEvent[], select: OperationSelect): TraceEvent[] {
  const { nth, ...filter } = select;
  const steps = [...new Set(events.filter((e) => matches(e, filter)).map((e) => e.step))];
  const step = steps[nth - 1];
  if (step === undefined) return [];
  return events.filter(
    (e) => e.step === step && (filter.subject === undefined || matches(e, { subject: filter.subject })),
  );
}

/** Lanes or actors in order, consecutive repeats collapsed (one hop per actor change). */
export function route(events: readonly TraceEvent[], by: 'lane' | 'actor'): string[] {
  const out: string[] = [];
  for (const e of events) {
    const hop = by === 'lane' ? e.lane : e.actor;
    if (out[out.length - 1] !== hop) out.push(hop);
  }
  return out;
}

export const showRoute = (hops: readonly string[]): string => hops.join(' → ');

/** "web disk.write #1" in the learner's words. */
export function describeSelect(select: OperationSelect): Msg {
  const what = [select.subject, select.op]
    .filter((x) => x !== undefined)
    .map(String)
    .join(' ');
  return msg(`${what} (${select.nth}번째)`, `${what} (#${select.nth})`);
}

export function describeFilter(f: EventFilter): string {
  return Object.entries(f)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
    .join(', ');
}
