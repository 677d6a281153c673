import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id of the work in progress — the API request's id, then, in the grader, the submission's id — kept
 * in an AsyncLocalStorage so that every log line written while handling it carries it, even when a batch grades
 * several submissions at once (a logger-wide key would leak from one record to another).
 */
const current = new AsyncLocalStorage<string>();

/** Run `fn` (and everything it awaits) with `id` as the correlation id. */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return current.run(id, fn);
}

/** The correlation id of the calling context, if any. */
export function correlationId(): string | undefined {
  return current.getStore();
}
