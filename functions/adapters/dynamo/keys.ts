/** Key layout of the single table (see ACCESS-PATTERNS.md). Every key string is built here and nowhere else. */
export const keys = {
  course: (courseId: string) => ({ pk: `COURSE#${courseId}`, sk: 'META' }),
  joinCode: (code: string) => ({ pk: `JOIN#${code}`, sk: 'META' }),
  member: (courseId: string, userId: string) => ({ pk: `COURSE#${courseId}`, sk: `MEMBER#${userId}` }),
  memberOf: (userId: string, courseId: string) => ({ gsi1pk: `USER#${userId}`, gsi1sk: `COURSE#${courseId}` }),
  /** Audit records sort by ULID within the course: a descending query is newest first. */
  audit: (courseId: string, id: string) => ({ pk: `COURSE#${courseId}`, sk: `AUDIT#${id}` }),
  submission: (id: string) => ({ pk: `SUB#${id}`, sk: 'META' }),
  /** ULIDs sort by time, so `LAB#lab#ulid` in descending order is newest first within a lab. */
  learnerSubmission: (learnerId: string, labId: string, id: string) => ({
    gsi1pk: `LEARNER#${learnerId}`,
    gsi1sk: `LAB#${labId}#${id}`,
  }),
  courseSubmission: (courseId: string, labId: string, id: string) => ({
    gsi2pk: `COURSE#${courseId}`,
    gsi2sk: `LAB#${labId}#${id}`,
  }),
  /** Sparse status index entry: queued submissions by arrival, grading ones by the end of their lease. */
  status: (status: 'queued' | 'grading', at: string, id: string) => ({ statusPk: status, statusSk: `${at}#${id}` }),
  best: (learnerId: string, labId: string, courseId?: string) => ({
    pk: `LEARNER#${learnerId}`,
    sk: `BEST#${courseId ?? '-'}#${labId}`,
  }),
  deadline: (courseId: string, labId: string) => ({ pk: `COURSE#${courseId}`, sk: `DEADLINE#${labId}` }),
  extension: (courseId: string, labId: string, learnerId: string) => ({
    pk: `COURSE#${courseId}`,
    sk: `EXT#${labId}#${learnerId}`,
  }),
  /** A regrade job of a course; ULIDs make `REGRADE#` descending newest first. */
  regradeJob: (courseId: string, jobId: string) => ({ pk: `COURSE#${courseId}`, sk: `REGRADE#${jobId}` }),
  /** A learner's regrade request, one per submission; while open it sits in GSI2 under its course, oldest first. */
  regradeRequest: (courseId: string, submissionId: string) => ({
    pk: `COURSE#${courseId}`,
    sk: `RREQ#${submissionId}`,
  }),
  openRegradeRequest: (courseId: string, askedAt: string, submissionId: string) => ({
    ...ranges.openRegradeRequests(courseId),
    gsi2sk: `${askedAt}#${submissionId}`,
  }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEM#${scope}#${key}`, sk: 'META' }),
  rate: (key: string, windowStart: string) => ({ pk: `RATE#${key}`, sk: windowStart }),
};

/** What the queries read: a partition and a sort-key prefix (or range) of the keys above. */
export const ranges = {
  /** GSI1: a user's memberships. */
  memberships: (userId: string) => ({ pk: `USER#${userId}`, prefix: 'COURSE#' }),
  roster: (courseId: string) => ({ pk: `COURSE#${courseId}`, prefix: 'MEMBER#' }),
  audit: (courseId: string) => ({ pk: `COURSE#${courseId}`, prefix: 'AUDIT#' }),
  /** GSI1: a learner's submissions, of one lab or all. */
  learnerSubmissions: (learnerId: string, labId?: string) => ({
    pk: `LEARNER#${learnerId}`,
    prefix: labId ? `LAB#${labId}#` : 'LAB#',
  }),
  /** GSI2: a course's submissions, of one lab or all. */
  courseSubmissions: (courseId: string, labId?: string) => ({
    pk: `COURSE#${courseId}`,
    prefix: labId ? `LAB#${labId}#` : 'LAB#',
  }),
  regradeJobs: (courseId: string) => ({ pk: `COURSE#${courseId}`, prefix: 'REGRADE#' }),
  /** GSI2 (sparse): a course's open regrade requests, oldest first. */
  openRegradeRequests: (courseId: string) => ({ gsi2pk: `RREQOPEN#${courseId}` }),
  bests: (learnerId: string) => ({ pk: `LEARNER#${learnerId}`, prefix: 'BEST#' }),
};

/** Attributes that are keys, not part of the record; stripped when an item is read back. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'statusPk',
  'statusSk',
  'ttl',
  'kind',
] as const;

/**
 * An item → the record it stores. A submission's explained grade is kept in its own top-level attribute
 * (`gradeDetail`, left out of the course index) and is put back as `result.grade` here.
 */
export function record<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  if ('gradeDetail' in out) {
    out.result = { ...(out.result as object), grade: out.gradeDetail };
    delete out.gradeDetail;
  }
  return out as T;
}

/** The sweeper's StatusIndex query (ACCESS-PATTERNS.md): the store and the sweeper's signed request share its shape. */
export const STALE_QUERY = {
  IndexName: 'StatusIndex',
  KeyConditionExpression: 'statusPk = :s AND statusSk < :before',
} as const;
