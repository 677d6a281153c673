import type { Glossary, Lesson } from '../../core/content/course.ts';
import type { Misconception } from '../../core/labs/misconceptions.ts';
import type { RateRule } from '../../core/course/rate-limit.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import type { AuthPort, User } from '../auth/user.ts';
import type { Queue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

export type { User, Role } from '../auth/user.ts';

/** The course content, loaded once per process from CONTENT_DIR. */
export interface CourseContent {
  lessons: readonly Lesson[];
  labs: readonly Lab[];
  glossary: Glossary;
  /** content/misconceptions.yaml: what a failed attempt's misconception means and which lesson corrects it. */
  misconceptions?: readonly Misconception[];
}

/** At most `limit` requests per `windowSeconds` (submissions: sliding window; validation: fixed window). */
export type RateLimit = RateRule;

export interface AppConfig {
  mode: 'aws' | 'local';
  rateLimits: {
    /** Submissions of one lab by one learner (default 5 per minute). */
    submit: RateLimit;
    /** Editor validation requests by one user (mild; the editor validates as the learner types). */
    validate: RateLimit;
  };
  /** The hosted UI, for the pages' login link on AWS: `domain` is its base URL (COGNITO_DOMAIN). Absent locally. */
  cognito?: { domain: string; clientId: string; userPoolId: string };
  /** How long a grader holds a claim before another may take the submission over. */
  gradingLeaseSeconds: number;
}

/** Everything the HTTP app and the grader need from the outside world. Built by local/server.ts or lambda/*.ts. */
export interface AppDeps {
  store: Store;
  queue: Queue;
  course: CourseContent;
  auth: AuthPort;
  clock: () => Date;
  /** A new unique, time-ordered id (ULID). */
  ids: () => string;
  config: AppConfig;
}

export const DEFAULT_CONFIG: AppConfig = {
  mode: 'local',
  rateLimits: { submit: { limit: 5, windowSeconds: 60 }, validate: { limit: 120, windowSeconds: 60 } },
  gradingLeaseSeconds: 60,
};

/** Hono context variables set by the middleware: `c.get('user')`, `c.get('lang')`. */
export interface AppEnv {
  Variables: {
    user: User | undefined;
    lang: 'ko' | 'en';
    /** The checked request body text, set by `guardBody` on routes that take one. */
    bodyText: string;
  };
}
