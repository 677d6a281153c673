/** At most `limit` (≥ 1) requests per `windowSeconds`. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window rate limiting: time is cut into windows of `windowSeconds` starting at the epoch; each window has
 * its own counter (one storage item, raised by a conditional write that refuses once it holds `limit`), so at most
 * `limit` requests are accepted per window, across processes and whatever the concurrency.
 */
export interface RateWindow {
  /** ISO start of the window containing `now`; the counter's key. */
  windowStart: string;
  /** When the next window starts. */
  resetAt: Date;
  /** Whole seconds until the next window, for Retry-After: from 1 to `windowSeconds`, never more. */
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
