/**
 * Dotted paths into plain data, for the lab's workload (set) and state checks (read):
 * `guests.web.status`, `disks[2]`, `guests[name=web].workload` (the list element whose `name` is web),
 * and `*` (every key or element) when reading.
 */
type Segment = { key: string } | { index: number } | { name: string } | { any: true };

/**
 * Paths come from lab files (workload, checks, picture), so a grader parses the same few again at every submission:
 * their segments are kept (bounded; segments are never modified).
 */
const PATHS_KEPT = 2048;
const parsedPaths = new Map<string, readonly Segment[]>();

function parsePath(path: string): readonly Segment[] {
  let segs = parsedPaths.get(path);
  if (!segs) {
    if (parsedPaths.size >= PATHS_KEPT) parsedPaths.clear();
    parsedPaths.set(path, (segs = splitSegments(path)));
  }
  return segs;
}

function splitSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.match(/\[[^\]]*\]|[^.[\]]+/g) ?? []) {
    if (part === '*' || part === '[*]') out.push({ any: true });
    else if (/^\[\d+\]$/.test(part)) out.push({ index: Number(part.slice(1, -1)) });
    else if (part.startsWith('[name=')) out.push({ name: part.slice(6, -1) });
    else out.push({ key: part });
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function child(node: unknown, seg: Segment): { found: boolean; value?: unknown } {
  if ('key' in seg)
    return isRecord(node) && Object.hasOwn(node, seg.key) ? { found: true, value: node[seg.key] } : { found: false };
  if ('index' in seg)
    return Array.isArray(node) && seg.index < node.length ? { found: true, value: node[seg.index] } : { found: false };
  if ('name' in seg) {
    const hit = Array.isArray(node) ? node.find((e) => isRecord(e) && e.name === seg.name) : undefined;
    return hit === undefined ? { found: false } : { found: true, value: hit };
  }
  return { found: false };
}

export interface PathValue {
  /** The concrete path (wildcards expanded). */
  path: string;
  found: boolean;
  value?: unknown;
}

const join = (base: string, seg: Segment, label: string | number): string =>
  typeof label === 'number'
    ? `${base}[${label}]`
    : 'name' in seg
      ? `${base}[name=${label}]`
      : base
        ? `${base}.${label}`
        : label;

/** Every value a path reaches; a `*` over an empty or missing container yields nothing. */
export function readPath(root: unknown, path: string): PathValue[] {
  const segs = parsePath(path);
  if (!segs.some((seg) => 'any' in seg)) return [readOne(root, segs)];
  let frontier: PathValue[] = [{ path: '', found: true, value: root }];
  for (const seg of segs) {
    const next: PathValue[] = [];
    for (const at of frontier) {
      if (!at.found) {
        next.push(at);
      } else if ('any' in seg) {
        if (Array.isArray(at.value))
          at.value.forEach((v, i) => next.push({ path: join(at.path, seg, i), found: true, value: v }));
        else if (isRecord(at.value))
          for (const [k, v] of Object.entries(at.value))
            next.push({ path: join(at.path, seg, k), found: true, value: v });
        else next.push({ path: `${at.path}.*`, found: false });
      } else {
        const label = 'key' in seg ? seg.key : 'index' in seg ? seg.index : seg.name;
        const c = child(at.value, seg);
        next.push({ path: join(at.path, seg, label), ...c });
      }
    }
    frontier = next;
  }
  return frontier;
}

/** readPath without a wildcard: one value, walked without a frontier (the same result, built once). */
function readOne(root: unknown, segs: readonly Segment[]): PathValue {
  let path = '';
  let value = root;
  for (const seg of segs) {
    const label = 'key' in seg ? seg.key : 'index' in seg ? seg.index : (seg as { name: string }).name;
    const c = child(value, seg);
    path = join(path, seg, label);
    if (!c.found) return { path, found: false };
    value = c.value;
  }
  return { path, found: true, value };
}

/**
 * Set a value in place, creating missing objects along plain keys. Returns false when the path cannot be
 * reached (a `[name=x]` with no such element, or a scalar in the way).
 */
export function writePath(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const segs = parsePath(path);
  let node: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if ('any' in seg) return false;
    if ('key' in seg) {
      if (!isRecord(node)) return false;
      if (last) {
        node[seg.key] = value;
        return true;
      }
      if (!isRecord(node[seg.key]) && !Array.isArray(node[seg.key])) node[seg.key] = {};
      node = node[seg.key];
    } else if ('index' in seg) {
      if (!Array.isArray(node) || seg.index > node.length) return false;
      if (last) {
        node[seg.index] = value;
        return true;
      }
      node = node[seg.index];
    } else {
      const c = child(node, seg);
      if (!c.found || last) return false;
      node = c.value;
    }
  }
  return false;
}

/**
 * The same location addressed by name: each `[n]` whose element has a `name` becomes `[name=x]`, so a lab can
 * match a simulator error on `guests[1].kernel` as `guests[name=win].kernel` whatever the order of the guests.
 */
export function namedPath(root: unknown, path: string): string {
  let node: unknown = root;
  let out = '';
  for (const seg of parsePath(path)) {
    if ('index' in seg) {
      const el = Array.isArray(node) ? node[seg.index] : undefined;
      out += isRecord(el) && typeof el.name === 'string' ? `[name=${el.name}]` : `[${seg.index}]`;
      node = el;
    } else if ('key' in seg) {
      out += out ? `.${seg.key}` : seg.key;
      node = isRecord(node) ? node[seg.key] : undefined;
    } else {
      const c = child(node, seg);
      out += 'name' in seg ? `[name=${seg.name}]` : '.*';
      node = c.value;
    }
  }
  return out;
}

/** True when a path addresses a list element by its position (`[2]`), which a lab must never do. */
export const hasIndexSegment = (path: string): boolean => parsePath(path).some((s) => 'index' in s);

/**
 * A deep copy of parsed data, as structuredClone makes it (parts shared within the value stay shared, a cycle stays
 * a cycle), without its serialization: objects and arrays are copied directly, anything else by structuredClone.
 */
export function cloneData<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (copyData(value, new Map()) as T);
}

function copyData(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copyData(item, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const out = structuredClone(value);
    seen.set(value, out);
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key], seen);
    // An own `__proto__` key stays a key (assigning it would set the prototype).
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: item, enumerable: true, configurable: true, writable: true });
    else out[key] = item;
  }
  return out;
}
