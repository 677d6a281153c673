import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { msg, pick, type Msg } from '../../core/i18n.ts';
import type { ConfigIssue } from '../../core/validation.ts';
import type { DomainCode, DomainError } from '../service/errors.ts';
import type { AppEnv } from './deps.ts';

/** One issue as the API returns it: the message in the caller's language. */
export interface IssueOut {
  path: string;
  message: string;
  line?: number;
}

/** The one error shape of the API: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details: IssueOut[] };
}

/** Thrown by handlers and middleware; the app's error handler turns it (and a DomainError) into the JSON shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Msg,
    readonly details: ConfigIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
  }
}

export const issuesIn = (issues: ConfigIssue[], lang: 'ko' | 'en'): IssueOut[] =>
  issues.map((i) => ({
    path: i.path,
    message: pick(i.message, lang),
    ...(i.line !== undefined ? { line: i.line } : {}),
  }));

export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const lang = c.get('lang') ?? 'ko';
  const body: ErrorBody = {
    error: { code: err.code, message: pick(err.text, lang), details: issuesIn(err.details, lang) },
  };
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(body, err.status);
}

export const errors = {
  unauthenticated: () =>
    new ApiError(
      401,
      'unauthenticated',
      msg(
        '로그인이 필요합니다. 토큰이 없거나 만료되었습니다.',
        'Sign-in required: the token is missing, invalid or expired.',
      ),
    ),
  notFound: (what: Msg) => new ApiError(404, 'not_found', what),
  invalid: (details: ConfigIssue[], text = msg('요청이 올바르지 않습니다.', 'The request is invalid.')) =>
    new ApiError(400, 'invalid_request', text, details),
  tooLarge: (max: number) =>
    new ApiError(
      413,
      'payload_too_large',
      msg(`요청 본문이 너무 큽니다 (최대 ${max} 바이트).`, `The request body is too large (at most ${max} bytes).`),
    ),
  unsupportedType: (allowed: string[]) =>
    new ApiError(
      415,
      'unsupported_media_type',
      msg(
        `지원하지 않는 Content-Type입니다. 다음 중 하나를 쓰세요: ${allowed.join(', ')}`,
        `Unsupported Content-Type. Use one of: ${allowed.join(', ')}`,
      ),
    ),
  internal: () =>
    new ApiError(
      500,
      'internal',
      msg(
        '서버 내부 오류가 발생했습니다. 잠시 후 다시 시도하세요.',
        'Internal server error. Please try again shortly.',
      ),
    ),
};

/** The one place a use case's refusal becomes an HTTP status. */
const STATUS_OF = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  rate_limited: 429,
  unavailable: 502,
} as const satisfies Record<DomainCode, ContentfulStatusCode>;

/** A DomainError as the API answers it: its status, its reason as the code, Retry-After when it says when. */
export function fromDomainError(err: DomainError): ApiError {
  const headers: Record<string, string> =
    err.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(err.retryAfterSeconds) };
  return new ApiError(STATUS_OF[err.code], err.reason, err.text, err.issues, headers);
}
