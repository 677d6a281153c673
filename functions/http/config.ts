import type { AppConfig } from './deps.ts';

const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

const isUrl = (value: string | undefined): value is string => !!value && URL.canParse(value);

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
    // The hosted UI needs all three; without them the pages offer no sign-in rather than a broken link.
    ...(mode === 'aws' && env.USER_POOL_ID && env.USER_POOL_CLIENT_ID && isUrl(env.COGNITO_DOMAIN)
      ? { cognito: { userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID, domain: env.COGNITO_DOMAIN } }
      : {}),
  };
}
