/**
 * `change` checks (debug labs): how far the submission moved from the broken starter, measured on the data, not the
 * text — reformatting, comments and reordering named items cost nothing; each value changed, added or removed costs
 * one per leaf.
 */
import { msg } from '../../i18n.ts';
import type { CheckOf } from '../../labs/lab-schema.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const named = (v: unknown): v is Record<string, unknown> & { name: string } =>
  isRecord(v) && typeof v.name === 'string';

/** Leaves of a value: a scalar is one, a container the sum of its parts (an empty one counts one). */
function leaves(v: unknown): number {
  if (Array.isArray(v))
    return Math.max(
      1,
      v.reduce<number>((n, x) => n + leaves(x), 0),
    );
  if (isRecord(v))
    return Math.max(
      1,
      Object.values(v).reduce<number>((n, x) => n + leaves(x), 0),
    );
  return 1;
}

/** The changed paths between two values, each with its cost; bounded by `limit` entries. */
export function structuralDiff(
  a: unknown,
  b: unknown,
  path = '',
  out: Array<{ path: string; cost: number }> = [],
  limit = 200,
): Array<{ path: string; cost: number }> {
  if (out.length >= limit) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.every(named) && b.every(named)) {
      const right = new Map(b.map((x) => [x.name, x]));
      for (const x of a) {
        const y = right.get(x.name);
        if (y === undefined) out.push({ path: `${path}[name=${x.name}]`, cost: leaves(x) });
        else structuralDiff(x, y, `${path}[name=${x.name}]`, out, limit);
      }
      const left = new Set(a.map((x) => x.name));
      for (const y of b) if (!left.has(y.name)) out.push({ path: `${path}[name=${y.name}]`, cost: leaves(y) });
      return out;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) out.push({ path: `${path}[${i}]`, cost: leaves(b[i]) });
      else if (i >= b.length) out.push({ path: `${path}[${i}]`, cost: leaves(a[i]) });
      else structuralDiff(a[i], b[i], `${path}[${i}]`, out, limit);
    }
    return out;
  }
  if (isRecord(a) && isRecord(b)) {
    // a's keys, then b's own keys a lacks: the order of their union, without building it.
    for (const k of Object.keys(a)) diffKey(a, b, k, path, out, limit);
    for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) diffKey(a, b, k, path, out, limit);
    return out;
  }
  // Equal scalars are the common case, and cannot differ as JSON; anything else is compared as JSON.
  if (a !== b && JSON.stringify(a) !== JSON.stringify(b))
    out.push({ path: path || '(root)', cost: Math.max(leaves(a), leaves(b)) });
  return out;
}

function diffKey(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  k: string,
  path: string,
  out: Array<{ path: string; cost: number }>,
  limit: number,
): void {
  const p = path ? `${path}.${k}` : k;
  if (!(k in b)) out.push({ path: p, cost: leaves(a[k]) });
  else if (!(k in a)) out.push({ path: p, cost: leaves(b[k]) });
  else structuralDiff(a[k], b[k], p, out, limit);
}

export function checkChange(check: CheckOf<'change'>, ctx: CheckContext): CheckOutcome {
  const diff = structuralDiff(ctx.starterData(), ctx.dataOf());
  const size = diff.reduce((n, d) => n + d.cost, 0);
  const shown =
    diff
      .slice(0, 6)
      .map((d) => d.path)
      .join(', ') + (diff.length > 6 ? ', …' : '');
  return {
    passed: size <= check.max,
    observed: msg(
      `시작 설정에서 ${size}곳을 바꿈${shown ? `: ${shown}` : ''}`,
      `${size} change${size === 1 ? '' : 's'} from the starter${shown ? `: ${shown}` : ''}`,
    ),
    expected: msg(`${check.max}곳 이하`, `at most ${check.max}`),
    events: [],
  };
}
