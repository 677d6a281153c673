/**
 * Per-learner variants: each learner gets their own numbers for a lab, drawn deterministically from
 * `${learnerId}:${labId}`, so the same learner always sees (and is graded on) the same variant and two learners
 * rarely share one.
 */
import { createRng, hashSeed } from '../random.ts';
import type { Msg } from '../i18n.ts';
import type { Check, Lab, ParamSpec } from './lab-schema.ts';

export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

/** The seed of a learner's variant; the simulator run uses the same one. */
export const variantSeed = (learnerId: string, labId: string): string => `${learnerId}:${labId}`;

/** Draw every declared parameter, in declaration order. A record choice becomes `name.field` entries. */
export function drawParams(lab: Pick<Lab, 'id' | 'params'>, learnerId: string): Params {
  const rng = createRng(variantSeed(learnerId, lab.id));
  const out: Params = {};
  for (const [name, spec] of Object.entries(lab.params)) {
    const value = drawOne(spec, rng);
    if (typeof value === 'object') for (const [field, v] of Object.entries(value)) out[`${name}.${field}`] = v;
    else out[name] = value;
  }
  return out;
}

/**
 * Every parameter as the range it is drawn from ("24–48", "24/32/48"): how a text about the whole class reads,
 * such as a check title on the teacher's analytics, where no one learner's numbers apply.
 */
export function paramRanges(lab: Pick<Lab, 'params'>): Params {
  const out: Params = {};
  const distinct = (values: readonly ParamValue[]) => [...new Set(values.map(String))].join('/');
  for (const [name, spec] of Object.entries(lab.params)) {
    if (spec.kind === 'int') out[name] = spec.min === spec.max ? spec.min : `${spec.min}–${spec.max}`;
    else if (spec.values.every((v) => typeof v !== 'object')) out[name] = distinct(spec.values);
    else {
      const records = spec.values.filter((v) => typeof v === 'object');
      for (const field of new Set(records.flatMap((r) => Object.keys(r))))
        out[`${name}.${field}`] = distinct(records.flatMap((r) => (field in r ? [r[field]] : [])));
    }
  }
  return out;
}

function drawOne(spec: ParamSpec, rng: ReturnType<typeof createRng>): ParamValue | Record<string, ParamValue> {
  if (spec.kind === 'choice') return rng.pick(spec.values);
  const steps = Math.floor((spec.max - spec.min) / spec.step);
  return spec.min + rng.int(0, steps) * spec.step;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
const REPEAT = /\{\{#repeat\s+([A-Za-z_][\w.]*)\s*\}\}([\s\S]*?)\{\{\/repeat\}\}/g;

/** The index inside a repeat block, from 1 (`i`) and from 0 (`i0`); not param names a lab may declare. */
export const REPEAT_INDEX = 'i';
export const REPEAT_INDEX0 = 'i0';

/** In data, a list element `{ $repeat: n, each: item }` becomes `n` copies of item, with `{{i}}`/`{{i0}}` inside. */
const REPEAT_KEY = '$repeat';
/** A repeat writes at most this many copies, so a param cannot blow up a text or a workload. */
const MAX_REPEAT = 1000;

/** Names used as `{{name}}` or `$repeat: name` anywhere inside a value (for the loader to catch undeclared ones). */
export function placeholdersIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) into.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => placeholdersIn(v, into));
  else if (value && typeof value === 'object') {
    const repeat = (value as Record<string, unknown>)[REPEAT_KEY];
    if (typeof repeat === 'string') into.add(repeat);
    Object.values(value).forEach((v) => placeholdersIn(v, into));
  }
  return into;
}

function expandRepeat(item: unknown, params: Params): unknown[] | undefined {
  if (!item || typeof item !== 'object' || Array.isArray(item) || !(REPEAT_KEY in item)) return undefined;
  const { [REPEAT_KEY]: name, each } = item as { $repeat: unknown; each?: unknown };
  const n = typeof name === 'string' ? Number(params[name]) : NaN;
  if (!Number.isInteger(n) || n < 0) return undefined;
  return Array.from({ length: Math.min(n, MAX_REPEAT) }, (_, k) =>
    fillData(each, { ...params, [REPEAT_INDEX]: k + 1, [REPEAT_INDEX0]: k }),
  );
}

/**
 * Replace `{{name}}` inside a text. `{{#repeat n}}…{{/repeat}}` writes its body `n` times (a param), with `{{i}}`
 * = 1, 2, … and `{{i0}}` = 0, 1, …: how a text lists "one guest per server" when the number of servers is the learner's. Unknown names
 * are left as they are (the loader rejects them beforehand).
 */
export function fillText(text: string, params: Params): string {
  const repeated = text.replace(REPEAT, (all, name: string, body: string) => {
    const n = Number(params[name]);
    if (!Number.isInteger(n) || n < 0) return all;
    return Array.from({ length: Math.min(n, MAX_REPEAT) }, (_, k) =>
      fillText(body, { ...params, [REPEAT_INDEX]: k + 1, [REPEAT_INDEX0]: k }),
    ).join('');
  });
  return repeated.replace(PLACEHOLDER, (all, name: string) => (name in params ? String(params[name]) : all));
}

/**
 * Replace placeholders inside data. A string that is exactly one placeholder becomes the raw value, so
 * `min: "{{capacity}}"` stays a number; keys are left alone.
 */
export function fillData<T>(value: T, params: Params): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && whole[1] in params) return params[whole[1]] as T;
    return fillText(value, params) as T;
  }
  if (Array.isArray(value)) return value.flatMap((v) => expandRepeat(v, params) ?? [fillData(v, params)]) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillData(v, params)])) as T;
  }
  return value;
}

const fillMsg = (m: Msg, params: Params): Msg => ({ ko: fillText(m.ko, params), en: fillText(m.en, params) });

/** A lab as one learner meets it: every placeholder filled with their numbers. */
export interface LabVariant {
  lab: Lab;
  learnerId: string;
  params: Params;
  /** Seed for the simulator run (the same for the submission and the reference). */
  seed: number;
  statement: Msg;
  starter: string;
  workload: Record<string, unknown>;
  surround: Lab['surround'];
  checks: Check[];
  reference: string;
  /** Predict labs: the configuration the learner predicts, with their numbers. */
  given?: string;
}

/**
 * A learner meets the same variant at every attempt, so a warm process keeps it (per lab, bounded) rather than
 * filling every text again. Pure: the cache cannot change what a learner sees.
 */
const VARIANTS_PER_LAB = 512;
const variants = new WeakMap<Lab, Map<string, LabVariant>>();

export function variantFor(lab: Lab, learnerId: string): LabVariant {
  let known = variants.get(lab);
  if (!known) variants.set(lab, (known = new Map()));
  let v = known.get(learnerId);
  if (!v) {
    v = fillVariant(lab, learnerId);
    if (known.size >= VARIANTS_PER_LAB) known.delete(known.keys().next().value!);
    known.set(learnerId, v);
  }
  return v;
}

function fillVariant(lab: Lab, learnerId: string): LabVariant {
  const params = drawParams(lab, learnerId);
  return {
    lab,
    learnerId,
    params,
    seed: hashSeed(variantSeed(learnerId, lab.id)),
    statement: fillMsg(lab.statement, params),
    starter: fillText(lab.starter, params),
    workload: fillData(lab.workload, params),
    surround: fillData(lab.surround, params),
    checks: fillData(lab.checks, params),
    reference: fillText(lab.reference, params),
    ...(lab.given !== undefined ? { given: fillText(lab.given, params) } : {}),
  };
}
