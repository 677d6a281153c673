/**
 * From submitted text to a simulator run, the lab's way: parse, force the lab's target, lay the lab's workload
 * over whatever the learner wrote there, validate against the target's schema, simulate with the variant's seed.
 */
import { msg } from '../i18n.ts';
import { parseConfigText, type ConfigFormat } from '../config-text.ts';
import { validate, type ConfigIssue } from '../validation.ts';
import { SIMULATORS } from '../sim/registry.ts';
import { simulateValid } from '../sim/simulate.ts';
import type { SimResult } from '../sim/target.ts';
import type { Lab } from '../labs/lab-schema.ts';
import { variantFor, type LabVariant } from '../labs/variant.ts';
import { cloneData, readPath, writePath } from './data-path.ts';

export type Prepared =
  | {
      gradable: true;
      /** The submission with the lab's workload in place, as written (what checks on the configuration read). */
      data: Record<string, unknown>;
      /** `data` as the target's schema returned it: validated once here, run without validating again. */
      valid: unknown;
      lineOf: (path: string) => number | undefined;
    }
  | { gradable: false; errors: ConfigIssue[] };

/** Submitted text as data, with the way back to its lines; or why it is not gradable. */
export type ParsedSubmission =
  | { ok: true; value: Record<string, unknown>; lineOf: (path: string) => number | undefined }
  | { ok: false; errors: ConfigIssue[] };

export function parseSubmission(text: string, format?: ConfigFormat): ParsedSubmission {
  const parsed = parseConfigText(text, format);
  if (!parsed.ok) return { ok: false, errors: parsed.issues };
  if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          line: 1,
          message: msg(
            '설정은 키와 값으로 된 객체여야 합니다.',
            'The configuration must be an object of keys and values.',
          ),
        },
      ],
    };
  }
  return { ok: true, value: parsed.value as Record<string, unknown>, lineOf: parsed.lineOf };
}

/**
 * Validate parsed submission data for a lab variant. Not gradable = syntax or schema errors (no attempt spent).
 * `patch` (from a lab's probing check, never from the learner) is set after the workload, so it may change it.
 * The parsed data is not modified, so one parse serves the submission and every probe.
 */
export function prepareParsed(v: LabVariant, parsed: ParsedSubmission, patch: Record<string, unknown> = {}): Prepared {
  if (!parsed.ok) return { gradable: false, errors: parsed.errors };
  const data = applyWorkload(parsed.value, v);
  for (const [path, value] of Object.entries(patch)) writePath(data, path, cloneData(value));
  const simulator = SIMULATORS[v.lab.target];
  if (!simulator) {
    return {
      gradable: false,
      errors: [
        {
          path: 'target',
          message: msg(
            `'${v.lab.target}' 시뮬레이터가 아직 없습니다.`,
            `The '${v.lab.target}' simulator is not available.`,
          ),
        },
      ],
    };
  }
  const valid = validate(simulator.schema, data);
  if (!valid.ok)
    return { gradable: false, errors: valid.issues.map((i) => ({ ...i, line: i.line ?? parsed.lineOf(i.path) })) };
  return { gradable: true, data, valid: valid.value, lineOf: parsed.lineOf };
}

/** Parse and validate a submission for a lab variant (see prepareParsed). */
export function prepareSubmission(
  v: LabVariant,
  text: string,
  format?: ConfigFormat,
  patch: Record<string, unknown> = {},
): Prepared {
  return prepareParsed(v, parseSubmission(text, format), patch);
}

/**
 * A copy of the submission with the lab's target and workload in place (the learner's values there are replaced)
 * and the lab's `surround` lists wrapped around the learner's lists.
 */
export function applyWorkload(data: Record<string, unknown>, v: LabVariant): Record<string, unknown> {
  const out = cloneData(data);
  out.target = v.lab.target;
  for (const [path, value] of Object.entries(v.workload)) writePath(out, path, cloneData(value));
  for (const [path, { before, after }] of Object.entries(v.surround)) {
    const [mine] = readPath(out, path);
    const own = mine?.found && Array.isArray(mine.value) ? mine.value : [];
    writePath(out, path, cloneData([...before, ...own, ...after]));
  }
  return out;
}

/** Run prepared data with the variant's seed; errors get the submission's line numbers. */
export function runPrepared(p: Extract<Prepared, { gradable: true }>, v: LabVariant): SimResult {
  const sim = simulateValid(v.lab.target, p.valid, { seed: v.seed });
  return sim.errors.length
    ? { ...sim, errors: sim.errors.map((e) => (e.line !== undefined ? e : { ...e, line: p.lineOf(e.path) })) }
    : sim;
}

/**
 * The full run of a learner's submission, for the web UI's trace view (the grade keeps only an excerpt).
 * Returns null when the text is not gradable (then the grade's errors say why).
 */
export function simulateForLab(lab: Lab, text: string, learnerId: string, format?: ConfigFormat): SimResult | null {
  const v = variantFor(lab, learnerId);
  const p = prepareSubmission(v, text, format);
  return p.gradable ? runPrepared(p, v) : null;
}
