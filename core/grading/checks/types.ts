/** What every check kind receives and returns. */
import type { Msg } from '../../i18n.ts';
import type { SimResult } from '../../sim/target.ts';
import type { TraceEvent } from '../../sim/trace.ts';

export interface CheckContext {
  /** The learner's run (possibly rejected by the simulator: `ok: false`). */
  run: SimResult;
  /** The reference solution's run on the same variant (computed once, on first use). */
  reference(): SimResult;
  /** The learner's submission with `patch` applied, run again (for probing checks); its errors carry no line. */
  probe(patch: Record<string, unknown>): SimResult;
  /** The data the learner's run (or a probe with `patch`) simulated, for naming the elements an error points at. */
  dataOf(patch?: Record<string, unknown>): unknown;
  /** The lab's starter as data, with the workload in place (debug labs measure the fix against it). */
  starterData(): unknown;
  /** Predict labs: the learner's `answers`. */
  answers?: Record<string, unknown>;
}

export interface CheckOutcome {
  passed: boolean;
  /** Objective checks: the share of the points earned, 0–1 (others earn all or nothing). */
  fraction?: number;
  observed: Msg | string;
  expected: Msg | string;
  /** The events the check looked at: shown and highlighted when it fails. */
  events: TraceEvent[];
}
