import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../../functions/cli/main.ts';
import { lessons } from './fixtures.ts';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
  return { io, out, err };
};

describe('virtlab lessons', () => {
  it('--json lists every lesson in order with both languages', async () => {
    const { io, out } = capture();
    expect(await main(['lessons', '--json'], io)).toBe(0);
    const list = JSON.parse(out.join('\n')) as {
      id: string;
      order: number;
      title: { ko: string; en: string };
      labs: string[];
      quiz: number;
    }[];
    expect(list.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    expect(list.map((l) => l.order)).toEqual(lessons.map((l) => l.order));
    const xen = list.find((l) => l.id === 'xen-in-depth')!;
    expect(xen.title.ko).toMatch(/Xen 깊이 보기/);
    expect(xen.title.en).toMatch(/Xen in depth/);
    expect(xen.labs).toContain('pv-pagetable-hypercalls');
    expect(xen.quiz).toBeGreaterThanOrEqual(3);
  });

  it('--json --lang en gives plain English strings', async () => {
    const { io, out } = capture();
    expect(await main(['lessons', '--json', '--lang', 'en'], io)).toBe(0);
    const list = JSON.parse(out.join('\n')) as { title: unknown; summary: unknown }[];
    for (const l of list) {
      expect(typeof l.title).toBe('string');
      expect(l.summary as string).not.toMatch(/[가-힣]/);
    }
  });

  it('prints a readable list, Korean by default', async () => {
    const { io, out } = capture();
    expect(await main(['lessons'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^01 {2}virtualization-basics\s+가상화의 기초/m);
    expect(text).toMatch(/labs: .*raid-recover-data/);
  });

  it.each([
    [['--lang', 'fr'], /--lang must be ko or en/],
    [['--lang'], /--lang must be ko or en/],
    [['--verbose'], /unknown option '--verbose'/],
    [['extra'], /unknown option 'extra'/],
  ])('refuses %j with exit code 2', async (args, expected) => {
    const { io, err } = capture();
    expect(await main(['lessons', ...args], io)).toBe(2);
    expect(err.join('\n')).toMatch(expected);
  });

  it('names the broken file of a --content folder and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtlab-cli-'));
    try {
      mkdirSync(join(dir, 'lessons', '01-broken'), { recursive: true });
      writeFileSync(join(dir, 'lessons', '01-broken', 'ko.md'), 'no front matter');
      const { io, err } = capture();
      expect(await main(['lessons', '--content', dir], io)).toBe(1);
      expect(err.join('\n')).toMatch(
        /lessons\/01-broken\/ko\.md: line 1: A lesson file must start with YAML front matter/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works through the installed bin (npx virtlab lessons --json)', async () => {
    const bin = fileURLToPath(new URL('../../../bin/virtlab.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'lessons', '--json', '--lang', 'ko']);
    const list = JSON.parse(stdout) as { id: string; title: string }[];
    expect(list.find((l) => l.id === 'nfv')?.title).toMatch(/NFV/);
  });
});
