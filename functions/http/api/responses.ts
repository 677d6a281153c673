import { z } from '@hono/zod-openapi';
import { LatePolicySchema } from '../../../core/course/late-policy.ts';
import { SUBMISSION_STATUSES } from '../../../core/course/submission.ts';
import { LANES } from '../../../core/sim/trace.ts';
import { Msg } from './schemas.ts';

/**
 * The API's response bodies, as schemas: the OpenAPI document shows them whole, and each route's `c.json` is
 * type-checked against its schema, so a core type that drifts from its documented shape fails the build.
 */

/** One problem as stored with a submission (both languages), with the line of the submitted text when known. */
const StoredIssue = z
  .object({ path: z.string(), message: Msg, line: z.number().int().optional() })
  .openapi('StoredIssue');

/** Text that is only names and numbers stays one string; prose comes in both languages. */
const Text = z.union([z.string(), Msg]);

const Override = z
  .object({ score: z.number(), comment: z.string(), by: z.string(), at: z.string() })
  .openapi('Override');

const Lateness = z
  .object({ dueAt: z.string(), daysLate: z.number().int(), penaltyPercent: z.number() })
  .openapi('Lateness', { description: 'How late the submission was, fixed on arrival' });

const TraceEvent = z
  .object({
    seq: z.number().int(),
    step: z.number().int().openapi({ description: 'The workload operation (-1 for setup)' }),
    actor: z.string(),
    lane: z.enum(LANES),
    kind: z.string(),
    op: z.string(),
    subject: z.string().optional(),
    detail: Text.optional(),
    hypercall: z.object({ name: z.string(), number: z.number().int() }).optional(),
    cycles: z.number(),
    outcome: z.enum(['ok', 'denied', 'failed', 'violation', 'dropped', 'lost']).optional(),
    note: Msg.optional(),
  })
  .openapi('TraceEvent', { description: 'One step of an operation through one actor' });

const CheckResult = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: Msg,
    points: z.number(),
    earned: z.number(),
    passed: z.boolean(),
    observed: Text,
    expected: Text.optional().openapi({
      description: 'Only past the reveal point (every hint revealed, N graded attempts, the deadline; teachers always)',
    }),
    feedback: Msg,
    hints: z.array(Msg),
    fix: Msg.optional().openapi({ description: 'Only past the reveal point' }),
    events: z.array(z.number().int()).openapi({ description: 'The trace events this check looked at' }),
  })
  .openapi('CheckResult');

const Grade = z
  .object({
    gradable: z.boolean(),
    score: z.number(),
    maxScore: z.number(),
    checks: z.array(CheckResult),
    errors: z.array(StoredIssue),
    traceExcerpt: z.array(TraceEvent),
    trace: z.object({
      events: z.number().int(),
      cycles: z.number(),
      work: z.number(),
      lanes: z.partialRecord(z.enum(LANES), z.number()),
      hypercalls: z.record(z.string(), z.number()),
      outcomes: z.record(z.string(), z.number()),
    }),
    stateExcerpt: z
      .unknown()
      .openapi({ description: "The parts of the simulator's final state the lab pictures (plain JSON, bounded)" }),
    simOk: z.boolean(),
    graderVersion: z.string(),
    labId: z.string(),
    labVersion: z.number().int(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    misconception: z
      .object({ id: z.string(), fixture: z.string(), similarity: z.number() })
      .optional()
      .openapi({ description: 'The closest misconception (content/misconceptions.yaml); only past the reveal point' }),
    reveal: z
      .object({
        full: z.boolean(),
        because: z.enum(['teacher', 'attempts', 'hints', 'deadline']).optional(),
        attemptsLeft: z.number().int(),
        opensBy: z.object({ hints: z.boolean(), deadline: z.boolean() }).optional(),
      })
      .optional()
      .openapi({ description: 'What the reveal policy let the caller see' }),
  })
  .openapi('Grade', { description: 'The explained grade' });

const SubmissionResult = z
  .object({
    gradable: z.boolean(),
    rawScore: z.number().openapi({ description: 'Before any late penalty, 0–100' }),
    score: z.number().openapi({ description: 'After the late policy, 0–100' }),
    penaltyPercent: z.number(),
    checks: z.array(z.object({ id: z.string(), passed: z.boolean(), points: z.number(), maxPoints: z.number() })),
    errors: z.array(StoredIssue),
    grade: Grade.optional().openapi({ description: 'Only on the single read, not in listings' }),
  })
  .openapi('SubmissionResult');

export const Submission = z
  .object({
    id: z.string(),
    learnerId: z.string(),
    labId: z.string(),
    courseId: z.string().optional(),
    format: z.enum(['yaml', 'json']),
    config: z.string().optional().openapi({ description: 'Only on the single read, not in listings' }),
    status: z.enum(SUBMISSION_STATUSES),
    queuedAt: z.string(),
    gradingStartedAt: z.string().optional(),
    gradedAt: z.string().optional(),
    failedAt: z.string().optional(),
    claims: z
      .number()
      .int()
      .openapi({ description: 'Times a grader claimed it (more than one: a redelivery or a regrade)' }),
    late: Lateness.optional(),
    result: SubmissionResult.optional(),
    override: Override.optional(),
    failureMessage: Msg.optional(),
    latency: z.object({ queuedMs: z.number().optional(), gradingMs: z.number().optional() }),
  })
  .openapi('Submission');

const CountingGrade = z
  .object({
    score: z.number(),
    submissionId: z.string(),
    override: Override.optional(),
    late: z.boolean(),
    submittedAt: z.string().openapi({ description: 'When the learner submitted the counting attempt (not regraded)' }),
    attempts: z.number().int(),
  })
  .openapi('CountingGrade', { description: 'The score that counts: an override wins, else the best graded score' });

export const LabHistory = z
  .object({ labId: z.string(), best: CountingGrade.nullable(), submissions: z.array(Submission) })
  .openapi('LabHistory', { description: 'Summaries, newest first, without the configuration or the explained grade' });

export const Gradebook = z
  .object({
    labs: z
      .array(z.object({ id: z.string(), title: Msg }))
      .openapi({ description: 'In course order, with their titles' }),
    rows: z.array(
      z.object({
        learnerId: z.string(),
        cells: z.array(CountingGrade.nullable()).openapi({ description: 'One per lab, in the order of `labs`' }),
        average: z.number(),
      }),
    ),
  })
  .openapi('Gradebook');

export const LabAnalytics = z
  .object({
    labId: z.string(),
    attempts: z.number().int(),
    learners: z.number().int(),
    checks: z.array(
      z.object({ checkId: z.string(), passed: z.number().int(), total: z.number().int(), rate: z.number() }),
    ),
    mostFailed: z.string().optional(),
    histogram: z.array(z.number().int()).openapi({ description: 'Counting scores in ten buckets: [0,10) … [90,100]' }),
  })
  .openapi('LabAnalytics');

export const Deadline = z
  .object({ courseId: z.string(), labId: z.string(), dueAt: z.string(), latePolicy: LatePolicySchema })
  .openapi('Deadline');

export const Extension = z
  .object({ courseId: z.string(), labId: z.string(), learnerId: z.string(), dueAt: z.string() })
  .openapi('Extension');

export const RegradeJob = z
  .object({
    id: z.string(),
    courseId: z.string(),
    labId: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    state: z.enum(['queued', 'fanning-out', 'done']),
    ticks: z.number().int(),
    listed: z.number().int().openapi({ description: 'Submissions of the lab read so far' }),
    queued: z.number().int().openapi({ description: 'Finished submissions sent back to the grader' }),
    graded: z.number().int().openapi({ description: 'Of those, graded again' }),
    updatedAt: z.string(),
    finishedAt: z.string().optional(),
    progress: Msg,
  })
  .openapi('RegradeJob', { description: 'A regrade of one lab, fanned out in bounded ticks' });

export const QuizResult = z
  .object({
    results: z.array(
      z.discriminatedUnion('answered', [
        z.object({
          id: z.string(),
          answered: z.literal(true),
          correct: z.boolean(),
          selected: z.array(z.string()),
          answer: z.array(z.string()),
          explanation: z.string(),
        }),
        // A blank question gets no verdict and gives nothing away.
        z.object({ id: z.string(), answered: z.literal(false) }),
      ]),
    ),
    score: z.object({ correct: z.number().int(), answered: z.number().int(), total: z.number().int() }),
  })
  .openapi('QuizResult');

const LabTags = z.object({
  targets: z.array(z.string()),
  techniques: z.array(z.string()),
  topics: z.array(z.string()),
});

export const PublicLab = z
  .object({
    id: z.string(),
    kind: z.enum(['edit', 'design', 'predict', 'debug']),
    given: z.string().optional().openapi({ description: 'Predict labs: the configuration to predict' }),
    symptom: Msg.optional().openapi({ description: 'Debug labs: what goes wrong with the starter' }),
    version: z.number().int(),
    title: Msg,
    statement: Msg,
    starter: z.string(),
    workload: z.record(z.string(), z.unknown()),
    surround: z.record(z.string(), z.object({ before: z.array(z.unknown()), after: z.array(z.unknown()) })),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    target: z.string(),
    tags: LabTags,
    difficulty: z.number(),
    lessons: z.array(z.string()),
    checks: z.array(z.object({ id: z.string(), kind: z.string(), title: Msg, points: z.number() })),
    maxScore: z.number(),
  })
  .openapi('PublicLab', {
    description: "The lab with the caller's own numbers; never the solution, fixtures or hints",
  });

export const LabListEntry = z
  .object({
    id: z.string(),
    title: Msg,
    target: z.string(),
    tags: LabTags,
    difficulty: z.number(),
    lessons: z.array(z.string()),
    maxScore: z.number(),
    best: z
      .number()
      .nullable()
      .openapi({ description: 'The caller’s best graded score (percent), null if none or anonymous' }),
  })
  .openapi('LabSummary');
