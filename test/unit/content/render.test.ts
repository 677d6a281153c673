import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, renderMarkdown, slugify } from '../../../core/content/render.ts';
import { lessonMarkdown } from '../../../core/content/frame.ts';
import { headingsOf } from '../../../core/content/markdown.ts';
import { lessons } from './fixtures.ts';

describe('lessonMarkdown', () => {
  const lesson = {
    ...lessons[0],
    body: { ko: '\n# 제목\n\n## 본문 {#body}\n\n글.\n', en: '# Title\n\n## Body {#body}\n\nText.\n' },
    objectives: [
      { ko: '[x](javascript:1) <b>를</b> 설명한다.', en: 'Explain [x](javascript:1) <b>this</b> *as written*.' },
    ],
    prerequisites: [
      { lesson: 'nfv', text: { ko: 'NFV', en: 'NFV' } },
      { text: { ko: '운영체제', en: 'Operating systems' } },
    ],
    reading: [
      {
        id: 'rfc-7665',
        cite: 'RFC 7665',
        url: 'https://www.rfc-editor.org/rfc/rfc7665',
        note: { ko: '체인', en: 'Chains' },
      },
    ],
  };

  it('puts objectives and prerequisites after the title and the reading list last, in the page language', () => {
    const md = lessonMarkdown(lesson, 'en');
    expect(headingsOf(md).map((h) => h.id ?? h.text)).toEqual([
      'Title',
      'objectives',
      'prerequisites',
      'body',
      'reading',
    ]);
    const html = renderMarkdown(md);
    expect(html).toContain('<a href="/lessons/nfv" class="ref-lesson">NFV</a>');
    expect(html).toContain(
      '<a href="https://www.rfc-editor.org/rfc/rfc7665" rel="noopener noreferrer">RFC 7665</a> — Chains',
    );
    expect(renderMarkdown(lessonMarkdown(lesson, 'ko'))).toContain('<h2 id="objectives">학습 목표</h2>');
  });

  it('shows front-matter text as text: no links or tags slip in', () => {
    const html = renderMarkdown(lessonMarkdown(lesson, 'en'));
    expect(html).not.toMatch(/<a[^>]*javascript|<b>/);
    expect(html).toContain('[x](javascript:1)');
    expect(html).toContain('&lt;b&gt;this&lt;/b&gt; *as written*');
  });
});

describe('renderMarkdown', () => {
  it('gives headings their explicit id and hides the marker', () => {
    const html = renderMarkdown('## 하이퍼콜 {#hypercalls}\n');
    expect(html).toBe('<h2 id="hypercalls">하이퍼콜</h2>\n');
  });

  it('keeps inline markup in a heading with an id', () => {
    expect(renderMarkdown('### The `HLT` path {#hlt}\n')).toBe('<h3 id="hlt">The <code>HLT</code> path</h3>\n');
  });

  it('slugs headings without an id, Korean included', () => {
    expect(renderMarkdown('## 가상 머신과 VM\n')).toContain('id="가상-머신과-vm"');
    expect(slugify('  !!  ')).toBe('section');
  });

  it('shows raw HTML as text instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here.\n');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('does not link unsafe URLs', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) [data](data:text/html,x)');
    expect(html).not.toMatch(/href/);
    expect(html).toContain('<span>click</span>');
  });

  it('maps course links with the default URLs', () => {
    const html = renderMarkdown('[a](lab:hvm-boot-vtx) [b](lesson:xen-in-depth#hypercalls) [c](glossary:hypercall)');
    expect(html).toContain('<a href="/labs/hvm-boot-vtx" class="ref-lab">a</a>');
    expect(html).toContain('<a href="/lessons/xen-in-depth#hypercalls" class="ref-lesson">b</a>');
    expect(html).toContain('<a href="/glossary#hypercall" class="ref-glossary">c</a>');
    expect(renderMarkdown('[d](example:server-pv)')).toContain(
      '<a href="/examples/server-pv" class="ref-example">d</a>',
    );
  });

  it('maps course links through a caller-supplied mapper, which may leave one unlinked', () => {
    const render = createMarkdownRenderer((ref) =>
      ref.kind === 'lab' ? undefined : `/en/${ref.kind}/${ref.id}?x="1"`,
    );
    const html = render('[a](lab:hvm-boot-vtx) [b](glossary:hypercall)');
    expect(html).toContain('<span class="ref-lab">a</span>');
    expect(html).toContain('<a href="/en/glossary/hypercall?x=&quot;1&quot;" class="ref-glossary">b</a>');
  });

  it('marks external links noopener and renders images as their alt text', () => {
    const html = renderMarkdown('[spec](https://example.org "The spec") ![diagram](https://example.org/x.png)');
    expect(html).toContain('<a href="https://example.org" title="The spec" rel="noopener noreferrer">spec</a>');
    expect(html).not.toContain('<img');
    expect(html).toContain('diagram');
  });

  it.each(
    lessons.flatMap((l) => (['ko', 'en'] as const).map((lang) => [l.id, lang, lessonMarkdown(l, lang)] as const)),
  )(
    '%s (%s) renders cleanly: every section anchored, no stray markdown, no unmapped course link',
    (_id, _lang, body) => {
      const html = renderMarkdown(body);
      // The page opens with the title, then the objectives and prerequisites, and ends with the reading list.
      expect(
        headingsOf(body)
          .map((h) => h.id ?? h.depth)
          .slice(0, 3),
      ).toEqual([1, 'objectives', 'prerequisites']);
      expect(headingsOf(body).at(-1)?.id).toBe('reading');
      expect(html).toMatch(/<ol>\n<li>/);
      for (const h of headingsOf(body).filter((x) => x.id)) expect(html).toContain(`id="${h.id}"`);
      const prose = html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
      expect(prose).not.toMatch(/\*\*|\{#|\]\(/);
      expect(prose).not.toMatch(/href="(lab|lesson|glossary|example):/);
      expect(html).toMatch(/<table>/);
    },
  );
});
