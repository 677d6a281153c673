/**
 * AGS §3.4 (score publish service): the score virtlab posts to a line item, and the outbox's retry schedule.
 * Pure: the timestamp and the attempt count come in.
 */
export interface AgsScore {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  /** AGS §3.4.6 */
  activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  /** AGS §3.4.7 */
  gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
  /** AGS §3.4.5: ISO 8601 with sub-second precision; a platform ignores a score older than the last one it kept. */
  timestamp: string;
  comment?: string;
}

/** A graded (or overridden) submission's score, as AGS §3.4 wants it. Scores are clamped into [0, max]. */
export function scoreFor(input: {
  ltiUserId: string;
  score: number;
  maxScore: number;
  at: Date;
  comment?: string;
}): AgsScore {
  const max = input.maxScore > 0 ? input.maxScore : 100;
  return {
    userId: input.ltiUserId,
    scoreGiven: Math.min(max, Math.max(0, input.score)),
    scoreMaximum: max,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp: input.at.toISOString(),
    ...(input.comment ? { comment: input.comment.slice(0, 1000) } : {}),
  };
}

export interface RetryPolicy {
  /** Attempts before the record goes to the dead letter. */
  maxAttempts: number;
  baseSeconds: number;
  capSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseSeconds: 30, capSeconds: 3600 };

/**
 * After `attempts` failed tries: when to try next (exponential backoff, capped, with the caller's jitter in [0,1]: half to all of the delay),
 * or `dead` when the attempts are spent.
 */
export function nextAttempt(
  attempts: number,
  now: Date,
  jitter: number,
  policy: RetryPolicy = DEFAULT_RETRY,
): { dead: true } | { dead: false; at: Date } {
  if (attempts >= policy.maxAttempts) return { dead: true };
  const delay = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  const j = Math.min(Math.max(jitter, 0), 1);
  return { dead: false, at: new Date(now.getTime() + Math.round(delay * (0.5 + j / 2) * 1000)) };
}
