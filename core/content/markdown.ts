import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Reading the structure of a lesson body: its section headings and its links. Headings carry an explicit id,
 * `## 하이퍼콜 {#hypercalls}`, so a section has the same anchor in Korean and English.
 */
export interface Heading {
  depth: number;
  /** The explicit `{#id}`, or undefined when the heading has none. */
  id: string | undefined;
  text: string;
}

const HEADING_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;

/** Split `Title {#id}` into the visible text and the id. */
export function splitHeadingId(text: string): { text: string; id: string | undefined } {
  const m = HEADING_ID.exec(text);
  return m ? { text: text.slice(0, m.index), id: m[1] } : { text, id: undefined };
}

export function lex(md: string): Token[] {
  return new Lexer({ gfm: true }).lex(md);
}

export function headingsOf(md: string): Heading[] {
  return lex(md)
    .filter((t): t is Tokens.Heading => t.type === 'heading')
    .map((t) => ({ depth: t.depth, ...splitHeadingId(t.text) }));
}

/** Every link target in the body, in order, including links inside tables, lists and blockquotes. */
export function linksOf(md: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link') out.push((t as Tokens.Link).href);
      const nested = t as {
        tokens?: Token[];
        items?: Tokens.ListItem[];
        header?: Tokens.TableCell[];
        rows?: Tokens.TableCell[][];
      };
      if (nested.tokens) walk(nested.tokens);
      if (nested.items) for (const item of nested.items) walk(item.tokens);
      if (nested.header) for (const cell of nested.header) walk(cell.tokens);
      if (nested.rows) for (const row of nested.rows) for (const cell of row) walk(cell.tokens);
    }
  };
  walk(lex(md));
  return out;
}

/**
 * A link into the course: `lab:<id>`, `lesson:<id>` or `lesson:<id>#<section>`, `glossary:<term>`, or
 * `example:<name>` (a simulator configuration, `content/examples/<name>.yaml`, shown with its trace).
 */
export const CONTENT_REF_KINDS = ['lab', 'lesson', 'glossary', 'example'] as const;

export interface ContentRef {
  kind: (typeof CONTENT_REF_KINDS)[number];
  id: string;
  anchor?: string;
}

const REF = /^(lab|lesson|glossary|example):([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([a-z0-9]+(?:-[a-z0-9]+)*))?$/;

/** Parse a course link; undefined for anything else (web URLs, `#section` anchors). */
export function parseContentRef(href: string): ContentRef | undefined {
  const m = REF.exec(href);
  if (!m) return undefined;
  const ref: ContentRef = { kind: m[1] as ContentRef['kind'], id: m[2] };
  if (m[3]) ref.anchor = m[3];
  return ref;
}

/** True for `lab:`, `lesson:`, `glossary:`, `example:` hrefs, well-formed or not (so a typo is reported, not rendered). */
export const looksLikeContentRef = (href: string): boolean => /^(lab|lesson|glossary|example):/.test(href);
