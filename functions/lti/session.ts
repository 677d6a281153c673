import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type AuthPort, type Role, type User } from '../auth/user.ts';
import { TOOL_ALG, type ToolKey } from './tool-key.ts';

/**
 * Sessions for users launched from an LMS where the identity provider cannot mint one (Cognito knows no `lti-…`
 * user): a short token signed by the tool key. Its own `typ` and issuer keep it apart from everything else the tool
 * key signs (client assertions, deep linking responses and tickets, whose claims a registering teacher partly picks).
 */
const TYP = 'virtlab-lti-session+jwt';
const ISSUER = 'virtlab-lti';
const AUDIENCE = 'virtlab-session';

export function ltiSessions(key: ToolKey, clock: () => Date, ttlSeconds = 8 * 3600) {
  const now = () => Math.floor(clock().getTime() / 1000);
  return {
    issue(user: User): Promise<string> {
      return new SignJWT({ name: user.name, roles: user.roles })
        .setProtectedHeader({ alg: TOOL_ALG, kid: key.kid, typ: TYP })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now())
        .setExpirationTime(now() + ttlSeconds)
        .sign(key.privateKey);
    },
    async verify(token: string): Promise<User | undefined> {
      try {
        const { payload } = await jwtVerify(token, key.publicKey, {
          algorithms: [TOOL_ALG],
          typ: TYP,
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: clock(),
        });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r)) : [];
        if (typeof payload.sub !== 'string' || !payload.sub.startsWith('lti-') || roles.length === 0) return undefined;
        return { id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles };
      } catch {
        return undefined;
      }
    },
  };
}

/** The deployment's auth, with LTI sessions accepted beside it (tried only when the first does not know the token). */
export function withLtiSessions(auth: AuthPort, sessions: ReturnType<typeof ltiSessions>): AuthPort {
  return {
    ...auth,
    verify: async (token) => (await auth.verify(token)) ?? sessions.verify(token),
  };
}
