import type { AuditAction, AuditRecord } from '../../core/course/audit.ts';
import type { BestGrade, CourseOffering, Enrollment } from '../../core/course/course.ts';
import type { CourseReveal } from '../../core/course/course-settings.ts';
import type { Deadline, Extension } from '../../core/course/late-policy.ts';
import type { RegradeJob } from '../../core/course/regrade-job.ts';
import type { RegradeRequest } from '../../core/course/regrade-request.ts';
import type { Override, Submission, SubmissionResult, SubmissionSummary } from '../../core/course/submission.ts';

/**
 * Everything the API and the grader keep. One implementation: DynamoDB (dynalite locally and in tests).
 * Every write that can race is a single-item conditional write; the result says whether it took.
 */
export interface Store {
  // Courses and membership
  /** Stores the course and reserves its join code; false when the code is taken. */
  createCourse(course: CourseOffering): Promise<boolean>;
  getCourse(courseId: string): Promise<CourseOffering | undefined>;
  /** The course whose current join code this is (a replaced code finds nothing). */
  findCourseByJoinCode(code: string): Promise<CourseOffering | undefined>;
  /**
   * Reserve `next` and make it the course's code, if its code is still `current`; the old reservation expires.
   * Undefined when `next` is taken or the code changed meanwhile.
   */
  rotateJoinCode(courseId: string, current: string, next: string, now: Date): Promise<CourseOffering | undefined>;
  /** Set the course's reveal default (its other fields untouched); undefined when there is no such course. */
  setCourseReveal(courseId: string, reveal: CourseReveal): Promise<CourseOffering | undefined>;
  /** False when the user was already a member (a removed staff membership counts as none). */
  enroll(enrollment: Enrollment): Promise<boolean>;
  /** The membership, unless there is none or it was a staff membership since removed. */
  getEnrollment(courseId: string, userId: string): Promise<Enrollment | undefined>;
  /**
   * Make the user a co-teacher or TA of the course (new, re-added or changing role); false when they are a learner
   * or the owner there.
   */
  putStaff(enrollment: Enrollment & { role: 'co-teacher' | 'ta' }): Promise<boolean>;
  /** End a staff membership: kept (no DeleteItem), marked removed, out of the user's memberships. Undefined when not staff. */
  removeStaff(courseId: string, userId: string, removedAt: string): Promise<Enrollment | undefined>;
  /**
   * End a learner's membership that `addedBy` made (the LMS roster sync removes only the learners the LMS gave):
   * kept, marked removed, out of the user's memberships, as `removeStaff` does; their submissions and grades stay.
   * Undefined when there is no such current learner membership.
   */
  removeLearner(courseId: string, userId: string, addedBy: string, removedAt: string): Promise<Enrollment | undefined>;
  /** A user's memberships (enrolled or teaching). */
  listMemberships(userId: string): Promise<Enrollment[]>;
  listRoster(courseId: string): Promise<Enrollment[]>;

  // Audit log
  /** Append a record, conditional on its id being new (records are never rewritten); false when the id exists. */
  appendAudit(record: AuditRecord): Promise<boolean>;
  /**
   * A course's records, newest first, reading at most `limit`, after the record `after` (the previous page's
   * `next`); with `action`, only that action's records (a page may then hold fewer, and `next` goes on reading).
   */
  listAudit(
    courseId: string,
    page: { limit: number; after?: string; action?: AuditAction },
  ): Promise<{ records: AuditRecord[]; next?: string }>;

  // Submissions
  /** Conditional on the id being new; false when it exists. */
  putSubmission(submission: Submission): Promise<boolean>;
  getSubmission(id: string): Promise<Submission | undefined>;
  /** A learner's submissions, newest first, optionally for one lab. */
  listLearnerSubmissions(learnerId: string, labId?: string): Promise<Submission[]>;
  /** A course's submissions for one lab, newest first, as summaries (no configuration text, no grade detail). */
  listLabSubmissions(courseId: string, labId: string): Promise<SubmissionSummary[]>;
  /** Every submission made in a course, as summaries: what the gradebook and the analytics need. */
  listCourseSubmissions(courseId: string): Promise<SubmissionSummary[]>;
  /** Submissions in `status` since before `before` (the sweeper's query), oldest first. */
  listStale(status: 'queued' | 'grading', before: string, limit: number): Promise<Submission[]>;
  /** queued (or grading with an expired lease) → grading, holding `token` until `leaseUntil`. */
  claimSubmission(
    id: string,
    claim: { token: string; now: string; leaseUntil: string },
  ): Promise<Submission | undefined>;
  /** grading → graded, only for the holder of the claim; a regraded submission also records `regradedAt`. */
  recordResult(id: string, token: string, result: SubmissionResult, gradedAt: string): Promise<boolean>;
  /** grading → failed, only for the holder of the claim. */
  recordFailure(id: string, token: string, failure: string, failedAt: string): Promise<boolean>;
  /** grading → queued, only for the holder of the claim (a grader that failed and lets the retry take it). */
  releaseClaim(id: string, token: string, at: string): Promise<boolean>;
  /** graded|failed → queued (a regrade), recording `requeuedAt`; `queuedAt` (when the learner submitted) is kept. */
  requeueSubmission(id: string, requeuedAt: string): Promise<boolean>;
  setOverride(id: string, override: Override): Promise<Submission | undefined>;

  // Regrade jobs (a lab's regrade fanned out in bounded ticks)
  /**
   * One page of a course's submissions of a lab, oldest first, at most `limit` (one Query page), after the
   * submission id `after`; `next` is the last id when more may follow.
   */
  pageLabSubmissions(
    courseId: string,
    labId: string,
    limit: number,
    after?: string,
  ): Promise<{ items: SubmissionSummary[]; next?: string }>;
  /** Conditional on the job being new. */
  putRegradeJob(job: RegradeJob): Promise<boolean>;
  getRegradeJob(courseId: string, jobId: string): Promise<RegradeJob | undefined>;
  /** A course's regrade jobs, newest first, at most `limit`. */
  listRegradeJobs(courseId: string, limit: number): Promise<RegradeJob[]>;
  /**
   * Record a tick (the job as `afterTick` computed it) only if the job still has `expectedTicks` ticks: a
   * redelivered tick records nothing. Counts are added, so the grader's `graded` count is never overwritten.
   */
  recordRegradeTick(
    job: RegradeJob,
    expectedTicks: number,
    added: { listed: number; queued: number },
  ): Promise<boolean>;
  /** Add to a job's `queued` or `graded` count (a duplicate tick's requeues, the grader's regraded results). */
  addRegradeCount(courseId: string, jobId: string, field: 'queued' | 'graded', n: number): Promise<void>;

  // Regrade requests (a learner's, one per submission)
  /** Conditional on the submission having no request yet; false when it has one. */
  putRegradeRequest(request: RegradeRequest): Promise<boolean>;
  getRegradeRequest(courseId: string, submissionId: string): Promise<RegradeRequest | undefined>;
  /** A course's open requests, oldest first, at most `limit`. */
  listOpenRegradeRequests(courseId: string, limit: number): Promise<RegradeRequest[]>;
  /** Record the answer (the request as `applyRegradeEvent` made it) only while the request is still open. */
  answerRegradeRequest(request: RegradeRequest): Promise<boolean>;

  // Best grade cells
  /** Raises the cell to `grade.best` when it is higher (or absent); false when the cell already held as much. */
  raiseBest(grade: BestGrade): Promise<boolean>;
  /**
   * A teacher's override decides the cell (even when lower): sets it to the override unless a later override already
   * did; false then. An overridden cell is no longer raised by grading (the override counts, as in the gradebook).
   */
  overrideBest(grade: BestGrade & { overriddenAt: string }): Promise<boolean>;
  getBest(learnerId: string, labId: string, courseId?: string): Promise<BestGrade | undefined>;
  /** Every best-grade cell of a learner (all labs, all courses). */
  listBest(learnerId: string): Promise<BestGrade[]>;

  // Deadlines
  putDeadline(deadline: Deadline): Promise<void>;
  getDeadline(courseId: string, labId: string): Promise<Deadline | undefined>;
  putExtension(extension: Extension): Promise<void>;
  getExtension(courseId: string, labId: string, learnerId: string): Promise<Extension | undefined>;

  // Request guards
  /**
   * Reserve an idempotency key for a new submission. Returns the reservation that already held the key (its
   * submission id and request fingerprint) or undefined when this call took it.
   */
  reserveIdempotencyKey(
    scope: string,
    key: string,
    value: { submissionId: string; fingerprint: string },
    expiresAt: Date,
  ): Promise<{ submissionId: string; fingerprint: string } | undefined>;
  /** The reservation holding an idempotency key, if any. */
  getIdempotencyKey(scope: string, key: string): Promise<{ submissionId: string; fingerprint: string } | undefined>;
  /** Count one hit in a fixed window; false (and nothing counted) when the window already holds `limit` hits. */
  hitRateLimit(key: string, windowStart: string, limit: number, expiresAt: Date): Promise<boolean>;
}
