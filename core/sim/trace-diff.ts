import { detailIn, type TraceEvent } from './trace.ts';

/**
 * Compare two traces (the learner's attempt against the previous one, or a PV guest against an HVM one). Events
 * are aligned step by step (the workload operation they belong to), and within a step by a longest common
 * subsequence on who handled the event and what it was (`lane`, `actor`, `kind`, `op`, hypercall name). Aligned
 * events whose details, cycles, outcome or hypercall number differ are `changed`; the others are `inserted` (only
 * in `after`) or `removed` (only in `before`). Pure and bounded: at most `maxEvents` events of each trace are
 * compared and a step whose table would pass `maxCells` is aligned position by position instead.
 */

export type TraceDiffKind = 'same' | 'changed' | 'inserted' | 'removed';

/** A field of an aligned pair that differs. */
export type TraceDiffField = 'detail' | 'cycles' | 'outcome' | 'hypercall' | 'subject' | 'note';

export interface TraceDiffEntry {
  kind: TraceDiffKind;
  /** The workload step both events belong to (-1: setup). */
  step: number;
  before?: TraceEvent;
  after?: TraceEvent;
  /** For `changed`: which fields differ. */
  changes?: TraceDiffField[];
}

export interface TraceDiff {
  entries: TraceDiffEntry[];
  counts: Record<TraceDiffKind, number>;
  cycles: { before: number; after: number };
  /** No event inserted, removed or changed. */
  identical: boolean;
  /** Some events were left out of the comparison (over `maxEvents`). */
  truncated: boolean;
}

export interface TraceDiffLimits {
  /** Events compared from each trace. */
  maxEvents: number;
  /** Largest alignment table (events before × events after) for one step. */
  maxCells: number;
}

export const TRACE_DIFF_LIMITS: TraceDiffLimits = { maxEvents: 2000, maxCells: 250_000 };

/** What aligns two events: the same actor doing the same kind of thing for the same operation. */
const keyOf = (e: TraceEvent): string => `${e.lane}|${e.actor}|${e.kind}|${e.op}|${e.hypercall?.name ?? ''}`;

function changedFields(a: TraceEvent, b: TraceEvent): TraceDiffField[] {
  const out: TraceDiffField[] = [];
  if (detailIn(a.detail, 'en') !== detailIn(b.detail, 'en')) out.push('detail');
  if (a.cycles !== b.cycles) out.push('cycles');
  if ((a.outcome ?? 'ok') !== (b.outcome ?? 'ok')) out.push('outcome');
  if (a.hypercall?.number !== b.hypercall?.number) out.push('hypercall');
  if (a.subject !== b.subject) out.push('subject');
  if (a.note?.en !== b.note?.en) out.push('note');
  return out;
}

function pair(step: number, a: TraceEvent, b: TraceEvent): TraceDiffEntry {
  const changes = changedFields(a, b);
  return changes.length
    ? { kind: 'changed', step, before: a, after: b, changes }
    : { kind: 'same', step, before: a, after: b };
}

/** Align one step's events: LCS on the keys, or position by position when the table would be too large. */
function alignStep(step: number, xs: TraceEvent[], ys: TraceEvent[], maxCells: number): TraceDiffEntry[] {
  const n = xs.length;
  const m = ys.length;
  const out: TraceDiffEntry[] = [];
  if (n * m > maxCells) {
    for (let i = 0; i < Math.max(n, m); i++) {
      const a = xs[i];
      const b = ys[i];
      if (a && b && keyOf(a) === keyOf(b)) out.push(pair(step, a, b));
      else {
        if (a) out.push({ kind: 'removed', step, before: a });
        if (b) out.push({ kind: 'inserted', step, after: b });
      }
    }
    return out;
  }
  const kx = xs.map(keyOf);
  const ky = ys.map(keyOf);
  // lcs[i][j]: length of the LCS of xs[i..] and ys[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        kx[i] === ky[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && kx[i] === ky[j]) {
      out.push(pair(step, xs[i], ys[j]));
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      out.push({ kind: 'inserted', step, after: ys[j] });
      j++;
    } else {
      out.push({ kind: 'removed', step, before: xs[i] });
      i++;
    }
  }
  return out;
}

function byStep(events: readonly TraceEvent[]): Map<number, TraceEvent[]> {
  const out = new Map<number, TraceEvent[]>();
  for (const e of events) {
    const list = out.get(e.step);
    if (list) list.push(e);
    else out.set(e.step, [e]);
  }
  return out;
}

export function diffTraces(
  before: readonly TraceEvent[],
  after: readonly TraceEvent[],
  limits: TraceDiffLimits = TRACE_DIFF_LIMITS,
): TraceDiff {
  const a = before.slice(0, limits.maxEvents);
  const b = after.slice(0, limits.maxEvents);
  const sa = byStep(a);
  const sb = byStep(b);
  const steps = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => x - y);
  const entries: TraceDiffEntry[] = [];
  for (const step of steps) entries.push(...alignStep(step, sa.get(step) ?? [], sb.get(step) ?? [], limits.maxCells));
  const counts: Record<TraceDiffKind, number> = { same: 0, changed: 0, inserted: 0, removed: 0 };
  for (const e of entries) counts[e.kind]++;
  const sum = (es: readonly TraceEvent[]) => es.reduce((t, e) => t + e.cycles, 0);
  return {
    entries,
    counts,
    cycles: { before: sum(a), after: sum(b) },
    identical: counts.changed + counts.inserted + counts.removed === 0,
    truncated: a.length < before.length || b.length < after.length,
  };
}
