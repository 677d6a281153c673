import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../html-escape.ts';
import { looksLikeContentRef, parseContentRef, splitHeadingId, type ContentRef } from './markdown.ts';

/** Turns a course link into a URL of the site that shows it; undefined leaves the link text unlinked. */
export type LinkMapper = (ref: ContentRef) => string | undefined;

/** Where the pages live unless the caller says otherwise. */
export const defaultLinkMapper: LinkMapper = (ref) => {
  switch (ref.kind) {
    case 'lab':
      return `/labs/${ref.id}`;
    case 'lesson':
      return `/lessons/${ref.id}${ref.anchor ? `#${ref.anchor}` : ''}`;
    case 'glossary':
      return `/glossary#${ref.id}`;
    case 'example':
      return `/examples/${ref.id}`;
  }
};

/** Anchor for a heading without an explicit {#id}: letters (any script) and digits, joined by hyphens. */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

const SAFE_URL = /^(https?:|mailto:|\/|#)/i;

/**
 * A markdown renderer for lesson bodies. Raw HTML in the markdown is shown as text, never passed through; headings
 * get ids (the explicit `{#id}` or a slug); course links (`lab:…`, `lesson:…#…`, `glossary:…`, `example:…`) go through `mapLink`;
 * any other URL must be http(s), mailto, absolute-path or a fragment.
 */
export function createMarkdownRenderer(mapLink: LinkMapper = defaultLinkMapper): (md: string) => string {
  const marked = new Marked({
    gfm: true,
    async: false,
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      heading({ tokens, depth, text }: Tokens.Heading) {
        const { id } = splitHeadingId(text);
        const last = tokens[tokens.length - 1];
        // Strip the `{#id}` marker from the rendered text: it is the last text token of the heading.
        if (id && last && last.type === 'text') {
          const stripped = splitHeadingId(last.text).text;
          tokens = [...tokens.slice(0, -1), { ...last, raw: stripped, text: stripped }];
        }
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${escapeHtml(id ?? slugify(inner))}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        let url: string | undefined;
        let cls = '';
        if (looksLikeContentRef(href)) {
          const ref = parseContentRef(href);
          url = ref && mapLink(ref);
          if (ref) cls = ` class="ref-${ref.kind}"`;
        } else if (SAFE_URL.test(href)) url = href;
        if (url === undefined) return `<span${cls}>${inner}</span>`;
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        const ext = /^https?:/i.test(url) ? ' rel="noopener noreferrer"' : '';
        return `<a href="${escapeHtml(url)}"${t}${cls}${ext}>${inner}</a>`;
      },
      image({ text }: Tokens.Image) {
        // Lessons carry no images; an image is rendered as its alt text rather than fetching anything.
        return escapeHtml(text);
      },
    },
  });
  return (md) => marked.parse(md) as string;
}

const standard = createMarkdownRenderer();

/** Render lesson markdown to HTML with the default link URLs. */
export function renderMarkdown(md: string, mapLink?: LinkMapper): string {
  return mapLink ? createMarkdownRenderer(mapLink)(md) : standard(md);
}
