import { msg, type Msg } from '../../core/i18n.ts';
import type { ConfigIssue } from '../../core/validation.ts';

/** Why a use case refused, in its own terms; the HTTP layer maps each to a status (http/errors.ts). */
/** `unavailable`: a service the use case depends on outside virtlab (an LMS) did not answer as it should. */
export type DomainCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'rate_limited' | 'unavailable';

export interface DomainErrorDetail {
  /** A narrower code for clients (e.g. `deadline_passed`); the domain code when absent. */
  reason?: string;
  /** Field problems, each with its path (and line, for a configuration). */
  issues?: ConfigIssue[];
  /** For `rate_limited`: when the caller may try again. */
  retryAfterSeconds?: number;
}

/** A refusal by a use case, with a bilingual message for the person who asked. */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly reason: string;
  readonly issues: ConfigIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: DomainCode,
    readonly text: Msg,
    detail: DomainErrorDetail = {},
  ) {
    super(text.en);
    this.reason = detail.reason ?? code;
    this.issues = detail.issues ?? [];
    this.retryAfterSeconds = detail.retryAfterSeconds;
  }
}

export const notFound = (what: Msg) => new DomainError('not_found', what);
export const forbidden = (why: Msg, reason?: string) => new DomainError('forbidden', why, { reason });
export const conflict = (reason: string, why: Msg) => new DomainError('conflict', why, { reason });
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError(
    'rate_limited',
    msg(
      `요청이 너무 많습니다. ${retryAfterSeconds}초 뒤에 다시 시도하세요.`,
      `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
    ),
    { retryAfterSeconds },
  );
