import { msg } from '../i18n.ts';
import { validate, type ConfigIssue } from '../validation.ts';
import { parseConfigText, withLines, type ConfigFormat } from '../config-text.ts';
import { SIM_LIMITS, type SimLimits } from './limits.ts';
import { SIMULATORS } from './registry.ts';
import { TARGETS, type AnySimulator, type SimResult, type TargetName } from './target.ts';
import { Trace, WorkLimitExceeded, limitMessage } from './trace.ts';

export interface SimulateOptions {
  seed?: number;
  limits?: SimLimits;
}

const empty = (target: TargetName, errors: ConfigIssue[]): SimResult => ({
  ok: false,
  target,
  errors,
  events: [],
  state: null,
  stats: { events: 0, cycles: 0, work: 0 },
});

/** The target a configuration names; `server` when it names none. */
export function targetOf(input: unknown): TargetName | undefined {
  const t = input && typeof input === 'object' ? (input as { target?: unknown }).target : undefined;
  if (t === undefined) return 'server';
  return (TARGETS as readonly unknown[]).includes(t) ? (t as TargetName) : undefined;
}

/** Run a configuration (already parsed data) in the simulator of its target. Pure and bounded; never throws. */
export function simulate(input: unknown, options: SimulateOptions = {}): SimResult {
  const target = targetOf(input);
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return empty('server', [
      {
        path: '',
        message: msg(
          '설정은 키와 값으로 된 객체여야 합니다.',
          'The configuration must be an object of keys and values.',
        ),
      },
    ]);
  }
  if (!target) {
    return empty('server', [
      {
        path: 'target',
        message: msg(
          `알 수 없는 대상입니다. 다음 중 하나를 쓰세요: ${TARGETS.join(', ')}`,
          `Unknown target. Use one of: ${TARGETS.join(', ')}`,
        ),
      },
    ]);
  }
  const parsed = validate(SIMULATORS[target].schema, input);
  if (!parsed.ok) return empty(target, parsed.issues);
  return simulateValid(target, parsed.value, options);
}

/**
 * Run a configuration that already passed its target's schema (`validate(SIMULATORS[target].schema, …)`'s value):
 * the semantic checks and the run, without validating again. For callers that validated it themselves, such as the
 * grader's prepareParsed; anything else goes through simulate(). Pure and bounded; never throws.
 */
export function simulateValid(target: TargetName, valid: unknown, options: SimulateOptions = {}): SimResult {
  const limits = options.limits ?? SIM_LIMITS;
  const simulator: AnySimulator = SIMULATORS[target];
  const semantic = simulator.check(valid, limits);
  if (semantic.length) return empty(target, semantic);
  const trace = new Trace(limits, simulator.eventWork);
  try {
    const state = simulator.run(valid, trace, { seed: options.seed ?? 0, limits });
    return {
      ok: true,
      target,
      errors: [],
      events: trace.events,
      state,
      stats: { events: trace.events.length, cycles: trace.totalCycles, work: trace.totalWork },
    };
  } catch (err) {
    if (!(err instanceof WorkLimitExceeded)) throw err;
    return {
      ...empty(target, [{ path: '', message: limitMessage(err.limit, limits[err.limit]) }]),
      events: trace.events,
      stats: { events: trace.events.length, cycles: trace.totalCycles, work: trace.totalWork },
    };
  }
}

/** Parse YAML or JSON text and simulate it; errors carry the line they point at. */
export function simulateText(text: string, options: SimulateOptions & { format?: ConfigFormat } = {}): SimResult {
  const parsed = parseConfigText(text, options.format);
  if (!parsed.ok) return empty('server', parsed.issues);
  const result = simulate(parsed.value, options);
  return result.errors.length ? { ...result, errors: withLines(result.errors, parsed) } : result;
}
