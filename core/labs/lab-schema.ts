/**
 * The format of a lab file (`content/labs/<id>.yaml`). This schema IS the documentation of the format: every
 * field a lab author may write is declared here, with what it means.
 */
import * as z from 'zod';
import { Slug } from '../slug.ts';
import { TARGETS } from '../sim/target.ts';
import { LANES } from '../sim/trace.ts';
import { revealPolicySchema } from '../grading/reveal.ts';

/** Text a learner reads, in Korean and English. */
export const msgSchema = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

/** The four techniques of the course; a lab's tags name the ones it exercises. */
export const TECHNIQUES = ['hosted', 'full-virtualization', 'paravirtualization', 'containers'] as const;
export type Technique = (typeof TECHNIQUES)[number];

/**
 * A per-learner parameter. Drawn once per (learner, lab) and substituted wherever `{{name}}` appears in the
 * statement, starter, workload, checks, reference and fixtures.
 * - `int`: an integer in [min, max], on a grid of `step` (default 1) starting at min.
 * - `choice`: one of the listed values. A value may be a record of numbers and strings, for numbers that belong
 *   together (`{ capacity: 24, disks: 5 }`): its fields are `{{name.capacity}}`, `{{name.disks}}`.
 * In texts (statement, starter, reference, fixtures), `{{#repeat n}}…{{/repeat}}` writes its body `n` times; in data
 * (workload, surround), a list element `{ $repeat: n, each: item }` becomes n copies of item. Inside either,
 * `{{i}}` = 1, 2, … and `{{i0}}` = 0, 1, … (so the reference can list one guest per server when the number of servers is a param).
 */
export const paramSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('int'), min: z.int(), max: z.int(), step: z.int().positive().default(1) }),
  z.strictObject({
    kind: z.literal('choice'),
    values: z
      .array(
        z.union([
          z.string(),
          z.number(),
          z.record(z.string().regex(/^[A-Za-z_]\w*$/), z.union([z.string(), z.number()])),
        ]),
      )
      .min(1),
  }),
]);
export type ParamSpec = z.infer<typeof paramSchema>;

/** A number, or a `"{{param}}"` placeholder that becomes one. */
const numberOrParam = z.union([z.number(), z.string().regex(/^\{\{\s*[A-Za-z_][\w.]*\s*\}\}$/)]);

/** One value or any of several. A string ending in `*` matches by prefix (`guest:*`). */
const matcher = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])).min(1)]);

/**
 * Which trace events a check looks at. Every given field must match. `hypercall` matches the hypercall's name or
 * number; `outcome: ok` also matches events that carry no outcome.
 */
export const eventFilterSchema = z.strictObject({
  lane: matcher.optional(),
  actor: matcher.optional(),
  kind: matcher.optional(),
  op: matcher.optional(),
  subject: matcher.optional(),
  hypercall: matcher.optional(),
  outcome: matcher.optional(),
});
export type EventFilter = z.infer<typeof eventFilterSchema>;

/**
 * One workload operation: the `nth` (1-based) step that has an event matching the filter; its events are all
 * those of that step with the filter's `subject` (whatever their op), in trace order.
 */
export const operationSelectSchema = eventFilterSchema.extend({ nth: z.int().positive().default(1) });
export type OperationSelect = z.infer<typeof operationSelectSchema>;

export const STATE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'absent', 'contains', 'size'] as const;
export type StateOp = (typeof STATE_OPS)[number];

/**
 * One predicate on the final state. `path` is dotted (`arrays.a1.usableBlocks`, `guests.web.status`, `[0]` for a
 * list index); a `*` segment means every key or element must satisfy it. `size` compares the number of keys or
 * elements with `value` (a number, or `{min, max}` bounds). With `ref` instead of `value`, the value is read from
 * another path of the same state ("the second packet of the flow reached the same backend as the first").
 */
export const statePredicateSchema = z.strictObject({
  path: z.string().min(1),
  op: z.enum(STATE_OPS),
  value: z.unknown().optional(),
  ref: z.string().min(1).optional(),
});
export type StatePredicate = z.infer<typeof statePredicateSchema>;

/**
 * The precondition of a behaviour check: it passes only when the behaviour it judges really ran. `state`: predicates
 * on the final state (the guest booted; the pulled disks were in the array that holds the data); `ran`: at least one
 * trace event matches (the workload's operation executed). When a precondition fails, the check fails and says so —
 * "no violations" from a guest that never ran is no credit.
 */
export const requiresSchema = z.strictObject({
  state: z.array(statePredicateSchema).default([]),
  ran: eventFilterSchema.optional(),
});
export type Requires = z.infer<typeof requiresSchema>;

const checkBase = {
  /** Unique within the lab; fixtures name the checks they must fail by id. */
  id: Slug,
  title: msgSchema,
  points: z.int().positive(),
  feedback: z.strictObject({ pass: msgSchema, fail: msgSchema }),
  /** Shown after a failure, in order, one more per failed attempt (the UI decides how many). */
  hints: z.array(msgSchema).default([]),
  requires: requiresSchema.optional(),
};

/**
 * `path`: the route one operation takes through the stack. Lanes (or actors, with `by: actor`) of the selected
 * operation's events, in trace order, with consecutive repeats collapsed, are compared with `expect`:
 * `match: exact` (default) wants the same list, `match: subsequence` wants `expect` to appear in order.
 */
export const pathCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('path'),
  select: operationSelectSchema,
  by: z.enum(['lane', 'actor']).default('lane'),
  match: z.enum(['exact', 'subsequence']).default('exact'),
  expect: z.array(z.string()).min(1),
});

/** `count`: how many trace events match `where`; passes when the count is within [min, max]. */
export const countCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('count'),
    where: eventFilterSchema,
    min: numberOrParam.optional(),
    max: numberOrParam.optional(),
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, {
    message: 'a count check needs min or max',
    path: ['min'],
  });

/** `state`: every predicate holds on the final state of the run. */
export const stateCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('state'),
  expect: z.array(statePredicateSchema).min(1),
});

/**
 * `rejects`: the simulator must refuse the design (a semantic error, not a typo). With `patch`, the values are
 * first set in a copy of the submission, after the lab's workload, so a probe may change the workload too ("had this
 * guest been PV, would it be refused?", "would a host-OS crash even be possible here?"). `expect.path`
 * is a prefix of the error's path; `expect.message` a case-insensitive fragment of its English or Korean text.
 */
export const rejectsCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('rejects'),
  patch: z.record(z.string(), z.unknown()).optional(),
  expect: z.strictObject({ path: z.string().optional(), message: z.string().optional() }).default({}),
});

/** What `reference` checks compare: an operation's path, a state value, or an event count. */
export const projectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('path'),
    select: operationSelectSchema,
    by: z.enum(['lane', 'actor']).default('lane'),
  }),
  z.strictObject({ kind: z.literal('state'), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('count'), where: eventFilterSchema }),
]);
export type Projection = z.infer<typeof projectionSchema>;

/** `reference`: the projection of the submission's run equals that of the lab's reference solution (same variant). */
export const referenceCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('reference'),
  project: projectionSchema,
});

/** A number measured on the run, for design objectives: a state value, the size of a list or record, or a count of events. */
export const measureSchema = z.union([
  z.strictObject({ path: z.string().min(1) }),
  z.strictObject({ size: z.string().min(1) }),
  z.strictObject({ count: eventFilterSchema }),
]);
export type Measure = z.infer<typeof measureSchema>;

/**
 * `objective` (design labs): a measure scored on a scale, `best` earning every point and `worst` none, linearly in
 * between (best < worst: smaller is better). It passes at `best` or beyond. It earns only when every other check
 * passed: an optimum that breaks a constraint is no design.
 */
export const objectiveCheckSchema = z
  .strictObject({
    ...checkBase,
    kind: z.literal('objective'),
    measure: measureSchema,
    best: numberOrParam,
    worst: numberOrParam,
  })
  .refine((c) => c.best !== c.worst, { message: 'best and worst must differ', path: ['worst'] });

/**
 * `change` (debug labs): the fix is small. The structural distance between the submission and the broken starter
 * (values changed, added or removed; list items with a `name` matched by name, so reordering costs nothing) must be
 * at most `max`.
 */
export const changeCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('change'),
  max: z.int().min(1).max(1000),
});

/**
 * `predict` (predict labs): the learner's stated value `answers.<question>` equals the projection of the simulator's
 * run of the lab's `given` configuration (numbers within `tolerance`, text case-insensitively).
 */
export const predictCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('predict'),
  question: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
  project: z.lazy(() => projectionSchema),
  tolerance: z.number().min(0).default(0),
});

export const checkSchema = z.union([
  pathCheckSchema,
  countCheckSchema,
  stateCheckSchema,
  rejectsCheckSchema,
  referenceCheckSchema,
  objectiveCheckSchema,
  changeCheckSchema,
  predictCheckSchema,
]);
export type Check = z.infer<typeof checkSchema>;
export type CheckKind = Check['kind'];
export type CheckOf<K extends CheckKind> = Extract<Check, { kind: K }>;

/**
 * An answer kept with the lab, which the self-test grades. A wrong one names exactly the checks it must fail and
 * the misconception it embodies (an id of `content/misconceptions.yaml`); a `variant` is a correct answer written
 * differently (other names, other order, extra harmless parts) and must get full marks.
 */
export const fixtureSchema = z.strictObject({
  name: Slug,
  /** What mistake this fixture makes (or how a variant differs), for the lab author. */
  about: z.string().optional(),
  /** The submission text (YAML or JSON; `{{param}}` substituted). */
  text: z.string().min(1),
  /** Ids of the checks it must fail; every other check must pass. Empty when `gradable: false` or a variant. */
  fails: z.array(Slug).default([]),
  /** False for a fixture that must not even be gradable (syntax or schema error). */
  gradable: z.boolean().default(true),
  /** True for a correct answer written differently: it must score full marks. */
  variant: z.boolean().default(false),
  /** The misconception this wrong answer embodies; required for gradable wrong fixtures. */
  misconception: Slug.optional(),
});
export type Fixture = z.infer<typeof fixtureSchema>;

/**
 * The kinds of lab. `edit`: change a configuration until the checks pass. `design`: meet constraints and optimise an
 * objective scored on a scale (`objective` checks). `predict`: state observable numbers for the lab's `given`
 * configuration before running it (`predict` checks; the answer is `answers: { question: value }`). `debug`: a broken
 * starter and its `symptom`; fix it with a small change (`change` checks).
 */
export const LAB_KINDS = ['edit', 'design', 'predict', 'debug'] as const;
export type LabKind = (typeof LAB_KINDS)[number];

export const labSchema = z.strictObject({
  id: Slug,
  kind: z.enum(LAB_KINDS).default('edit'),
  /** Predict labs: the configuration whose behaviour the learner predicts (YAML text, shown to the learner). */
  given: z.string().min(1).optional(),
  /** Debug labs: what goes wrong with the starter, as the learner first meets it (Markdown). */
  symptom: msgSchema.optional(),
  /**
   * When the fix and exact expected values show (see core/grading/reveal.ts): any field given here overrides the
   * course default (after 3 graded attempts, every hint revealed, or the deadline).
   */
  reveal: revealPolicySchema.partial().optional(),
  /** Bumped whenever checks or workload change, so stored grades say which rules they were graded by. */
  version: z.int().positive(),
  title: msgSchema,
  /** Markdown; `{{param}}` is replaced with the learner's numbers. */
  statement: msgSchema,
  /** Lesson ids this lab practises. */
  lessons: z.array(Slug).min(1),
  tags: z.strictObject({
    targets: z.array(z.enum(TARGETS)).min(1),
    techniques: z.array(z.enum(TECHNIQUES)).default([]),
    topics: z.array(Slug).default([]),
  }),
  difficulty: z.int().min(1).max(5),
  /** The simulator target; a submission's own `target` is overwritten with it. */
  target: z.enum(TARGETS),
  params: z.record(z.string().regex(/^[A-Za-z_]\w*$/), paramSchema).default({}),
  /** What the learner starts from (YAML text). It must NOT pass: the self-test checks it scores below full marks. */
  starter: z.string().min(1),
  /**
   * Values the lab sets in every submission before it runs, by dotted path (`workload`,
   * `guests[name=web].workload`). Whatever the learner wrote at these paths is REPLACED: the learner cannot
   * change the workload. `[name=x]` selects the element of a list whose `name` is x (skipped if there is none).
   */
  workload: z.record(z.string().min(1), z.unknown()).default({}),
  /**
   * Lists the lab wraps around the learner's list at a dotted path: `before` runs first, then what the learner
   * wrote there, then `after`. For labs whose answer is a procedure: "d1 has failed (before); your recovery steps;
   * then d2 fails too (after)". Applied after `workload`.
   */
  surround: z
    .record(
      z.string().min(1),
      z.strictObject({ before: z.array(z.unknown()).default([]), after: z.array(z.unknown()).default([]) }),
    )
    .default({}),
  checks: z.array(checkSchema).min(1),
  /** State paths shown to the learner as a picture of the result (e.g. the arrays' layout); whole state if empty. */
  picture: z.array(z.string().min(1)).default([]),
  /** The reference solution (YAML text). Never shown to learners. */
  reference: z.string().min(1),
  fixtures: z.array(fixtureSchema).default([]),
});
export type Lab = z.infer<typeof labSchema>;

/** The lanes a `path` check may name when `by: lane`, re-exported so authors' typos are caught at load time. */
export const LANE_NAMES: readonly string[] = LANES;
