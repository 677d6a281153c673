/** What every browser script shares: the page's language and UI strings, and JSON calls to the API. */

export type Lang = 'ko' | 'en';
export type Strings = Record<string, string>;

/** The strings the server put in `<script type="application/json" id="ui-strings">` (all UI text stays in i18n.ts). */
export function uiStrings(): Strings {
  const el = document.getElementById('ui-strings');
  return el?.textContent ? (JSON.parse(el.textContent) as Strings) : {};
}

export const pageLang = (): Lang => (document.documentElement.lang === 'en' ? 'en' : 'ko');

/** A message the API sent either already in the caller's language or in both. */
export type ApiText = string | { ko: string; en: string };
export const textIn = (m: ApiText | undefined, lang: Lang): string =>
  m === undefined ? '' : typeof m === 'string' ? m : m[lang];

export interface ApiIssue {
  path: string;
  message: ApiText;
  line?: number;
}

export interface ApiErrorBody {
  error?: { code?: string; message?: ApiText; details?: ApiIssue[] };
}

export interface ApiResponse<T> {
  status: number;
  ok: boolean;
  body: T & ApiErrorBody;
  /** What Retry-After asked for (a 429 or 503), in milliseconds. */
  retryAfterMs?: number;
  /** The Location header (a started job's progress), when there is one. */
  location?: string;
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; at most a minute, nonsense ignored. */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) - now : NaN;
  return Number.isFinite(ms) ? Math.min(60_000, Math.max(0, ms)) : undefined;
}

/** Call the API with the session cookie and the page's language; the body is parsed whatever the status. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const url = new URL(path, location.origin);
  url.searchParams.set('lang', pageLang());
  const res = await fetch(url, {
    credentials: 'same-origin',
    ...init,
    headers: {
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  const wait = retryAfterMs(res.headers.get('retry-after'));
  const jobLocation = res.headers.get('location');
  return {
    status: res.status,
    ok: res.ok,
    body: body as T & ApiErrorBody,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(jobLocation ? { location: jobLocation } : {}),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * How long to wait before asking again for a result, after `asked` answers that were not final: soon at first
 * (grading takes milliseconds locally, a fraction of a second on AWS), then backing off to once a second (or
 * `maxMs`, for a job of minutes), so a long queue costs few requests. A Retry-After from the server (a throttled 429)
 * is a floor: never sooner than it.
 * The answers themselves are cheap: the status carries an ETag, and the browser revalidates it (304, no body).
 */
export const pollDelayMs = (asked: number, retryAfter?: number, maxMs = 1_000): number =>
  Math.max(retryAfter ?? 0, Math.min(maxMs, 50 * 2 ** asked));
