import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { cognitoTokenEndpoint } from './cognito-tokens.ts';
import type { AuthPort, Role, User } from './user.ts';

/** Cognito group name → role. Users in no known group are learners. */
const GROUP_ROLES: Record<string, Role> = {
  teachers: 'teacher',
  teacher: 'teacher',
  learners: 'learner',
  learner: 'learner',
};

/**
 * `cognito:groups` arrives as a JSON array in tokens, but API Gateway authorizer contexts flatten it to the string
 * `"[learners teachers]"`; accept both.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function rolesOf(groupsClaim: unknown): Role[] {
  const roles = new Set<Role>();
  for (const g of groupsOf(groupsClaim)) {
    const role = GROUP_ROLES[g.toLowerCase()];
    if (role) roles.add(role);
  }
  if (roles.size === 0) roles.add('learner');
  return [...roles];
}

/** Claims of a verified Cognito ID or access token → our User. */
export function userFromClaims(claims: Record<string, unknown>): User | undefined {
  const id = claims.sub;
  if (typeof id !== 'string') return undefined;
  const name = [claims.name, claims.email, claims['cognito:username'], claims.username].find(
    (v) => typeof v === 'string',
  );
  return { id, name: name ?? id, roles: rolesOf(claims['cognito:groups']) };
}

/**
 * Verifies ID and access tokens of the course's user pool and app client (signature, expiry, audience, issuer);
 * with the hosted UI's domain, also refreshes a session's ID token with its refresh token.
 */
export function createCognitoAuth(settings: {
  userPoolId: string;
  clientId: string;
  domain?: string;
  fetch?: typeof fetch;
}): AuthPort {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: settings.userPoolId,
    clientId: settings.clientId,
    tokenUse: null,
  });
  const endpoint = settings.domain
    ? cognitoTokenEndpoint({ domain: settings.domain, clientId: settings.clientId, fetch: settings.fetch })
    : undefined;
  return {
    ...(endpoint ? { refresh: (refreshToken: string) => endpoint.refresh(refreshToken) } : {}),
    async verify(token) {
      try {
        return userFromClaims(await verifier.verify(token));
      } catch {
        return undefined;
      }
    },
  };
}
