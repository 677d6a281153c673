import type { RateRule } from '../core/course/rate-limit.ts';

/** At most `limit` requests per `windowSeconds`: a fixed window with a counter item (core/course/rate-limit.ts). */
export type RateLimit = RateRule;

/** What the services read: the request limits. */
export interface ServiceConfig {
  rateLimits: {
    /** Submissions of one lab by one learner (default 5 per minute). */
    submit: RateLimit;
    /**
     * Configuration checks by one user: editor validations and submission attempts (refused ones too), counted
     * before the text is read (mild; the editor validates as the learner types).
     */
    validate: RateLimit;
    /** Attempts to join a course by code, by one user. */
    join: RateLimit;
  };
}

/** The settings of one deployment (the API Lambda, the grader, the local server), read once from the environment. */
export interface AppConfig extends ServiceConfig {
  mode: 'aws' | 'local';
  /** The hosted UI, for the pages' login link on AWS: `domain` is its base URL (COGNITO_DOMAIN). Absent locally. */
  cognito?: { domain: string; clientId: string; userPoolId: string };
  /** How long a grader holds a claim before another may take the submission over. */
  gradingLeaseSeconds: number;
  /**
   * The public origin (`https://<SITE_HOST>`) when the app sits behind a proxy that sends it another Host — CloudFront
   * in front of the HTTP API: the sign-in callback and logout URLs are built on it, and it is the one origin the
   * form check accepts. Absent, both follow the request (local mode, tests).
   */
  siteOrigin?: string;
}

export const DEFAULT_CONFIG: AppConfig = {
  mode: 'local',
  rateLimits: {
    submit: { limit: 5, windowSeconds: 60 },
    validate: { limit: 120, windowSeconds: 60 },
    join: { limit: 10, windowSeconds: 600 },
  },
  gradingLeaseSeconds: 60,
};

const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

const isUrl = (value: string | undefined): value is string => !!value && URL.canParse(value);

/** `SITE_HOST` as a host (`d111.cloudfront.net`, `course.example.org:8443`) or an origin; anything else is ignored. */
export function siteOriginOf(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  if (url.pathname !== '/' || url.search || url.hash || url.username || !url.hostname) return undefined;
  return url.origin;
}

/**
 * The app's settings from the environment, with the defaults of the brief: 5 submissions per lab per minute,
 * a mild limit on editor validation, a 60-second grading lease.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = env.APP_MODE === 'aws' ? 'aws' : 'local';
  return {
    mode,
    rateLimits: {
      submit: { limit: int(env.SUBMIT_LIMIT, 5), windowSeconds: int(env.SUBMIT_WINDOW_SECONDS, 60) },
      validate: { limit: int(env.VALIDATE_LIMIT, 120), windowSeconds: int(env.VALIDATE_WINDOW_SECONDS, 60) },
      join: { limit: int(env.JOIN_LIMIT, 10), windowSeconds: int(env.JOIN_WINDOW_SECONDS, 600) },
    },
    gradingLeaseSeconds: int(env.GRADING_LEASE_SECONDS, 60),
    ...(siteOriginOf(env.SITE_HOST) ? { siteOrigin: siteOriginOf(env.SITE_HOST) } : {}),
    // The hosted UI needs all three; without them the pages offer no sign-in rather than a broken link.
    ...(mode === 'aws' && env.USER_POOL_ID && env.USER_POOL_CLIENT_ID && isUrl(env.COGNITO_DOMAIN)
      ? { cognito: { userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID, domain: env.COGNITO_DOMAIN } }
      : {}),
  };
}
