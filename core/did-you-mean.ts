import type * as z from 'zod';

/** The zod node types that only wrap another schema: look through them. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The fields of zod's internal definitions this walk reads (each present only on the node types that use it). */
interface ZodDef {
  type: string;
  innerType: z.ZodType;
  in: z.ZodType;
  getter: () => z.ZodType;
  options: z.ZodType[];
  shape: Record<string, z.ZodType>;
  element: z.ZodType;
  valueType: z.ZodType;
}

/**
 * The keys an object schema accepts at a path of the data, across union options (best effort: schemas the walk does
 * not understand give no keys, and then no suggestion).
 */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): Set<string> {
  const keys = new Set<string>();
  const visit = (node: z.ZodType, at: number, depth: number): void => {
    if (depth > 64) return;
    const def = (node as unknown as { _zod: { def: ZodDef } })._zod.def;
    if (WRAPPERS.has(def.type)) return visit(def.innerType, at, depth + 1);
    if (def.type === 'pipe') return visit(def.in, at, depth + 1);
    if (def.type === 'lazy') return visit(def.getter(), at, depth + 1);
    if (def.type === 'union') return def.options.forEach((o) => visit(o, at, depth + 1));
    if (at === path.length) {
      if (def.type === 'object') Object.keys(def.shape).forEach((k) => keys.add(k));
      return;
    }
    const step = path[at];
    if (def.type === 'object' && typeof step === 'string' && step in def.shape)
      return visit(def.shape[step], at + 1, depth + 1);
    if (def.type === 'array' && typeof step === 'number') return visit(def.element, at + 1, depth + 1);
    if (def.type === 'record') return visit(def.valueType, at + 1, depth + 1);
  };
  visit(schema, 0, 0);
  return keys;
}

/** Edit distance with adjacent transpositions (a typo like `vpcus` for `vcpus` costs 1). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The accepted key closest to a mistyped one, if it is close enough to be what was meant. */
export function closestKey(typo: string, accepted: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = typo.toLowerCase();
  for (const key of accepted) {
    const distance = key.toLowerCase() === lower ? 0 : editDistance(lower, key.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [key, distance];
  }
  return bestDistance <= Math.max(1, Math.floor(typo.length / 3)) ? best : undefined;
}
