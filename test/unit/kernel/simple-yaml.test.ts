import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS, parseConfigText, type ParsedText } from '../../../core/config-text.ts';
import { NOT_SIMPLE, readSimpleYaml } from '../../../core/simple-yaml.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { pathsOf } from './value-paths.ts';

/** The full reading (events, limit walk, js-yaml's constructor): counting work reads that way. */
const full = (text: string) => parseConfigText(text, undefined, { events: 0, nodes: 0 });

/** Values compared strictly: key order, -0, NaN, prototypes. */
const exact = (value: unknown) =>
  JSON.stringify(value, function (k, v: unknown) {
    if (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v))) return `#${Object.is(v, -0) ? '-0' : v}`;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype)
      return '#odd-prototype';
    return v;
  });

const KEYS = [
  'a',
  'b',
  'name',
  'k-1',
  'a.b',
  'p/q',
  '1',
  '1.0',
  '0x1F',
  'true',
  'null',
  'on',
  '__proto__',
  'a b',
  '-a',
  '"q"',
  '?x',
  '&k a',
  'constructor',
];
const VALUES = [
  '1',
  '-1',
  '+1',
  '1.5',
  '.5',
  '-.5',
  '1e3',
  '1e400',
  '0o7',
  '0x1F',
  '08',
  '1_000',
  'true',
  'True',
  'TRUE',
  'yes',
  'null',
  'Null',
  '~',
  'abc',
  '',
  ' ',
  'a b',
  'a  b  ',
  'a:b',
  'a: b',
  'a:',
  'a #c',
  'a#c',
  "'x'",
  "'it''s'",
  "'a",
  '"x"',
  '"a\\nb"',
  '"→ x"',
  '주석',
  '/p',
  'x,y',
  'x]',
  '{ a: 1, b: [x, y] }',
  '{a: 1}',
  '{ a:1 }',
  '[a, b,]',
  '{a: }',
  '[]',
  '{}',
  '[ ]',
  '[a, {b: c}]',
  '[[1, 2], []]',
  '{ a: b }#x',
  '[1]x',
  '[1] # c',
  '&x 1',
  '*x',
  '!!str 1',
  '|',
  '>',
  '- x',
  '-',
  '-x',
  '.inf',
  '-.inf',
  '.nan',
  '0.',
  '1 # c',
  '{ a: [1, 2], a: 3 }',
  '{ __proto__: 1 }',
  '[a, b',
  '`x',
  '@x',
  '%x',
  '"a" b',
  "'a' # c",
  'a\u0085b',
  'a\u2028b',
  'x: y: z',
];
const EDITS = [':', '-', ' ', '#', '{', '}', '[', ']', ',', "'", '"', '\n', '\t', '&', '*', '!', '|', '0', 'x', '~'];

/** Mostly the first entries (plain YAML), sometimes any (unusual or wrong). */
const mostlyPlain = (all: string[], plain: number) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...all.slice(0, plain)), weight: 6 },
    { arbitrary: fc.constantFrom(...all), weight: 1 },
  );
const key = mostlyPlain(KEYS, 9);
const value = mostlyPlain(VALUES, 24);

type Tree = string | { map: Array<[string, Tree]> } | { seq: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    value,
    fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => k }).map((map) => ({ map })),
    fc.array(tie('node'), { maxLength: 4 }).map((seq) => ({ seq })),
  ),
})).node;

/** How one text is written: indent steps, flow or block, indentless sequences, comments, separators. */
interface Style {
  step: number;
  flow: boolean;
  indentless: boolean;
  comment: string;
  sep: string;
  pick: () => number;
}

function flowText(t: Tree): string {
  if (typeof t === 'string') return t;
  if ('map' in t) return `{ ${t.map.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')} }`;
  return `[${t.seq.map(flowText).join(', ')}]`;
}

/** Lines of a node written under a key or dash at column `col`. */
function blockLines(t: Tree, col: number, s: Style, out: string[]): void {
  const pad = ' '.repeat(col);
  if (typeof t === 'string' || (s.flow && out.length > 1 && s.pick() < 0.3)) {
    out[out.length - 1] += ` ${flowText(t)}${s.pick() < 0.2 ? s.comment : ''}`;
    return;
  }
  if ('map' in t) {
    if (!t.map.length) return void (out[out.length - 1] += ' {}');
    for (const [k, v] of t.map) {
      if (s.pick() < 0.1) out.push(`${pad}# note`);
      out.push(`${pad}${k}${s.sep}`.trimEnd());
      blockLines(v, col + s.step, s, out);
    }
    return;
  }
  if (!t.seq.length) return void (out[out.length - 1] += ' []');
  const at = s.indentless ? Math.max(0, col - s.step) : col;
  for (const v of t.seq) {
    if (typeof v === 'object' && 'map' in v && v.map.length && s.pick() < 0.6) {
      // A compact mapping: its first key on the dash's line.
      const [[k0, v0], ...rest] = v.map;
      out.push(`${' '.repeat(at)}- ${k0}${s.sep}`.trimEnd());
      blockLines(v0, at + 2 + s.step, s, out);
      for (const [k, w] of rest) {
        out.push(`${' '.repeat(at + 2)}${k}${s.sep}`.trimEnd());
        blockLines(w, at + 2 + s.step, s, out);
      }
    } else {
      out.push(`${' '.repeat(at)}-`);
      blockLines(v, at + s.step, s, out);
    }
  }
}

/** A configuration text: a mapping written in a random style, sometimes with one character edited. */
const text = fc
  .tuple(
    fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 5, selector: ([k]) => k }),
    fc.record({
      step: fc.integer({ min: 1, max: 4 }),
      flow: fc.boolean(),
      indentless: fc.boolean(),
      comment: fc.constantFrom('  # note', ' #', '#x', '   '),
      sep: fc.constantFrom(':', ':', ':', ': ', ' :', ':\t'),
    }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom(...EDITS), fc.boolean()), { freq: 2 }),
    fc.constantFrom('', '\n', '\n\n'),
  )
  .map(([root, style, dice, edit, end]) => {
    let i = 0;
    const s: Style = { ...style, sep: style.sep.replace('\\t', '\t'), pick: () => dice[i++ % dice.length] };
    const lines: string[] = [''];
    blockLines({ map: root }, 0, s, lines);
    let t = lines.slice(1).join('\n') + end;
    if (edit) {
      const [at, ch, del] = edit;
      const p = at % (t.length + 1);
      t = t.slice(0, p) + ch + t.slice(p + (del ? 1 : 0));
    }
    return t;
  });

function agree(t: string): boolean {
  const direct = readSimpleYaml(t, TEXT_LIMITS);
  if (direct === NOT_SIMPLE) return false;
  const f = full(t);
  expect(f.ok, t).toBe(true);
  const fast = parseConfigText(t) as ParsedText;
  const slow = f as ParsedText;
  expect(exact(direct), t).toBe(exact(slow.value));
  expect(exact(fast.value), t).toBe(exact(slow.value));
  const paths = [...pathsOf(slow.value), 'no.such[1].path'];
  expect(
    paths.map((p) => fast.lineOf(p)),
    t,
  ).toEqual(paths.map((p) => slow.lineOf(p)));
  return true;
}

describe('readSimpleYaml', () => {
  it('reads exactly what the full reading reads, whenever it reads a text at all', () => {
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (agree(t)) read++;
      }),
      { numRuns: 6000, seed: 20261205 },
    );
    // Not vacuous: a good share of the texts are read directly.
    expect(read).toBeGreaterThan(500);
  });

  it('reads nested block and flow YAML the full way would, and gives up on what it is not sure of', () => {
    const nested = [
      'a:\n  b:\n    - x\n    - { c: 1, d: [2, 3] }\n  e: ~\nf:\n- 1\n- 2\ng: "→"\n',
      'vm:\n  devices:\n    - name: nic0\n      kind: virtio-net\n    - name: disk0\n      kind: virtio-blk\nlink: { bandwidth: 3 }\n',
      'a: 1 # c\n# x\n\n  # indented comment\nb: [ ]\nc: {}\n',
      "a: 'it''s'\nb: -x\nc: .5\nd: 0x1F\ne: 1e3\nf: a:b\n",
    ];
    for (const t of nested) expect(agree(t), t).toBe(true);
    const unsure = [
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: "x\\ny"\n',
      'a: hello\n  world\n',
      'a: [1,\n  2]\n',
      '---\na: 1\n',
      'a: 1\na: 2\n',
      '__proto__: 1\n',
      '  a: 1\n',
      'a:\tb\n',
      'a: 1\r\n',
      '- a\n',
      '"a": 1\n',
      'a: !!str 1\n',
    ];
    for (const t of unsure) expect(readSimpleYaml(t, TEXT_LIMITS), t).toBe(NOT_SIMPLE);
  });

  it('gives up at the depth, key and value limits, so the full reading explains the refusal', () => {
    const deep = `a: ${'['.repeat(TEXT_LIMITS.maxDepth)}1${']'.repeat(TEXT_LIMITS.maxDepth)}\n`;
    expect(readSimpleYaml(deep, TEXT_LIMITS)).toBe(NOT_SIMPLE);
    const keys = Array.from({ length: TEXT_LIMITS.maxKeys + 1 }, (_, i) => `k${i}: 1`).join('\n');
    expect(readSimpleYaml(keys, TEXT_LIMITS)).toBe(NOT_SIMPLE);
    const values = `a: [${Array.from({ length: TEXT_LIMITS.maxNodes }, () => '1').join(', ')}]\n`;
    expect(readSimpleYaml(values, TEXT_LIMITS)).toBe(NOT_SIMPLE);
    expect(parseConfigText(values)).toMatchObject({ ok: false });
  });

  it("reads every lab's reference, starter and predict configuration directly (the grader's hot path)", async () => {
    const labs = await loadLabs(fileURLToPath(new URL('../../../content', import.meta.url)));
    for (const lab of labs) {
      const v = variantFor(lab, 'learner-1');
      for (const t of [v.reference, v.starter, ...(v.given === undefined ? [] : [v.given])])
        expect(readSimpleYaml(t, TEXT_LIMITS), `${lab.id}\n${t}`).not.toBe(NOT_SIMPLE);
    }
  });
});
