/**
 * Grades and parses must stay byte-identical across performance work: every lab's reference, starter, fixtures and
 * predict configuration, plus texts mutated from them (bad indentation, duplicate keys, tabs, anchors, JSON, random
 * edits), for two learners. The expected digests were produced by the code before the fast paths
 * (`GOLDEN_WRITE=1 npx vitest run test/unit/grading/byte-identical.test.ts` rewrites them: only do that on purpose,
 * from a commit whose output is the reference).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config-text.ts';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { pathsOf } from '../kernel/value-paths.ts';

const labs = await loadLabs(fileURLToPath(new URL('../../../content', import.meta.url)));
const GOLDEN = fileURLToPath(new URL('./byte-identical.golden.json', import.meta.url));
const LEARNERS = ['bench-learner', 'learner-1'];

/** JSON, with what JSON would blur kept apart (-0, NaN, ±Infinity, undefined). */
const serialize = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v))
      ? `#num:${Object.is(v, -0) ? '-0' : String(v)}`
      : v === undefined
        ? '#undefined'
        : v,
  );
const digest = (value: unknown) => createHash('sha256').update(serialize(value)).digest('hex').slice(0, 16);

/** A deterministic generator (mulberry32), so the mutated texts are the same at every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDIT_CHARS = [
  ':',
  '-',
  ' ',
  '  ',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  "'",
  '"',
  '\n',
  '&a ',
  '*a',
  '!',
  '|',
  '0',
  'x',
  '\t',
];

/** Hand-made and random edits of one text: each one a way learners (or attackers) get YAML wrong or unusual. */
function mutations(text: string, seed: number): Array<[string, string]> {
  const lines = text.split('\n');
  const out: Array<[string, string]> = [
    ['number+1', text.replace(/\d+/, (n) => String(Number(n) + 1))],
    ['drop-last-line', lines.slice(0, -2).join('\n')],
    ['drop-line-2', lines.filter((_, i) => i !== 2).join('\n')],
    ['indent-line-2', lines.map((l, i) => (i === 2 ? ` ${l}` : l)).join('\n')],
    ['dedent-line-5', lines.map((l, i) => (i === 5 ? l.replace(/^ /, '') : l)).join('\n')],
    ['duplicate-line-1', [lines[0], ...lines].join('\n')],
    ['tab-indent', text.replace(/\n {2}/, '\n\t')],
    ['unknown-key', `${text}\nbogus: 1\n`],
    ['proto-key', `${text}\n__proto__: 1\n`],
    ['comments', text.replace(/\n/g, '  # note\n# 주석 한 줄\n')],
    ['crlf', text.replace(/\n/g, '\r\n')],
    ['colon-no-space', text.replace(/: /, ':')],
    ['unclosed-flow', text.replace(/}(?![\s\S]*})/, '')],
    ['quoted-values', text.replace(/: ([a-z][\w-]*)/g, ": '$1'")],
    ['double-quoted', text.replace(/: ([a-z][\w-]*)/g, ': "$1"')],
    ['anchor', text.replace(/: (\d+)/, ': &n $1').replace(/(: \d+)(?![\s\S]*: \d)/, ': *n')],
    ['document-markers', `---\n${text}\n...\n`],
    ['two-documents', `${text}\n---\na: 1\n`],
    ['indented-root', text.replace(/^/gm, '  ')],
    ['indentless-seq', text.replace(/\n( +)- /g, (_m, s: string) => `\n${s.slice(2)}- `)],
    ['number-forms', text.replace(/: (\d+)/g, ': 0x$1')],
    ['floats', text.replace(/: (\d+)/g, ': $1.0')],
    ['bools-nulls', `${text}\nx1: yes\nx2: ~\nx3: True\nx4: null\nx5:\nx6: .inf\n`],
    ['json', JSON.stringify(parseConfigText(text).ok ? (parseConfigText(text) as { value: unknown }).value : null)],
    ['json-pretty', JSON.stringify((parseConfigText(text) as { value?: unknown }).value ?? null, null, 2)],
    ['not-an-object', '[1, 2]'],
    ['scalar', 'hello'],
    ['empty', ''],
    ['blank', '  \n \n'],
  ];
  const r = rng(seed);
  for (let k = 0; k < 12; k++) {
    const at = Math.floor(r() * text.length);
    const edit = EDIT_CHARS[Math.floor(r() * EDIT_CHARS.length)];
    const del = r() < 0.4 ? 1 : 0;
    out.push([`random-${k}`, text.slice(0, at) + edit + text.slice(at + del)]);
  }
  return out;
}

function parseOutcome(text: string, format?: 'json' | 'yaml') {
  const p = parseConfigText(text, format);
  if (!p.ok) return p;
  const paths = [...pathsOf(p.value), 'no.such.path', 'vm.nope[3]'];
  return { value: p.value, format: p.format, lines: paths.map((path) => [path, p.lineOf(path)]) };
}

function cases(): Record<string, string> {
  const out: Record<string, string> = {};
  labs.forEach((lab, li) => {
    for (const learnerId of LEARNERS) {
      const v = variantFor(lab, learnerId);
      const texts: Array<[string, string]> = [
        ['reference', v.reference],
        ['starter', v.starter],
        ...lab.fixtures.map((f, i): [string, string] => [`fixture-${i}`, f.text]),
        ...(v.given !== undefined ? [['given', v.given] as [string, string]] : []),
      ];
      if (learnerId === LEARNERS[0]) {
        texts.push(...mutations(v.reference, 1000 + li).map(([n, t]): [string, string] => [`ref:${n}`, t]));
        texts.push(...mutations(v.given ?? v.starter, 2000 + li).map(([n, t]): [string, string] => [`alt:${n}`, t]));
      }
      for (const [name, text] of texts) {
        const key = `${lab.id}/${learnerId}/${name}`;
        out[`${key}/grade`] = digest(gradeSubmission({ lab, text, learnerId }));
        out[`${key}/parse`] = digest(parseOutcome(text));
        if (name.includes('json'))
          out[`${key}/grade-json`] = digest(gradeSubmission({ lab, text, learnerId, format: 'json' }));
      }
    }
  });
  return out;
}

describe('byte-identical grades and parses', () => {
  it('every case matches the digest the code before the fast paths produced', () => {
    const actual = cases();
    if (process.env.GOLDEN_WRITE === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
    expect(Object.keys(actual).length).toBeGreaterThan(2000);
    const differing = Object.keys(expected).filter((k) => actual[k] !== expected[k]);
    expect(differing).toEqual([]);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  });
});
