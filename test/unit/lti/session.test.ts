import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../functions/auth/user.ts';
import { ltiSessions, withLtiSessions } from '../../../functions/lti/session.ts';
import { TOOL_ALG, loadToolKey, newPrivateJwk } from '../../../functions/lti/tool-key.ts';

const key = await loadToolKey({ kind: 'jwk', json: JSON.stringify(await newPrivateJwk()) });
let now = new Date('2026-03-02T10:00:00Z');
const clock = () => now;
const user: User = { id: 'lti-01ABC', name: 'Kim', roles: ['learner'] };

describe('LTI sessions (signed by the tool key, accepted beside the identity provider)', () => {
  it('verifies its own token until it expires', async () => {
    const sessions = ltiSessions(key, clock, 60);
    const token = await sessions.issue(user);
    expect(await sessions.verify(token)).toEqual(user);
    now = new Date(now.getTime() + 61_000);
    expect(await sessions.verify(token)).toBeUndefined();
  });

  it('refuses anything else the tool key signs (another typ or issuer), and a non-LTI user id', async () => {
    const sessions = ltiSessions(key, clock);
    const t = Math.floor(now.getTime() / 1000);
    const sign = (typ: string, iss: string, sub = user.id) =>
      new SignJWT({ roles: ['teacher'] })
        .setProtectedHeader({ alg: TOOL_ALG, typ })
        .setIssuer(iss)
        .setSubject(sub)
        .setAudience('virtlab-session')
        .setIssuedAt(t)
        .setExpirationTime(t + 60)
        .sign(key.privateKey);
    // A deep linking response has typ JWT and an issuer (the client id) a registering teacher chose.
    expect(await sessions.verify(await sign('JWT', 'virtlab-lti'))).toBeUndefined();
    expect(await sessions.verify(await sign('virtlab-lti-session+jwt', 'elsewhere'))).toBeUndefined();
    expect(await sessions.verify(await sign('virtlab-lti-session+jwt', 'virtlab-lti', 'teacher1'))).toBeUndefined();
    expect(await sessions.verify(await sign('virtlab-lti-session+jwt', 'virtlab-lti'))).toMatchObject({
      id: user.id,
      roles: ['teacher'],
    });
  });

  it('asks the deployment auth first and falls back to the LTI session', async () => {
    const sessions = ltiSessions(key, clock);
    const cognitoUser: User = { id: 'c1', name: 'C', roles: ['teacher'] };
    const auth = withLtiSessions({ verify: async (t) => (t === 'cognito-token' ? cognitoUser : undefined) }, sessions);
    expect(await auth.verify('cognito-token')).toEqual(cognitoUser);
    expect(await auth.verify(await sessions.issue(user))).toEqual(user);
    expect(await auth.verify('garbage')).toBeUndefined();
  });
});
