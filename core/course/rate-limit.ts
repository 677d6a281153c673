/**
 * Fixed-window rate limiting: time is cut into windows of `windowSeconds` starting at the epoch; each window has
 * its own counter (one storage item), so the limit holds across processes without any shared memory.
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
