/**
 * The grade of one submission. Plain JSON (it is stored as is), bounded in size (see EXCERPT_LIMITS), identical
 * for the same lab, text and learner.
 */
import type { Msg } from '../i18n.ts';
import type { ConfigIssue } from '../validation.ts';
import type { Lane, TraceEvent } from '../sim/trace.ts';
import type { CheckKind } from '../labs/lab-schema.ts';
import type { Params } from '../labs/variant.ts';
import type { MisconceptionMatch } from '../labs/misconceptions.ts';
import type { RevealDecision } from './reveal.ts';

export interface CheckResult {
  id: string;
  kind: CheckKind;
  title: Msg;
  points: number;
  earned: number;
  passed: boolean;
  /** What the run showed ("guest → hypervisor → hardware", "0 matching events"). */
  observed: Msg | string;
  /** What the check wanted, exactly; absent before the reveal point (see reveal.ts). */
  expected?: Msg | string;
  /** The lab's pass or fail feedback. */
  feedback: Msg;
  /** The lab's hints, in order; empty when the check passed. */
  hints: Msg[];
  /** What would have made it pass, where the simulator can tell (from the trace); absent before the reveal point. */
  fix?: Msg;
  /** Sequence numbers of the trace events this check looked at (bounded), for highlighting. */
  events: number[];
}

export interface TraceSummary {
  events: number;
  cycles: number;
  work: number;
  lanes: Partial<Record<Lane, number>>;
  hypercalls: Record<string, number>;
  outcomes: Record<string, number>;
}

export interface GradeResult {
  /** False when the text does not parse or does not fit the target's schema: no attempt is spent. */
  gradable: boolean;
  score: number;
  maxScore: number;
  checks: CheckResult[];
  /** Syntax, schema or design errors, with the line they point at. */
  errors: ConfigIssue[];
  /** The events relevant to failed checks, else the first few; bounded. The full trace: `simulateForLab`. */
  traceExcerpt: TraceEvent[];
  trace: TraceSummary;
  /** The parts of the final state worth drawing (the lab's `picture` paths, or the whole state), bounded. */
  stateExcerpt: unknown;
  /** True when the simulator accepted the design and the run finished. */
  simOk: boolean;
  graderVersion: string;
  labId: string;
  labVersion: number;
  params: Params;
  /** The misconception the failed checks point at (closest wrong fixture); absent on a pass or before the reveal point. */
  misconception?: MisconceptionMatch;
  /** Set on a grade prepared for a reader: what the reveal policy let them see. */
  reveal?: RevealDecision;
}

/** Size bounds that keep one stored grade well under 300 KB. */
export const EXCERPT_LIMITS = {
  traceEvents: 80,
  eventsPerCheck: 40,
  stateBytes: 32 * 1024,
} as const;
