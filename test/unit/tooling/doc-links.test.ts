/**
 * Every relative link in README.md, the other top-level guides and docs/**.md points to a file that exists, and an
 * anchor into a Markdown file names one of its headings (GitHub's heading ids). Every page under docs/ is reachable
 * from the README, so a new page cannot be left unlinked. Links inside code (fenced or inline) are examples, not links.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownUnder(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
}

const PAGES = [
  ...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => existsSync(join(ROOT, f))),
  ...markdownUnder('docs'),
];

/** The text without fenced code blocks. */
const withoutFences = (text: string): string => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The text without fenced code blocks and inline code spans. */
const prose = (text: string): string => withoutFences(text).replace(/(`+)[^`\n]*?\1/g, '');

/** `[text](target)` and `![alt](target)` targets, without an optional title. */
export function linkTargets(text: string): string[] {
  return [...prose(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2… */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let id = base;
    for (let n = 1; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
  }
  return ids;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

interface Link {
  page: string;
  target: string;
  file: string;
  anchor?: string;
}

function linksOf(page: string): Link[] {
  return linkTargets(readFileSync(join(ROOT, page), 'utf8'))
    .filter((t) => !isExternal(t))
    .map((target) => {
      const [path, anchor] = target.split('#', 2);
      const file = path ? normalize(join(dirname(page), decodeURIComponent(path))) : page;
      return { page, target, file, ...(anchor ? { anchor } : {}) };
    });
}

describe('documentation links', () => {
  it('finds the pages and their links', () => {
    expect(PAGES).toContain('README.md');
    expect(PAGES.length).toBeGreaterThan(5);
    expect(PAGES.flatMap(linksOf).length).toBeGreaterThan(20);
  });

  it.each(PAGES)('%s: every relative link resolves', (page) => {
    const broken = linksOf(page).filter(({ file }) => file.startsWith('..') || !existsSync(join(ROOT, file)));
    expect(broken.map((l) => l.target)).toEqual([]);
  });

  it.each(PAGES)('%s: every anchor into a Markdown page names a heading', (page) => {
    const broken = linksOf(page).filter(({ file, anchor }) => {
      if (!anchor || !file.endsWith('.md') || !existsSync(join(ROOT, file))) return false;
      if (statSync(join(ROOT, file)).isDirectory()) return false;
      return !headingIds(readFileSync(join(ROOT, file), 'utf8')).has(anchor);
    });
    expect(broken.map((l) => l.target)).toEqual([]);
  });

  it('every page under docs/ is reachable from the README', () => {
    const seen = new Set<string>(['README.md']);
    const queue = ['README.md'];
    while (queue.length > 0) {
      for (const { file } of linksOf(queue.shift()!)) {
        if (file.endsWith('.md') && !seen.has(file) && existsSync(join(ROOT, file))) {
          seen.add(file);
          queue.push(file);
        }
      }
    }
    const orphans = markdownUnder('docs').filter((p) => !seen.has(p));
    expect(
      orphans,
      'link each page from the README or a page it links (a simulator page from docs/simulator/README.md)',
    ).toEqual([]);
  });

  it('the checker itself: code is not a link, anchors follow GitHub, a missing file is caught', () => {
    expect(linkTargets('see [a](docs/a.md) and `[b](no.md)`\n```\n[c](no.md)\n```\n![i](x.png "t")')).toEqual([
      'docs/a.md',
      'x.png',
    ]);
    expect([...headingIds('# Storage target (`target: storage`): RAID, pools\n## A\n## A')]).toEqual([
      'storage-target-target-storage-raid-pools',
      'a',
      'a-1',
    ]);
    expect(existsSync(join(ROOT, relative(ROOT, 'docs/no-such-page.md')))).toBe(false);
  });
});
