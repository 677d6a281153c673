/** `state` checks: predicates on the final state (guest status, usable capacity, data intact…). */
import { msg } from '../../i18n.ts';
import type { CheckOf, StatePredicate } from '../../labs/lab-schema.ts';
import { readPath, type PathValue } from '../data-path.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

export const show = (v: unknown): string => {
  const text = v === undefined ? '∅' : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || !a || !b || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual(Reflect.get(a, k), Reflect.get(b, k)));
}

function sizeOf(v: unknown): number | undefined {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  if (typeof v === 'string') return v.length;
  return undefined;
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
}

/** The predicate with `ref` resolved against the state, so `holds` only ever sees a literal value. */
function resolve(p: StatePredicate, state: unknown): StatePredicate {
  if (p.ref === undefined) return p;
  const [at] = readPath(state, p.ref);
  return { ...p, value: at?.found ? at.value : undefined };
}

function holds(p: StatePredicate, at: PathValue): boolean {
  if (p.op === 'exists') return at.found;
  if (p.op === 'absent') return !at.found;
  if (!at.found) return false;
  if (p.ref !== undefined && p.value === undefined) return false;
  const v = at.value;
  switch (p.op) {
    case 'eq':
      return deepEqual(v, p.value);
    case 'ne':
      return !deepEqual(v, p.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(p.op, v, p.value);
    case 'in':
      return Array.isArray(p.value) && p.value.some((x) => deepEqual(x, v));
    case 'contains':
      return Array.isArray(v)
        ? v.some((x) => deepEqual(x, p.value))
        : typeof v === 'string' && v.includes(String(p.value));
    case 'size': {
      const n = sizeOf(v);
      if (n === undefined) return false;
      if (typeof p.value === 'number') return n === p.value;
      const b = (p.value ?? {}) as { min?: number; max?: number };
      return (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
    }
  }
}

const showPredicate = (p: StatePredicate): string =>
  p.op === 'exists' || p.op === 'absent' ? `${p.path} ${p.op}` : `${p.path} ${p.op} ${p.ref ?? show(p.value)}`;

/** The predicates that do not hold on `state`, each as "path = value" (empty when all hold). */
export function failingPredicates(expect: readonly StatePredicate[], state: unknown): string[] {
  const failing: string[] = [];
  for (const raw of expect) {
    const p = resolve(raw, state);
    const values = readPath(state, p.path);
    // "every" over nothing is not a pass: a wildcard must reach at least one value (absent excepted).
    if (values.length === 0 && p.op !== 'absent') failing.push(`${p.path} = ∅`);
    // With `ref`, show the other side too: "a = 1 / b = 1" explains a failed `ne`.
    const other = p.ref !== undefined ? ` / ${p.ref} = ${show(p.value)}` : '';
    for (const at of values) if (!holds(p, at)) failing.push(`${at.path} = ${at.found ? show(at.value) : '∅'}${other}`);
  }
  return failing;
}

export const showFailing = (failing: readonly string[]): string =>
  failing.slice(0, 4).join('; ') + (failing.length > 4 ? ` (+${failing.length - 4})` : '');

/** What a check expects, written out once per check (it is the lab's, whatever the submission). */
const expectedOf = new WeakMap<CheckOf<'state'>, string>();

export function checkState(check: CheckOf<'state'>, ctx: CheckContext): CheckOutcome {
  let expected = expectedOf.get(check);
  if (expected === undefined) expectedOf.set(check, (expected = check.expect.map(showPredicate).join('; ')));
  if (ctx.run.state === null) {
    return {
      passed: false,
      observed: msg(
        '시뮬레이터가 설계를 거부해 최종 상태가 없습니다.',
        'The simulator rejected the design, so there is no final state.',
      ),
      expected,
      events: [],
    };
  }
  const failing = failingPredicates(check.expect, ctx.run.state);
  const observed =
    failing.length === 0
      ? check.expect
          .flatMap((p) =>
            readPath(ctx.run.state, p.path)
              .slice(0, 3)
              .map((at) => `${at.path} = ${show(at.value)}`),
          )
          .join('; ')
      : showFailing(failing);
  return { passed: failing.length === 0, observed, expected, events: [] };
}
