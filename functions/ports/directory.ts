/**
 * The user directory a roster import creates or finds learners in: the local issuer's users in local mode, the
 * Cognito user pool on AWS. Keyed by email; an email always maps to the same user (imports are idempotent).
 */
export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
}

export interface Directory {
  /** The user with this email, if there is one. */
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  /** The user with this email, created as a learner when absent (no invitation mail unless the adapter sends one). */
  ensureLearner(entry: { email: string; name: string }): Promise<{ user: DirectoryUser; created: boolean }>;
}
