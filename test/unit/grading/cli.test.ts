import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../functions/cli/main.ts';
import { parseLab } from '../../../core/labs/parse.ts';

/** Run the real CLI with captured output. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'virtlab-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const labText = readFileSync(
  fileURLToPath(new URL('../../../content/labs/hvm-boot-vtx.yaml', import.meta.url)),
  'utf8',
);
const lab = (() => {
  const p = parseLab(labText);
  if (!p.ok) throw new Error('hvm-boot-vtx does not parse');
  return p.value;
})();

describe('virtlab labs', () => {
  it('lists every lab with its tags, as JSON too', async () => {
    const text = await cli('labs', '--lang', 'en');
    expect(text.code).toBe(0);
    expect(text.out).toContain('hvm-boot-vtx');
    expect(text.out).toContain('Enable VT-x in firmware');
    const unknownLang = await cli('labs', '--lang', 'xx');
    expect(unknownLang.code).toBe(2);
    expect(unknownLang.err).toMatch(/virtlab labs: --lang must be ko or en/);
    expect(unknownLang.out).toBe('');
    const json = await cli('labs', '--json');
    const labs = JSON.parse(json.out) as Array<{ id: string; tags: { targets: string[] } }>;
    expect(labs.find((l) => l.id === 'hvm-boot-vtx')?.tags.targets).toEqual(['server']);
    expect(new Set(labs.flatMap((l) => l.tags.targets))).toEqual(
      new Set(['server', 'storage', 'network', 'desktop', 'application']),
    );
  });
});

describe('virtlab grade', () => {
  it('exits 0 for full marks, 1 below, 3 when not gradable, 2 on misuse', async () => {
    const full = await cli('grade', 'hvm-boot-vtx', file('ref.yaml', lab.reference), '--lang', 'en');
    expect(full.code).toBe(0);
    expect(full.out).toContain('score 100% (10/10 pts)');
    const partial = await cli('grade', 'hvm-boot-vtx', file('starter.yaml', lab.starter), '--lang', 'ko');
    expect(partial.code).toBe(1);
    expect(partial.out).toContain('점수 0% (0/10점)');
    expect(partial.out).toContain('펌웨어');
    const broken = await cli('grade', 'hvm-boot-vtx', file('broken.yaml', 'host: [\n'));
    expect(broken.code).toBe(3);
    expect((await cli('grade', 'no-such-lab', file('x.yaml', 'a: 1'))).code).toBe(2);
    expect((await cli('grade')).code).toBe(2);
  });

  it('refuses a --lang other than ko or en instead of falling back to Korean', async () => {
    const path = file('ref-lang.yaml', lab.reference);
    for (const args of [['--lang', 'xx'], ['--lang=english'], ['--lang']]) {
      const r = await cli('grade', 'hvm-boot-vtx', path, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/virtlab grade: --lang must be ko or en\.\nusage: virtlab grade/);
      expect(r.out).toBe('');
    }
  });

  it('prints the whole result as JSON with --json', async () => {
    const r = await cli('grade', 'hvm-boot-vtx', file('ref2.yaml', lab.reference), '--json', '--learner', 'kim');
    const result = JSON.parse(r.out) as { score: number; labId: string; graderVersion: string };
    expect(result).toMatchObject({ score: 10, labId: 'hvm-boot-vtx' });
    expect(result.graderVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('virtlab lab test', () => {
  it('self-tests one lab and reports it', async () => {
    const r = await cli('lab', 'test', 'hvm-boot-vtx');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PASS hvm-boot-vtx \(\d+\/\d+\)/);
  });

  it('fails with the file named when a lab is broken, and on misuse', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'virtlab-broken-'));
    mkdirSync(join(broken, 'labs'));
    writeFileSync(join(broken, 'labs', 'hvm-boot-vtx.yaml'), labText.replace('difficulty: 1', 'difficulty: 0'));
    const r = await cli('lab', 'test', '--content', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain('hvm-boot-vtx.yaml');
    expect((await cli('lab', 'check')).code).toBe(2);
  });
});
