import { Composer, LineCounter, Parser, YAMLParseError, isNode, type CST, type Document } from 'yaml';
import { msg } from './i18n.ts';
import type { ConfigIssue } from './validation.ts';

/** Explicit limits on what a learner may upload. Larger or deeper input is refused before any simulation. */
export const TEXT_LIMITS = {
  maxBytes: 64 * 1024,
  maxDepth: 32,
  maxAliases: 64,
  maxNodes: 20_000,
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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function detectFormat(text: string): ConfigFormat {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parse YAML or JSON text written by a learner or a lab author into plain data, within TEXT_LIMITS. */
export function parseConfigText(text: string, format: ConfigFormat = detectFormat(text)): TextParse {
  const fail = (issues: ConfigIssue[]): TextParse => ({ ok: false, issues, format });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > TEXT_LIMITS.maxBytes) {
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
  const lines = new LineCounter();
  // One lexing pass: the CST parser is iterative, but composing it into a document recurses once per level and,
  // after overflowing the stack on hostile nesting, a later parse in the same process can die outright. So the depth
  // is measured on the CST first, and only a CST within a safe depth is composed (twice the limit, so that a value
  // just over it is reported below at its path).
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  if (cstDepth(tokens) > TEXT_LIMITS.maxDepth * 2) {
    return fail([
      {
        path: '',
        message: msg(
          `설정이 너무 깊게 중첩되어 있습니다 (최대 ${TEXT_LIMITS.maxDepth}단계).`,
          `The configuration is nested too deeply (at most ${TEXT_LIMITS.maxDepth} levels).`,
        ),
      },
    ]);
  }
  // JSON is parsed by the YAML parser too (JSON is YAML 1.2), so both get line numbers and the same limits.
  const doc = composeOne(tokens, text.length);
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lines.linePos(syntax.pos[0]);
    const what = format === 'json' ? 'JSON' : 'YAML';
    return fail([
      {
        path: '',
        line: pos.line,
        message: msg(
          `${what} 구문 오류 (${pos.line}행 ${pos.col}열): ${syntax.message.split('\n')[0]}`,
          `${what} syntax error at line ${pos.line}, column ${pos.col}: ${syntax.message.split('\n')[0]}`,
        ),
      },
    ]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: TEXT_LIMITS.maxAliases });
  } catch (err) {
    // The yaml library throws a ReferenceError for an alias whose anchor is not (yet) defined.
    const unresolved = err instanceof ReferenceError ? /alias.*?:\s*(\S+)\s*$/.exec((err as Error).message.split('\n')[0]) : null;
    if (unresolved) {
      return fail([
        {
          path: '',
          message: msg(
            `앞에 정의된 앵커(&${unresolved[1]})가 없는 별칭(*${unresolved[1]})입니다. 앵커는 별칭보다 앞에 두어야 합니다.`,
            `The alias *${unresolved[1]} has no anchor &${unresolved[1]}; the anchor must come before the alias.`,
          ),
        },
      ]);
    }
    return fail([
      {
        path: '',
        message: msg(
          `별칭(alias)이 너무 많이 펼쳐집니다 (최대 ${TEXT_LIMITS.maxAliases}). 반복을 풀어서 쓰세요.`,
          `Too many alias expansions (at most ${TEXT_LIMITS.maxAliases}); write the repeated part out. (${(err as Error).message.split('\n')[0]})`,
        ),
      },
    ]);
  }
  const shapeIssue = checkShape(value);
  if (shapeIssue) return fail([shapeIssue]);
  return { ok: true, value, format, lineOf: (path) => lineOf(doc, lines, path) };
}

/** How deeply the CST's collections nest (keys included), walked without recursion. */
export function cstDepth(tokens: readonly CST.Token[]): number {
  let max = 0;
  const stack: Array<[CST.Token, number]> = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [t, depth] = stack.pop()!;
    if (t.type === 'document') {
      if (t.value) stack.push([t.value, depth]);
    } else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      max = Math.max(max, depth + 1);
      for (const item of t.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return max;
}

const COMPOSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

/** The first document of the CST, as `parseDocument` gives it: a second document is an error. */
function composeOne(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(COMPOSE_OPTIONS).compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return doc!;
}

/** Depth, size and dangerous keys, checked iteratively so hostile input cannot overflow the stack. */
function checkShape(root: unknown): ConfigIssue | undefined {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: root, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++nodes > TEXT_LIMITS.maxNodes) {
      return {
        path: '',
        message: msg(
          `설정의 값이 너무 많습니다 (최대 ${TEXT_LIMITS.maxNodes}개).`,
          `The configuration has too many values (at most ${TEXT_LIMITS.maxNodes}).`,
        ),
      };
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= TEXT_LIMITS.maxDepth) {
      return {
        path,
        message: msg(
          `설정이 너무 깊게 중첩되어 있습니다 (최대 ${TEXT_LIMITS.maxDepth}단계).`,
          `The configuration is nested too deeply (at most ${TEXT_LIMITS.maxDepth} levels).`,
        ),
      };
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, depth: depth + 1, path: `${path}[${i}]` }));
      continue;
    }
    if (v instanceof Map || v instanceof Set) {
      return { path, message: msg('지원하지 않는 YAML 형식입니다.', 'Unsupported YAML type.') };
    }
    for (const key of Object.keys(v)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        return {
          path: child,
          message: msg(`'${key}'는 키로 쓸 수 없습니다.`, `'${key}' is not allowed as a key.`),
        };
      }
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
  return undefined;
}

export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  }
  return out;
}

function lineOf(doc: Document, lines: LineCounter, path: string): number | undefined {
  const parts = splitPath(path);
  // Walk up until some ancestor exists in the text (a missing field is reported at its parent).
  for (let n = parts.length; n >= 0; n--) {
    const node = parts.length === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Add line numbers to issues found after parsing (schema or semantic checks). */
export function withLines(issues: ConfigIssue[], parsed: ParsedText): ConfigIssue[] {
  return issues.map((i) => (i.line !== undefined ? i : { ...i, line: parsed.lineOf(i.path) }));
}
