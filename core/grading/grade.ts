/**
 * The autograder: one submission against one lab variant → an explained grade. Pure and deterministic: the same
 * lab, text and learner give the same result, byte for byte.
 */
import { msg, type Msg } from '../i18n.ts';
import type { ConfigFormat } from '../config-text.ts';
import type { ConfigIssue } from '../validation.ts';
import type { SimResult } from '../sim/target.ts';
import type { TraceEvent } from '../sim/trace.ts';
import type { Check, Lab } from '../labs/lab-schema.ts';
import { maxScore } from '../labs/public-view.ts';
import { closestMisconception } from '../labs/misconceptions.ts';
import { variantFor, type LabVariant } from '../labs/variant.ts';
import { readPath } from './data-path.ts';
import { checkCount } from './checks/count.ts';
import { checkPath } from './checks/path.ts';
import { checkReference } from './checks/reference.ts';
import { checkRejects } from './checks/rejects.ts';
import { unmetPrecondition } from './checks/requires.ts';
import { checkChange } from './checks/change.ts';
import { checkObjective } from './checks/objective.ts';
import { checkPredict } from './checks/predict.ts';
import { checkState } from './checks/state.ts';
import type { CheckContext, CheckOutcome } from './checks/types.ts';
import { EXCERPT_LIMITS, type CheckResult, type GradeResult, type TraceSummary } from './result.ts';
import { parseSubmission, prepareParsed, runPrepared, type ParsedSubmission, type Prepared } from './run.ts';
import { simulateValid } from '../sim/simulate.ts';
import { GRADER_VERSION } from './version.ts';

export interface GradeInput {
  lab: Lab;
  text: string;
  learnerId: string;
  format?: ConfigFormat;
}

/**
 * Behaviour checks need a finished run: a design the simulator refused has no trace to pass `max: 0` or a state
 * to compare, so only `rejects` checks can pass on it.
 */
function evaluate(check: Check, ctx: CheckContext): CheckOutcome {
  const outcome = evaluateKind(check, ctx);
  if (outcome.passed && check.requires) {
    const unmet = unmetPrecondition(check.requires, ctx.run);
    if (unmet) return { ...outcome, passed: false, observed: unmet };
  }
  if (ctx.run.ok || check.kind === 'rejects') return outcome;
  const first = ctx.run.errors[0];
  return {
    ...outcome,
    passed: false,
    observed: msg(
      `시뮬레이터가 설계를 거부했습니다${first ? `: ${first.message.ko}` : '.'}`,
      `The simulator rejected the design${first ? `: ${first.message.en}` : '.'}`,
    ),
  };
}

function evaluateKind(check: Check, ctx: CheckContext): CheckOutcome {
  switch (check.kind) {
    case 'path':
      return checkPath(check, ctx);
    case 'count':
      return checkCount(check, ctx);
    case 'state':
      return checkState(check, ctx);
    case 'rejects':
      return checkRejects(check, ctx);
    case 'reference':
      return checkReference(check, ctx);
    case 'objective':
      return checkObjective(check, ctx);
    case 'change':
      return checkChange(check, ctx);
    case 'predict':
      return checkPredict(check, ctx);
  }
}

/** The run of data that did not fit the target's schema. */
const unfitRun = (v: LabVariant, errors: ConfigIssue[]): SimResult => ({
  ok: false,
  target: v.lab.target,
  errors,
  events: [],
  state: null,
  stats: { events: 0, cycles: 0, work: 0 },
});

/** Run parsed text the lab's way (the reference solution); unfit text gives a failed run. */
function runParsed(v: LabVariant, parsed: ParsedSubmission): SimResult {
  const p = prepareParsed(v, parsed);
  return p.gradable ? runPrepared(p, v) : unfitRun(v, p.errors);
}

/**
 * What depends on the variant only (lab and learner), never on the submission — the reference run, the starter's
 * data, a predict lab's configuration — a warm grader keeps per lab and learner instead of computing it again at every attempt. Bounded; pure, so
 * caching cannot change a grade.
 */
const VARIANTS_KEPT_PER_LAB = 512;

function perVariant<T>(compute: (v: LabVariant) => T): (v: LabVariant) => T {
  const kept = new WeakMap<Lab, Map<string, T>>();
  return (v) => {
    let values = kept.get(v.lab);
    if (!values) kept.set(v.lab, (values = new Map()));
    if (values.has(v.learnerId)) return values.get(v.learnerId)!;
    const value = compute(v);
    if (values.size >= VARIANTS_KEPT_PER_LAB) values.delete(values.keys().next().value!);
    values.set(v.learnerId, value);
    return value;
  };
}

const referenceRun = perVariant((v) => runParsed(v, parseSubmission(v.reference)));

/** A predict lab's `given` configuration, parsed (read only: preparing it copies it). */
const givenParsed = perVariant((v) => parseSubmission(v.given ?? ''));

/** The starter's checked data, which change checks compare the submission with (read only). */
const starterData = perVariant((v) => {
  const p = prepareParsed(v, parseSubmission(v.starter));
  return p.gradable ? p.data : undefined;
});

/** The first counterfactual the simulator offered among the events a failed check looked at, or in the run. */
function fixFor(check: Check, events: readonly TraceEvent[], sim: SimResult): Msg | undefined {
  const own = events.find((e) => e.fix)?.fix;
  if (own) return own;
  // Otherwise only a failure of something the check names (a guest, packet, array…): a fix about another guest
  // would send the learner to a part of the design this check does not judge.
  const named = namesIn(check);
  return sim.events.find((e) => e.fix && e.outcome && e.outcome !== 'ok' && e.subject && named.has(e.subject))?.fix;
}

/** Every name a check's selectors, filters, paths and preconditions mention (its texts are left out). */
function namesIn(check: Check): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const token of value.split(/[.[\]=,\s]+/)) if (token) names.add(token.replace(/\*$/, ''));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) if (!TEXT_FIELDS.has(key)) walk(v);
    }
  };
  walk(check);
  names.delete('');
  return names;
}

const TEXT_FIELDS = new Set(['title', 'feedback', 'hints']);

function summarize(sim: SimResult): TraceSummary {
  const lanes: TraceSummary['lanes'] = {};
  const hypercalls: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  for (const e of sim.events) {
    lanes[e.lane] = (lanes[e.lane] ?? 0) + 1;
    if (e.hypercall) hypercalls[e.hypercall.name] = (hypercalls[e.hypercall.name] ?? 0) + 1;
    if (e.outcome) outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;
  }
  return { events: sim.stats.events, cycles: sim.stats.cycles, work: sim.stats.work, lanes, hypercalls, outcomes };
}

/** The events behind failed checks plus the failures themselves, else the start of the trace; bounded. */
function excerpt(sim: SimResult, failedEvents: TraceEvent[]): TraceEvent[] {
  const seqs = new Set<number>(failedEvents.map((e) => e.seq));
  for (const e of sim.events) if (e.outcome && e.outcome !== 'ok') seqs.add(e.seq);
  const chosen = seqs.size ? [...seqs].sort((a, b) => a - b).map((s) => sim.events[s]) : sim.events;
  return chosen.slice(0, EXCERPT_LIMITS.traceEvents);
}

/** The lab's picture paths (or the whole state), dropped to a note when too large to store. */
function stateExcerpt(lab: Lab, state: unknown): unknown {
  if (state === null || state === undefined) return null;
  const pick = (path: string) => {
    const values = readPath(state, path).map((at) => at.value);
    return values.length === 1 ? values[0] : values;
  };
  const picked = lab.picture.length ? Object.fromEntries(lab.picture.map((p) => [p, pick(p)])) : state;
  const size = JSON.stringify(picked).length;
  return size <= EXCERPT_LIMITS.stateBytes ? picked : { truncated: true, bytes: size };
}

/** A predict lab's answer: `answers: { question: number | text }`, nothing else. */
function parseAnswers(
  parsed: ParsedSubmission,
): { ok: true; answers: Record<string, unknown> } | { ok: false; errors: ConfigIssue[] } {
  if (!parsed.ok) return parsed;
  const { answers, ...rest } = parsed.value;
  const extra = Object.keys(rest);
  const fine =
    answers &&
    typeof answers === 'object' &&
    !Array.isArray(answers) &&
    Object.values(answers).every((x) => typeof x === 'number' || typeof x === 'string');
  if (!fine || extra.length) {
    return {
      ok: false,
      errors: [
        {
          path: extra.length ? extra[0] : 'answers',
          line: parsed.lineOf(extra.length ? extra[0] : 'answers') ?? 1,
          message: msg(
            '예측 실습의 답은 `answers: { 질문: 숫자 또는 글 }` 하나뿐입니다.',
            'A predict lab is answered with `answers: { question: number or text }` only.',
          ),
        },
      ],
    };
  }
  return { ok: true, answers: answers as Record<string, unknown> };
}

const notGradable = (
  base: Pick<GradeResult, 'maxScore' | 'graderVersion' | 'labId' | 'labVersion' | 'params'>,
  errors: ConfigIssue[],
): GradeResult => ({
  ...base,
  gradable: false,
  score: 0,
  checks: [],
  errors,
  traceExcerpt: [],
  trace: { events: 0, cycles: 0, work: 0, lanes: {}, hypercalls: {}, outcomes: {} },
  stateExcerpt: null,
  simOk: false,
});

export function gradeSubmission(input: GradeInput): GradeResult {
  const { lab, text, learnerId, format } = input;
  const v = variantFor(lab, learnerId);
  const base = {
    maxScore: maxScore(lab),
    graderVersion: GRADER_VERSION,
    labId: lab.id,
    labVersion: lab.version,
    params: v.params,
  };
  const submitted = parseSubmission(text, format);
  // A predict lab runs its own `given` configuration; the learner's text holds only the answers.
  const answers = lab.kind === 'predict' ? parseAnswers(submitted) : undefined;
  if (answers && !answers.ok) return notGradable(base, answers.errors);
  const parsed = lab.kind === 'predict' ? givenParsed(v) : submitted;
  const prepared = prepareParsed(v, parsed);
  if (!prepared.gradable) return notGradable(base, prepared.errors);
  const run = runPrepared(prepared, v);
  let ref: SimResult | undefined;
  // A probe's patch is its check's own object: the submission is prepared with it once, for the probe's run and for
  // naming what the run's errors point at.
  const patched = new Map<Record<string, unknown>, Prepared>();
  const preparedWith = (patch: Record<string, unknown>): Prepared => {
    let p = patched.get(patch);
    if (!p) patched.set(patch, (p = prepareParsed(v, parsed, patch)));
    return p;
  };
  const ctx: CheckContext = {
    run,
    reference: () => (ref ??= referenceRun(v)),
    probe: (patch) => {
      const p = preparedWith(patch);
      // A probe's errors are matched by path and message, never shown with a line, so none is looked up.
      return p.gradable ? simulateValid(v.lab.target, p.valid, { seed: v.seed }) : unfitRun(v, p.errors);
    },
    dataOf: (patch) => {
      const p = patch ? preparedWith(patch) : prepared;
      return p.gradable ? p.data : undefined;
    },
    starterData: () => starterData(v),
    ...(answers?.ok ? { answers: answers.answers } : {}),
  };
  const failedEvents: TraceEvent[] = [];
  const checks: CheckResult[] = v.checks.map((check) => {
    const o = evaluate(check, ctx);
    if (!o.passed) failedEvents.push(...o.events.slice(0, EXCERPT_LIMITS.eventsPerCheck));
    const fix = o.passed ? undefined : fixFor(check, o.events, run);
    return {
      id: check.id,
      kind: check.kind,
      title: check.title,
      points: check.points,
      earned: o.passed ? check.points : Math.floor(check.points * (o.fraction ?? 0)),
      passed: o.passed,
      observed: o.observed,
      expected: o.expected,
      feedback: o.passed ? check.feedback.pass : check.feedback.fail,
      hints: o.passed ? [] : check.hints,
      ...(fix ? { fix } : {}),
      events: o.events.slice(0, EXCERPT_LIMITS.eventsPerCheck).map((e) => e.seq),
    };
  });
  // A design's objective counts only once every constraint holds: an optimum that breaks one is no design.
  const constraintsMet = checks.every((c) => c.passed || c.kind === 'objective');
  if (!constraintsMet) {
    for (const c of checks) {
      if (c.kind !== 'objective') continue;
      c.earned = 0;
      c.passed = false;
      c.observed = msg(
        '제약 조건을 모두 지켜야 목적 점수를 받습니다.',
        'The objective scores only once every constraint holds.',
      );
    }
  }
  const misconception = closestMisconception(
    lab,
    checks.filter((c) => !c.passed).map((c) => c.id),
  );
  return {
    ...base,
    gradable: true,
    ...(misconception ? { misconception } : {}),
    score: checks.reduce((s, c) => s + c.earned, 0),
    checks,
    errors: run.errors,
    traceExcerpt: excerpt(run, failedEvents),
    trace: summarize(run),
    stateExcerpt: stateExcerpt(lab, run.state),
    simOk: run.ok,
  };
}
