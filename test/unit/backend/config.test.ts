import { describe, it, expect } from 'vitest';
import { configFromEnv } from '../../../functions/config.ts';

describe('configFromEnv', () => {
  it('defaults to local mode and 5 submissions per lab per minute', () => {
    const c = configFromEnv({});
    expect(c.mode).toBe('local');
    expect(c.rateLimits.submit).toEqual({ limit: 5, windowSeconds: 60 });
    expect(c.cognito).toBeUndefined();
  });

  it('reads limits and ignores nonsense values', () => {
    const c = configFromEnv({ SUBMIT_LIMIT: '9', SUBMIT_WINDOW_SECONDS: '-3', GRADING_LEASE_SECONDS: 'soon' });
    expect(c.rateLimits.submit).toEqual({ limit: 9, windowSeconds: 60 });
    expect(c.gradingLeaseSeconds).toBe(60);
  });

  it('configures the hosted UI on AWS only with a pool, a client and a URL', () => {
    const base = { APP_MODE: 'aws', USER_POOL_ID: 'eu-west-1_X', USER_POOL_CLIENT_ID: 'client' };
    expect(configFromEnv(base).cognito).toBeUndefined();
    expect(configFromEnv({ ...base, COGNITO_DOMAIN: 'not a url' }).cognito).toBeUndefined();
    expect(configFromEnv({ ...base, COGNITO_DOMAIN: 'https://x.auth.eu-west-1.amazoncognito.com' }).cognito).toEqual({
      userPoolId: 'eu-west-1_X',
      clientId: 'client',
      domain: 'https://x.auth.eu-west-1.amazoncognito.com',
    });
    expect(configFromEnv({ ...base, APP_MODE: 'local', COGNITO_DOMAIN: 'https://x.example' }).cognito).toBeUndefined();
  });

  it('takes the public origin from SITE_HOST, a host or an origin, and ignores anything else', () => {
    expect(configFromEnv({ SITE_HOST: 'd111.cloudfront.net' }).siteOrigin).toBe('https://d111.cloudfront.net');
    expect(configFromEnv({ SITE_HOST: 'https://course.example.org/' }).siteOrigin).toBe('https://course.example.org');
    expect(configFromEnv({ SITE_HOST: 'http://localhost:3000' }).siteOrigin).toBe('http://localhost:3000');
    for (const bad of ['', '  ', 'https://x.example/path', 'not a host', 'https://u@x.example'])
      expect(configFromEnv({ SITE_HOST: bad }).siteOrigin, bad).toBeUndefined();
    expect(configFromEnv({}).siteOrigin).toBeUndefined();
  });
});
