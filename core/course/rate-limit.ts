/** At most `limit` (≥ 1) requests per `windowSeconds`. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window rate limiting, for requests that store nothing (editor validation): time is cut into windows of
 * `windowSeconds` starting at the epoch; each window has its own counter (one storage item), so the limit holds
 * across processes without any shared memory.
 */
export interface RateWindow {
  /** ISO start of the window containing `now`; the counter's key. */
  windowStart: string;
  /** When the next window starts. */
  resetAt: Date;
  /** Whole seconds until the next window (at least 1), for Retry-After. */
  retryAfterSeconds: number;
}

export function rateWindow(now: Date, windowSeconds: number): RateWindow {
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  const resetAt = new Date(start + size);
  return {
    windowStart: new Date(start).toISOString(),
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/*
 * Sliding-window limiting over records that are stored anyway (a learner's submissions of one lab): nothing is
 * counted separately, the records themselves are the count. An event at time t is in the window at `now` while
 * t > now − window, so it frees its slot exactly `windowSeconds` after it happened.
 */

/** The earliest time (inclusive, millisecond precision) an event still counts at `now`: the query's lower bound. */
export function windowFloor(now: Date, windowSeconds: number): Date {
  return new Date(now.getTime() - windowSeconds * 1000 + 1);
}

export type SlidingDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * May one more event happen at `now`? `recent` holds the times of the newest events, newest first; the `limit`
 * newest are all it needs. When full, the next slot frees as the `limit`-th newest leaves the window.
 */
export function judgeSlidingWindow(now: Date, rule: RateRule, recent: readonly Date[]): SlidingDecision {
  const floor = windowFloor(now, rule.windowSeconds).getTime();
  const inWindow = recent.filter((t) => t.getTime() >= floor).sort((a, b) => b.getTime() - a.getTime());
  if (inWindow.length < rule.limit) return { allowed: true };
  const freesAt = inWindow[rule.limit - 1]!.getTime() + rule.windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)) };
}
