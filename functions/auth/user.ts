/** Who is calling, as every route sees it, whatever issued the token (Cognito on AWS, the local issuer locally). */
export const ROLES = ['learner', 'teacher'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  name: string;
  roles: Role[];
}

export const isTeacher = (u: User): boolean => u.roles.includes('teacher');

/** Verifies bearer tokens (and the session cookie, which holds the same token). */
export interface AuthPort {
  /** The user a token belongs to, or undefined when it is missing, expired, forged or for another audience. */
  verify(token: string): Promise<User | undefined>;
  /**
   * A new ID token for a session's refresh token (Cognito's token endpoint), undefined when the refresh token is
   * no longer good; absent where sessions are not refreshed (local mode). The caller verifies the new token.
   */
  refresh?(refreshToken: string): Promise<{ idToken: string; expiresInSeconds: number } | undefined>;
  /** Local mode only: a token for a demo user, undefined for an unknown name. */
  issueLocalToken?(username: string): Promise<string | undefined>;
}
