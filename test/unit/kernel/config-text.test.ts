import { describe, it, expect } from 'vitest';
import {
  TEXT_LIMITS,
  detectFormat,
  parseConfigText,
  splitPath,
  withLines,
  type ParseWork,
} from '../../../core/config-text.ts';

const issuesOf = (text: string) => {
  const r = parseConfigText(text);
  if (r.ok) throw new Error('expected a failure');
  for (const i of r.issues) {
    expect(i.message.ko.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
  }
  return r.issues;
};

describe('parseConfigText', () => {
  it('parses YAML and JSON into plain data, detecting the format', () => {
    expect(parseConfigText('a: 1\nb: [x, y]')).toMatchObject({
      ok: true,
      format: 'yaml',
      value: { a: 1, b: ['x', 'y'] },
    });
    expect(parseConfigText('  {"a": 1}')).toMatchObject({ ok: true, format: 'json', value: { a: 1 } });
  });

  it('holds a learner who chose JSON to JSON, and says so in both languages', () => {
    const r = parseConfigText('a: 1\n', 'json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ line: 1, message: { en: expect.stringMatching(/JSON was chosen/) } });
      expect(r.issues[0].message.ko).toMatch(/JSON 형식을 골랐지만/);
    }
    expect(parseConfigText('{"a": 1}', 'json')).toMatchObject({ ok: true, value: { a: 1 } });
    // Not chosen, only detected: a YAML flow mapping is still YAML.
    expect(parseConfigText('{a: 1}')).toMatchObject({ ok: true, value: { a: 1 } });
    expect(detectFormat('\n [1]')).toBe('json');
    expect(detectFormat('a: {}')).toBe('yaml');
  });

  it('refuses text over the size limit, counting bytes, not characters', () => {
    const korean = `a: "${'가'.repeat(Math.ceil(TEXT_LIMITS.maxBytes / 3))}"`; // 3 bytes each in UTF-8
    expect(korean.length).toBeLessThan(TEXT_LIMITS.maxBytes);
    expect(issuesOf(korean)[0].message.en).toMatch(/too large/);
    expect(parseConfigText(`a: "${'x'.repeat(1000)}"`).ok).toBe(true);
  });

  it('refuses empty text', () => {
    expect(issuesOf('   \n')[0].message.en).toMatch(/empty/);
  });

  it('reports syntax errors with their line, in both languages', () => {
    const [i] = issuesOf('a: 1\nb: [1, 2\nc: 3');
    expect(i.line).toBeGreaterThanOrEqual(2);
    expect(i.message.en).toMatch(/YAML syntax error at line \d+/);
    expect(i.message.ko).toMatch(/YAML 구문 오류/);
    expect(issuesOf('{"a": 1')[0].message.en).toMatch(/^JSON syntax error/);
  });

  it('says the common syntax errors in Korean on the Korean side, with no English left in them', () => {
    for (const text of [
      'a: 1\n  b: 2',
      'a:\n  - 1\n - 2',
      'a: "open',
      'a: [1, 2',
      'a:\n\tb: 1',
      '- a\nb: 1',
      '{"a": 1',
    ]) {
      const [i] = issuesOf(text);
      expect(i.message.ko, text).toMatch(/구문 오류/);
      expect(i.message.ko, text).not.toMatch(/[a-z]{4,}/);
    }
  });

  it('refuses duplicate keys and multiple documents', () => {
    expect(issuesOf('a: 1\na: 2')[0].message.en).toMatch(/unique/);
    expect(issuesOf('a: 1\n---\nb: 2')[0].message.en).toMatch(/multiple documents/);
  });

  it('bounds alias expansion (billion laughs)', () => {
    const bomb =
      'a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]';
    expect(issuesOf(bomb)[0].message.en).toMatch(/alias/);
    expect(parseConfigText('a: &x {k: 1}\nb: *x')).toMatchObject({ ok: true, value: { a: { k: 1 }, b: { k: 1 } } });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a key, at any depth, in YAML and JSON', (key) => {
    expect(issuesOf(`${key}: { polluted: 1 }`)[0].path).toBe(key);
    expect(issuesOf(`a:\n  b:\n    ${key}: 1`)[0].path).toBe(`a.b.${key}`);
    expect(issuesOf(`{"x": [{"${key}": {"polluted": true}}]}`)[0].path).toBe(`x[0].${key}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    expect(parseConfigText(deep(TEXT_LIMITS.maxDepth - 1)).ok).toBe(true);
    expect(issuesOf(deep(TEXT_LIMITS.maxDepth + 1))[0].message.en).toMatch(/nested too deeply/);
  });

  it('survives hostile nesting, repeatedly, in the same process (the parser would overflow its stack)', () => {
    for (const text of [
      '- '.repeat(30_000) + 'x',
      '['.repeat(30_000) + ']'.repeat(30_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      '? '.repeat(30_000),
    ]) {
      expect(text.length).toBeLessThanOrEqual(TEXT_LIMITS.maxBytes);
      expect(issuesOf(text)[0].message.en).toMatch(/nested too deeply/);
    }
  });

  it('measures nesting on the parsed text, not from brackets inside strings or comments', () => {
    const nest = (n: number) =>
      'a:\n' +
      Array.from({ length: n - 2 }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('') +
      `${'  '.repeat(n - 1)}x: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["  # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n`;
    expect(parseConfigText(nest(TEXT_LIMITS.maxDepth)).ok).toBe(true);
    const deep = issuesOf(nest(TEXT_LIMITS.maxDepth + 1))[0];
    expect(deep.message.en).toMatch(/nested too deeply/);
    expect(deep.line).toBe(TEXT_LIMITS.maxDepth + 1);
    expect(parseConfigText('? [a, [b]]\n: c\n').ok).toBe(false);
  });

  it('refuses too many values', () => {
    expect(
      issuesOf(
        `[${Array(TEXT_LIMITS.maxNodes + 1)
          .fill('1')
          .join(',')}]`,
      )[0].message.en,
    ).toMatch(/too many values/);
  });

  it('refuses YAML sets and maps with non-string keys', () => {
    expect(issuesOf('!!set {a, b}')[0].message.en).toMatch(/Unsupported/);
  });

  it('finds the line of a path, falling back to the nearest ancestor in the text', () => {
    const r = parseConfigText('host:\n  cpu:\n    cores: 4\nguests:\n  - name: a\n  - name: b\n    mode: pv\n');
    if (!r.ok) throw new Error('expected ok');
    expect(r.lineOf('host.cpu.cores')).toBe(3);
    expect(r.lineOf('guests[1].mode')).toBe(7);
    expect(r.lineOf('guests[1].vcpus')).toBe(6);
    expect(r.lineOf('')).toBe(1);
    const json = parseConfigText('{\n  "a": {\n    "b": [1,\n      2]\n  }\n}');
    if (!json.ok) throw new Error('expected ok');
    expect(json.lineOf('a.b[1]')).toBe(4);
    expect(
      withLines(
        [
          { path: 'guests[1].mode', message: { ko: 'x', en: 'x' } },
          { path: 'x', line: 99, message: { ko: 'y', en: 'y' } },
        ],
        r,
      ).map((i) => i.line),
    ).toEqual([7, 99]);
  });

  it('splits dotted paths with indexes', () => {
    expect(splitPath('guests[1].kernel.paravirtualized')).toEqual(['guests', 1, 'kernel', 'paravirtualized']);
    expect(splitPath('')).toEqual([]);
  });

  it('refuses 7,000 unknown keys at the key limit, having looked at only the events up to it', () => {
    const text = 'target: server\n' + Array.from({ length: 7000 }, (_, i) => `k${i}: 1`).join('\n') + '\n';
    expect(text.length).toBeLessThan(TEXT_LIMITS.maxBytes);
    const work: ParseWork = { events: 0, nodes: 0 };
    const r = parseConfigText(text, 'yaml', work);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message.en).toMatch(/Too many keys in one mapping \(at most 500\)/);
    expect(r.issues[0].line).toBe(TEXT_LIMITS.maxKeys + 1);
    expect(work.nodes).toBeLessThanOrEqual(2 * TEXT_LIMITS.maxKeys + 4);
  });

  it("refuses '[' x 65,536 in the parser, at twice the depth limit, before any limit walk", () => {
    const work: ParseWork = { events: 0, nodes: 0 };
    const r = parseConfigText('['.repeat(65_536), undefined, work);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.issues[0].message.en).toMatch(/nested too deeply/);
    expect(work).toEqual({ events: 0, nodes: 0 });
  });

  it('finds duplicate keys in linear time, with both lines', () => {
    const keys = Array.from({ length: TEXT_LIMITS.maxKeys - 1 }, (_, i) => `k${i}: 1`).join('\n');
    const [dup] = issuesOf(`${keys}\nk7: 2\n`);
    expect(dup.path).toBe('k7');
    expect(dup.line).toBe(TEXT_LIMITS.maxKeys);
    expect(dup.message.en).toMatch(/Duplicate key 'k7' \(first on line 8\)/);
  });
});
