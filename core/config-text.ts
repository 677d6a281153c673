import { EVENT_ID, YAMLException, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import { msg } from './i18n.ts';
import { NOT_SIMPLE, readSimpleYaml } from './simple-yaml.ts';
import { koreanReason } from './yaml-reasons.ts';
import type { ConfigIssue } from './validation.ts';

/**
 * Explicit limits on what a learner may upload, checked while the text is read (before anything is built from it,
 * and long before any simulation): bytes, nesting, keys of one mapping, values, alias use.
 */
export const TEXT_LIMITS = {
  maxBytes: 64 * 1024,
  maxDepth: 32,
  /** Alias nodes (`*name`) in one text. */
  maxAliases: 64,
  /** Values a text may hold once its aliases are expanded (keys not counted). */
  maxNodes: 20_000,
  /** Values the aliases may add in total (a billion-laughs text adds exponentially many with few aliases). */
  maxAliasExpansion: 1_000,
  /** Keys of one mapping: no configuration of the course needs more; thousands of unknown keys is an attack. */
  maxKeys: 500,
} as const;

export type ConfigFormat = 'yaml' | 'json';

export interface ParsedText {
  ok: true;
  value: unknown;
  format: ConfigFormat;
  /** The 1-based line of a path in the text (`guests[1].mode`), where it can be found. */
  lineOf: (path: string) => number | undefined;
}

export type TextParse = ParsedText | { ok: false; issues: ConfigIssue[]; format: ConfigFormat };

/** What reading one text cost, for tests that bound the work. */
export interface ParseWork {
  /** Events the parser produced (bounded by the bytes and, for nesting, by the parser's depth limit). */
  events: number;
  /** Events the limit check examined before it accepted or refused the text. */
  nodes: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function detectFormat(text: string): ConfigFormat {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

type YamlEvent = ReturnType<typeof parseEvents>[number];

/** Refused while reading: the issue to report. */
class Refusal extends Error {
  constructor(readonly issue: ConfigIssue) {
    super(issue.message.en);
  }
}

const NESTED_TOO_DEEPLY = msg(
  `설정이 너무 깊게 중첩되어 있습니다 (최대 ${TEXT_LIMITS.maxDepth}단계).`,
  `The configuration is nested too deeply (at most ${TEXT_LIMITS.maxDepth} levels).`,
);

/**
 * Parse YAML or JSON text written by a learner or a lab author into plain data, within TEXT_LIMITS.
 *
 * js-yaml reads the text into a flat list of events (its parser stops at twice the depth limit, so hostile nesting
 * costs nothing); one loop over the events then enforces every limit, refuses duplicate and dangerous keys with a
 * Set per mapping (linear, where a pairwise check is quadratic in the keys) and notes where each path starts, for
 * line numbers. Only then are the values built. JSON is YAML 1.2, so both go this way with the same limits.
 */
export function parseConfigText(text: string, chosen?: ConfigFormat, work?: ParseWork): TextParse {
  const format = chosen ?? detectFormat(text);
  const fail = (issues: ConfigIssue[]): TextParse => ({ ok: false, issues, format });
  const bytes = bytesOverLimit(text);
  if (bytes !== undefined) {
    return fail([
      {
        path: '',
        message: msg(
          `설정이 너무 큽니다: ${bytes} 바이트 (최대 ${TEXT_LIMITS.maxBytes} 바이트).`,
          `The configuration is too large: ${bytes} bytes (at most ${TEXT_LIMITS.maxBytes}).`,
        ),
      },
    ]);
  }
  if (text.trim() === '') {
    return fail([{ path: '', message: msg('설정이 비어 있습니다.', 'The configuration is empty.') }]);
  }
  // Most texts are plain YAML the direct reader builds at once; the events, the limit walk and the offsets of every
  // path are then needed only if an issue asks for a line, so they are made on that first call. Counted work is the
  // event path's, so counting reads the full way.
  const simple = work ? NOT_SIMPLE : readSimpleYaml(text, TEXT_LIMITS);
  if (simple !== NOT_SIMPLE) {
    if (chosen === 'json' && !isJson(text)) return fail([NOT_JSON]);
    let where: { offsets: Map<string, number>; lines: number[] } | undefined;
    return {
      ok: true,
      value: simple,
      format,
      lineOf: (path) => {
        where ??= offsetsOf(text);
        return lineOf(where.offsets, where.lines, path);
      },
    };
  }
  const lines = lineStarts(text);
  const what = format === 'json' ? 'JSON' : 'YAML';
  let events: YamlEvent[];
  try {
    events = parseEvents(text, { maxDepth: TEXT_LIMITS.maxDepth * 2 });
  } catch (err) {
    return fail([syntaxIssue(err, what, lines)]);
  }
  if (work) work.events += events.length;
  let offsets: Map<string, number>;
  try {
    offsets = walk(text, events, lines, work);
  } catch (err) {
    if (err instanceof Refusal) return fail([err.issue]);
    throw err;
  }
  let value: unknown;
  try {
    value = constructFromEvents(events, { source: text, maxAliases: TEXT_LIMITS.maxAliases })[0] ?? null;
  } catch (err) {
    return fail([syntaxIssue(err, what, lines)]);
  }
  // JSON is read as YAML 1.2 above, so YAML text would pass as "JSON": when the learner chose JSON, hold them to it.
  if (chosen === 'json' && !isJson(text)) return fail([NOT_JSON]);
  return { ok: true, value, format, lineOf: (path) => lineOf(offsets, lines, path) };
}

/** The text's size in UTF-8 when over the limit. A UTF-16 unit is at most 3 bytes, so a short text is not encoded. */
function bytesOverLimit(text: string): number | undefined {
  if (text.length * 3 <= TEXT_LIMITS.maxBytes) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > TEXT_LIMITS.maxBytes ? bytes : undefined;
}

/** Where each path of a text the direct reader accepted starts (the same walk as the full reading's). */
function offsetsOf(text: string): { offsets: Map<string, number>; lines: number[] } {
  const lines = lineStarts(text);
  const events = parseEvents(text, { maxDepth: TEXT_LIMITS.maxDepth * 2 });
  return { offsets: walk(text, events, lines), lines };
}

/** A parser or builder error as a line-numbered issue (js-yaml's own words are English, so only English quotes them). */
const NOT_JSON: ConfigIssue = {
  path: '',
  line: 1,
  message: msg(
    'JSON 형식을 골랐지만 내용은 JSON이 아닙니다(YAML로 보입니다). 형식을 YAML로 바꾸거나 JSON으로 쓰세요.',
    'JSON was chosen, but the text is not JSON (it reads as YAML). Switch the format to YAML or write JSON.',
  ),
};

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function syntaxIssue(err: unknown, what: string, lines: readonly number[]): ConfigIssue {
  if (!(err instanceof YAMLException)) throw err;
  const at = err.mark ? { line: err.mark.line + 1, col: err.mark.column + 1 } : undefined;
  const line = at?.line ?? (lines.length ? 1 : undefined);
  if (/maxDepth/.test(err.reason)) return { path: '', ...(line ? { line } : {}), message: NESTED_TOO_DEEPLY };
  if (/unknown .*tag|complex keys/.test(err.reason)) {
    return {
      path: '',
      ...(line ? { line } : {}),
      message: msg(
        `지원하지 않는 YAML 형식입니다${at ? ` (${at.line}행)` : ''}: 태그(!!…)나 복합 키 없이 쓰세요.`,
        `Unsupported YAML type${at ? ` at line ${at.line}` : ''}: write it without tags (!!…) or complex keys. (${err.reason})`,
      ),
    };
  }
  const where = at
    ? { ko: ` (${at.line}행 ${at.col}열)`, en: ` at line ${at.line}, column ${at.col}` }
    : { ko: '', en: '' };
  return {
    path: '',
    ...(line ? { line } : {}),
    message: msg(
      `${what} 구문 오류${where.ko}: ${koreanReason(err.reason) ?? `파서의 설명 "${err.reason}"`}`,
      `${what} syntax error${where.en}: ${err.reason}`,
    ),
  };
}

interface Frame {
  kind: 'map' | 'seq';
  path: string;
  depth: number;
  /** Next index (sequences). */
  index: number;
  /** Mappings: keys seen, with the offset of each. */
  keys: Map<string, number>;
  /** Mappings: the key whose value comes next, or undefined when a key comes next. */
  pendingKey?: string;
  pendingKeyAt: number;
  anchor?: string;
  valuesAtOpen: number;
}

/**
 * One pass over the events, without recursion: limits, keys, aliases, and where each path starts (a value's offset;
 * an empty value's, its key's). Throws a Refusal at the first problem.
 */
function walk(
  text: string,
  events: readonly YamlEvent[],
  lines: readonly number[],
  work?: ParseWork,
): Map<string, number> {
  const offsets = new Map<string, number>();
  const anchorValues = new Map<string, number>();
  const stack: Frame[] = [];
  let values = 0;
  let aliases = 0;
  let expanded = 0;
  let documents = 0;
  const lineAt = (offset: number) => lineNumber(lines, offset);
  const refuse = (path: string, offset: number, message: ConfigIssue['message']): never => {
    throw new Refusal({ path, ...(offset >= 0 ? { line: lineAt(offset) } : {}), message });
  };
  const countValues = (n: number, path: string, offset: number) => {
    values += n;
    if (values > TEXT_LIMITS.maxNodes) {
      refuse(
        path,
        offset,
        msg(
          `설정의 값이 너무 많습니다 (최대 ${TEXT_LIMITS.maxNodes}개).`,
          `The configuration has too many values (at most ${TEXT_LIMITS.maxNodes}).`,
        ),
      );
    }
  };

  for (const ev of events) {
    if (work) work.nodes++;
    if (ev.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1) {
        refuse(
          '',
          -1,
          msg(
            '설정에 문서가 여러 개 있습니다 (---). 문서 하나만 쓰세요.',
            'The text contains multiple documents (---); write one.',
          ),
        );
      }
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      const done = stack.pop();
      if (done?.anchor) anchorValues.set(done.anchor, values - done.valuesAtOpen);
      continue;
    }
    const start =
      ev.type === EVENT_ID.SCALAR ? ev.valueStart : ev.type === EVENT_ID.ALIAS ? ev.anchorStart - 1 : ev.start;
    const parent = stack[stack.length - 1];

    // A mapping's key: plain text, not dangerous, not seen before in this mapping, not one too many.
    if (parent?.kind === 'map' && parent.pendingKey === undefined) {
      if (ev.type !== EVENT_ID.SCALAR) {
        refuse(
          parent.path,
          start,
          msg(
            '키는 글자로만 쓸 수 있습니다 (목록이나 매핑, 별칭은 키가 될 수 없습니다).',
            'A key must be plain text (not a list, a mapping or an alias).',
          ),
        );
      }
      const key = getScalarValue(text, ev as Extract<YamlEvent, { type: typeof EVENT_ID.SCALAR }>);
      const path = parent.path ? `${parent.path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key))
        refuse(path, start, msg(`'${key}'는 키로 쓸 수 없습니다.`, `'${key}' is not allowed as a key.`));
      const first = parent.keys.get(key);
      if (first !== undefined) {
        refuse(
          path,
          start,
          msg(
            `키 '${key}'가 두 번 나옵니다 (처음: ${lineAt(first)}행). 키는 한 번만 써야 합니다.`,
            `Duplicate key '${key}' (first on line ${lineAt(first)}): map keys must be unique.`,
          ),
        );
      }
      if (parent.keys.size >= TEXT_LIMITS.maxKeys) {
        refuse(
          parent.path,
          start,
          msg(
            `한 매핑의 키가 너무 많습니다 (최대 ${TEXT_LIMITS.maxKeys}개).`,
            `Too many keys in one mapping (at most ${TEXT_LIMITS.maxKeys}).`,
          ),
        );
      }
      parent.keys.set(key, start);
      parent.pendingKey = key;
      parent.pendingKeyAt = start;
      continue;
    }

    // A value: its path, its place in the text, its weight.
    let path = '';
    let at = start;
    if (parent?.kind === 'seq') path = `${parent.path}[${parent.index++}]`;
    else if (parent) {
      path = parent.path ? `${parent.path}.${parent.pendingKey}` : parent.pendingKey!;
      if (at < 0) at = parent.pendingKeyAt;
      parent.pendingKey = undefined;
    }
    if (at >= 0 && !offsets.has(path)) offsets.set(path, at);
    countValues(1, path, at);

    if (ev.type === EVENT_ID.ALIAS) {
      const name = text.slice(ev.anchorStart, ev.anchorEnd);
      if (++aliases > TEXT_LIMITS.maxAliases) {
        refuse(
          path,
          at,
          msg(
            `별칭(alias)이 너무 많습니다 (최대 ${TEXT_LIMITS.maxAliases}개). 반복을 풀어서 쓰세요.`,
            `Too many aliases (at most ${TEXT_LIMITS.maxAliases}); write the repeated part out.`,
          ),
        );
      }
      const size = anchorValues.get(name);
      if (size === undefined) {
        refuse(
          path,
          at,
          msg(
            `앞에 정의된 앵커(&${name})가 없는 별칭(*${name})입니다. 앵커는 별칭보다 앞에 두어야 합니다.`,
            `The alias *${name} has no anchor &${name}; the anchor must come before the alias.`,
          ),
        );
      }
      expanded += size! - 1;
      if (expanded > TEXT_LIMITS.maxAliasExpansion) {
        refuse(
          path,
          at,
          msg(
            `별칭(alias)이 너무 많이 펼쳐집니다 (값 최대 ${TEXT_LIMITS.maxAliasExpansion}개). 반복을 풀어서 쓰세요.`,
            `The aliases expand to too many values (at most ${TEXT_LIMITS.maxAliasExpansion}); write the repeated part out.`,
          ),
        );
      }
      countValues(size! - 1, path, at);
      continue;
    }
    const anchor = ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
    if (ev.type === EVENT_ID.SCALAR) {
      if (anchor) anchorValues.set(anchor, 1);
      continue;
    }
    const depth = (parent?.depth ?? 0) + 1;
    if (depth > TEXT_LIMITS.maxDepth) refuse(path, at, NESTED_TOO_DEEPLY);
    stack.push({
      kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq',
      path,
      depth,
      index: 0,
      keys: new Map(),
      pendingKeyAt: -1,
      ...(anchor ? { anchor } : {}),
      valuesAtOpen: values,
    });
  }
  return offsets;
}

/** Offsets where each line starts (one scan), for offset → line by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineNumber(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  }
  return out;
}

/** The line of a path, or of its nearest ancestor found in the text (a missing field is reported at its parent). */
function lineOf(offsets: ReadonlyMap<string, number>, lines: readonly number[], path: string): number | undefined {
  let p = path;
  for (;;) {
    const at = offsets.get(p);
    if (at !== undefined) return lineNumber(lines, at);
    if (p === '') return undefined;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}

/** Add line numbers to issues found after parsing (schema or semantic checks). */
export function withLines(issues: ConfigIssue[], parsed: ParsedText): ConfigIssue[] {
  return issues.map((i) => (i.line !== undefined ? i : { ...i, line: parsed.lineOf(i.path) }));
}
