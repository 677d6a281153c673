import type { z } from 'zod';
import type { ConfigIssue } from '../validation.ts';
import type { SimLimits } from './limits.ts';
import type { Trace, TraceEvent } from './trace.ts';

/** The five virtualization targets of the course; they stay the first five of TARGETS. */
export const COURSE_TARGETS = ['server', 'storage', 'network', 'desktop', 'application'] as const;

/** Every simulated target. A configuration names one with `target` (default `server`). */
export const TARGETS = [...COURSE_TARGETS, 'memory', 'scheduler', 'migration', 'snapshot'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface RunContext {
  /** Seed for anything the simulation must draw (ties, hashes); the same seed gives the same run. */
  seed: number;
  limits: SimLimits;
}

/**
 * One simulator per target, exported by `core/sim/<target>/index.ts`. `simulate` validates with `schema`, then
 * `check` for rules that span fields, then `run` with a fresh Trace. `run` returns the final state, which must be
 * plain JSON data (records keyed by name, so a grader can address `guests.win11.status`).
 *
 * `check` and `run` are methods, so their parameters are bivariant: every simulator is also a
 * `TargetSimulator<unknown, unknown>`, which is how the registry holds them side by side and `simulate` calls them
 * with what `schema` returned.
 */
export interface TargetSimulator<C, S> {
  target: TargetName;
  schema: z.ZodType<C>;
  check(config: C, limits: SimLimits): ConfigIssue[];
  run(config: C, trace: Trace, ctx: RunContext): S;
  /**
   * Work units one trace event costs in this target (default 1): calibrated so that `maxWork` bounds the run's time
   * (limits.ts), since an event stands for the step around it, whose CPU differs from target to target.
   */
  eventWork?: number;
}

/** Any target's simulator, as the registry and `simulate` see it. */
export type AnySimulator = TargetSimulator<unknown, unknown>;

export interface SimStats {
  events: number;
  cycles: number;
  work: number;
}

/** What every run returns, whatever the target: valid or not, never an exception. */
export interface SimResult<S = unknown> {
  /** True when the configuration was valid and the run finished within the limits. */
  ok: boolean;
  target: TargetName;
  errors: ConfigIssue[];
  events: TraceEvent[];
  state: S | null;
  stats: SimStats;
}
