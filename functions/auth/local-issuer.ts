import { SignJWT, jwtVerify, generateKeyPair, type CryptoKey } from 'jose';
import { ROLES, type AuthPort, type Role, type User } from './user.ts';

/** The demo accounts of local mode. Anyone on the machine can log in as them: local mode is for one person. */
export const DEMO_USERS: readonly User[] = [
  { id: 'learner1', name: 'Learner One (학습자 1)', roles: ['learner'] },
  { id: 'learner2', name: 'Learner Two (학습자 2)', roles: ['learner'] },
  { id: 'teacher1', name: 'Teacher One (교사 1)', roles: ['teacher'] },
];

const ISSUER = 'virtlab-local';
const AUDIENCE = 'virtlab';
const ALG = 'ES256';

export interface LocalIssuer extends AuthPort {
  issueLocalToken(username: string): Promise<string | undefined>;
  /** Add a user who may then sign in (a learner created by a roster import); an existing id is left as it is. */
  register(user: User): void;
}

/**
 * Signs and verifies ES256 tokens with a key pair made at startup, so a token from one run of the server is not
 * accepted by the next, and no secret is ever stored.
 */
export async function createLocalIssuer(
  options: { users?: readonly User[]; ttlSeconds?: number } = {},
): Promise<LocalIssuer> {
  const users = new Map((options.users ?? DEMO_USERS).map((u) => [u.id, u]));
  const ttl = options.ttlSeconds ?? 12 * 3600;
  const { privateKey, publicKey } = await generateKeyPair(ALG);
  return {
    register(user) {
      if (!users.has(user.id)) users.set(user.id, user);
    },
    async issueLocalToken(username) {
      const user = users.get(username);
      if (!user) return undefined;
      return sign(privateKey, user, ttl);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALG],
        });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r)) : [];
        if (typeof payload.sub !== 'string' || roles.length === 0) return undefined;
        return { id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles };
      } catch {
        return undefined;
      }
    },
  };
}

function sign(key: CryptoKey, user: User, ttlSeconds: number): Promise<string> {
  return new SignJWT({ name: user.name, roles: user.roles })
    .setProtectedHeader({ alg: ALG })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}
