import type { AgsScore } from '../../core/lti/ags.ts';
import type { LtiVirtlabRole } from '../../core/lti/roles.ts';

/** A platform (LMS) a teacher registered: what SF §5.1 and §4.1 need to talk to it. */
export interface LtiPlatform {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  /** The platform's public keys (SF §6.3). */
  jwksUrl: string;
  /** OIDC authorization endpoint (SF §5.1.1.2). */
  authUrl: string;
  /** OAuth 2.0 token endpoint (SF §4.1). */
  tokenUrl: string;
  /** The virtlab teacher who registered it. */
  ownerId: string;
  createdAt: string;
}

/** What virtlab remembers between the login initiation and the launch (SF §5.1.1.2 state and nonce). */
export interface LtiLoginState {
  state: string;
  nonce: string;
  issuer: string;
  clientId: string;
  targetLinkUri: string;
  expiresAt: string;
}

/** The LTI user (iss + sub) ↔ a virtlab user. */
export interface LtiUserLink {
  issuer: string;
  sub: string;
  userId: string;
  name: string;
  role: LtiVirtlabRole;
}

/** Where a learner's grade for a lab in a course goes (AGS §3.2 line item), set at launch. */
export interface LtiGradeLink {
  courseId: string;
  labId: string;
  learnerId: string;
  issuer: string;
  clientId: string;
  ltiSub: string;
  lineItemUrl: string;
}

/** The LMS context a course was made for, and where its roster is read (NRPS claim of the latest launch). */
export interface LtiCourseLink {
  courseId: string;
  issuer: string;
  clientId: string;
  contextId: string;
  /** NRPS §3.6.1 `context_memberships_url`; absent when the platform offers no roster service. */
  membershipsUrl?: string;
}

/** One score waiting to be posted (the transactional outbox of the AGS pipeline). */
export interface LtiOutboxRecord {
  id: string;
  /** Whose grade, for the course's teachers when the post fails. */
  courseId: string;
  labId: string;
  learnerId: string;
  issuer: string;
  clientId: string;
  lineItemUrl: string;
  score: AgsScore;
  attempts: number;
  dueAt: string;
  state: 'pending' | 'sent' | 'dead';
  lastError?: string;
  createdAt: string;
}

/** The LTI records. Every write that can race is one conditional write; see ACCESS-PATTERNS.md (LTI). */
export interface LtiStore {
  /**
   * Conditional on (issuer, clientId) being new, or deleted by the same owner (the pair's user and context links stay
   * with the teacher who first registered it); false otherwise.
   */
  putPlatform(platform: LtiPlatform): Promise<boolean>;
  /** A current registration (a deleted one is none). */
  getPlatform(issuer: string, clientId: string): Promise<LtiPlatform | undefined>;
  /** The platforms registered under one issuer (a login without client_id needs exactly one). */
  listPlatformsByIssuer(issuer: string): Promise<LtiPlatform[]>;
  /** A teacher's current registrations, oldest first, at most `limit`. */
  listPlatformsByOwner(ownerId: string, limit: number): Promise<LtiPlatform[]>;
  /**
   * Delete a registration, conditional on it being current and `ownerId`'s: kept, marked removed, out of the owner's
   * list; launches, roster syncs and score posts then find no platform. Undefined when there was none to delete.
   */
  removePlatform(
    issuer: string,
    clientId: string,
    ownerId: string,
    removedAt: string,
  ): Promise<LtiPlatform | undefined>;
  /** The courses made for the platform's contexts (at most `limit`). */
  listPlatformCourses(issuer: string, clientId: string, limit: number): Promise<string[]>;

  /** Expires by TTL; never updated. */
  putLoginState(state: LtiLoginState): Promise<void>;
  getLoginState(state: string): Promise<LtiLoginState | undefined>;
  /** Marks a nonce used (conditional put, TTL at `expiresAt`); false when it was already used. */
  useNonce(issuer: string, nonce: string, expiresAt: Date): Promise<boolean>;

  /** Creates the link when absent (conditional); returns the link that holds, new or existing. */
  linkUser(link: LtiUserLink): Promise<LtiUserLink>;
  /** The link of an LMS user, if they were ever linked (a read: nobody is linked by asking). */
  getUserLink(issuer: string, sub: string): Promise<LtiUserLink | undefined>;
  /** The course a platform context maps to: creates `courseId` for it when absent; returns the one that holds. */
  linkContext(issuer: string, clientId: string, contextId: string, courseId: string): Promise<string>;
  /** The latest launch's view of the course's context (its roster URL may change); last write wins. */
  putCourseLink(link: LtiCourseLink): Promise<void>;
  getCourseLink(courseId: string): Promise<LtiCourseLink | undefined>;
  putGradeLink(link: LtiGradeLink): Promise<void>;
  getGradeLink(courseId: string, labId: string, learnerId: string): Promise<LtiGradeLink | undefined>;

  /** Conditional on the id being new. */
  putOutbox(record: LtiOutboxRecord): Promise<boolean>;
  /** Pending records due at or before `now`, oldest first. */
  listDueOutbox(now: string, limit: number): Promise<LtiOutboxRecord[]>;
  getOutbox(id: string): Promise<LtiOutboxRecord | undefined>;
  /**
   * Records the outcome of attempt `attempts` (conditional on the record still being pending with `attempts - 1`
   * tries, so two workers cannot both count one attempt): sent, rescheduled to `dueAt`, or dead.
   */
  recordAttempt(
    id: string,
    outcome: { state: 'sent' | 'pending' | 'dead'; attempts: number; dueAt?: string; error?: string },
  ): Promise<boolean>;
  /** A course's dead-lettered records, oldest first, at most `limit`. */
  listDeadOutbox(courseId: string, limit: number): Promise<LtiOutboxRecord[]>;
  /** dead → pending with fresh attempts, due at `dueAt` (conditional on it still being dead); false otherwise. */
  retryOutbox(id: string, dueAt: string): Promise<boolean>;
}
