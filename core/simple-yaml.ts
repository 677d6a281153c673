import { CORE_SCHEMA } from 'js-yaml';

/**
 * A direct reader for the plain YAML that configurations are written in: block mappings with plain keys, block
 * sequences, one-line flow collections, plain scalars and one-line quoted scalars without escapes, comments. It
 * builds the same value js-yaml builds (scalars are resolved by js-yaml's own core schema), an order of magnitude
 * faster than the event parser, because it never materializes events.
 *
 * It reads nothing it is not sure of: at anything else (anchors, aliases, tags, block scalars, multi-line scalars
 * or flows, escapes, tabs, document markers, odd indentation, duplicate or dangerous keys, a limit reached, an
 * error of any kind) it gives up with NOT_SIMPLE, and the caller reads the text the full way, which then finds the
 * same value or the precise error. So for every text it accepts, the value equals the full reader's (a property
 * test checks this), and every refusal keeps its full-path message and line.
 */
export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

/** Thrown to give up; caught once, at the top. */
const GIVE_UP = new Error('not simple YAML');

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const SQUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/** Keys the full reader refuses; here they only mean "read it the full way". */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A-Z a-z 0-9 _ : what a plain key or a plain scalar may start with. */
function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** What a plain key may hold after its first character: word characters, `.`, `-`, `/`. */
function isKeyChar(c: number): boolean {
  return isWordStart(c) || c === 46 || c === DASH || c === 47;
}

/** Only printable characters js-yaml reads as themselves: no tabs, CR, controls, surrogates, BOM or odd breaks. */
function allPlainChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= SPACE && c < 0x7f) continue;
    if (c === NL) continue;
    if (c < 0xa0 || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029 || c >= 0xfeff) return false;
  }
  return true;
}

/** The value of a plain scalar, as js-yaml's core schema resolves it (null, booleans, numbers, else the text). */
const resolvePlain = (source: string): unknown => CORE_SCHEMA.resolveImplicitScalarTag(source).value;

/** The limits the full reader enforces (TEXT_LIMITS); reaching one means "read it the full way". */
export interface SimpleLimits {
  maxDepth: number;
  maxKeys: number;
  maxNodes: number;
}

class Reader {
  pos = 0;
  values = 0;

  constructor(
    readonly text: string,
    readonly limits: SimpleLimits,
  ) {}

  /** Count one value against the limit; past it, the full reader explains the refusal. */
  value(): void {
    if (++this.values > this.limits.maxNodes) throw GIVE_UP;
  }

  /** The content position nextLine last found, and its column. */
  contentAt = -1;
  contentIndent = -1;

  /**
   * From a line start (or the content position it last returned), skip blank and comment lines; return the indent
   * of the next content line (pos at its first character), or -1 at the end of the text.
   */
  nextLine(): number {
    if (this.pos === this.contentAt) return this.contentIndent;
    const t = this.text;
    for (;;) {
      const start = this.pos;
      let p = start;
      while (t.charCodeAt(p) === SPACE) p++;
      if (p >= t.length) {
        this.pos = p;
        return -1;
      }
      const c = t.charCodeAt(p);
      if (c === NL) {
        this.pos = p + 1;
        continue;
      }
      if (c === HASH) {
        const nl = t.indexOf('\n', p);
        this.pos = nl === -1 ? t.length : nl + 1;
        continue;
      }
      this.pos = this.contentAt = p;
      return (this.contentIndent = p - start);
    }
  }

  /** After a value on its line: spaces, then a comment (after a space) or the end of the line; pos past it. */
  endLine(): void {
    const t = this.text;
    let p = this.pos;
    const before = p;
    while (t.charCodeAt(p) === SPACE) p++;
    if (p < t.length) {
      const c = t.charCodeAt(p);
      if (c === HASH && p > before) {
        const nl = t.indexOf('\n', p);
        p = nl === -1 ? t.length : nl;
      } else if (c !== NL) throw GIVE_UP;
    }
    this.pos = p < t.length ? p + 1 : p;
  }

  /** A plain key and its `:`; pos after the colon, which is followed by a space or the end of the line. */
  key(): string {
    const t = this.text;
    const start = this.pos;
    if (!isWordStart(t.charCodeAt(start))) throw GIVE_UP;
    let p = start + 1;
    while (isKeyChar(t.charCodeAt(p))) p++;
    if (t.charCodeAt(p) !== COLON) throw GIVE_UP;
    const after = t.charCodeAt(p + 1);
    if (after !== SPACE && after !== NL && p + 1 < t.length) throw GIVE_UP;
    const raw = t.slice(start, p);
    if (FORBIDDEN_KEYS.has(raw)) throw GIVE_UP;
    this.pos = p + 1;
    return String(resolvePlain(raw));
  }

  /** Whether a plain key and `:` + space/end start at pos (a compact mapping in a sequence item). */
  keyAhead(): boolean {
    const t = this.text;
    let p = this.pos;
    if (!isWordStart(t.charCodeAt(p))) return false;
    while (isKeyChar(t.charCodeAt(++p)));
    if (t.charCodeAt(p) !== COLON) return false;
    const after = t.charCodeAt(p + 1);
    return after === SPACE || after === NL || p + 1 >= t.length;
  }

  /** A block mapping whose first key is at pos, in column `indent`; pos ends at the next line of lesser indent. */
  blockMapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > this.limits.maxDepth) throw GIVE_UP;
    this.value();
    const out: Record<string, unknown> = {};
    let keys = 0;
    for (;;) {
      const key = this.key();
      if (Object.prototype.hasOwnProperty.call(out, key) || ++keys > this.limits.maxKeys) throw GIVE_UP;
      const t = this.text;
      let p = this.pos;
      while (t.charCodeAt(p) === SPACE) p++;
      const c = t.charCodeAt(p);
      let next: number;
      if (p >= t.length || c === NL || (c === HASH && p > this.pos)) {
        // The value is on the lines below: deeper, or a sequence at the key's own column.
        this.endLine();
        next = this.nextLine();
        if (next > indent) {
          out[key] = this.blockNode(next, depth + 1);
          next = this.nextLine();
        } else if (next === indent && this.dashAhead()) {
          out[key] = this.blockSequence(indent, depth + 1);
          next = this.nextLine();
        } else {
          this.value();
          out[key] = null;
        }
      } else {
        this.pos = p;
        out[key] = this.inline(depth + 1);
        this.endLine();
        next = this.nextLine();
      }
      if (next < indent) return out;
      if (next > indent) throw GIVE_UP;
    }
  }

  /** `- ` or a lone `-` at pos. */
  dashAhead(): boolean {
    const t = this.text;
    if (t.charCodeAt(this.pos) !== DASH) return false;
    const after = t.charCodeAt(this.pos + 1);
    return after === SPACE || after === NL || this.pos + 1 >= t.length;
  }

  /** A block sequence whose first `-` is at pos, in column `indent`. */
  blockSequence(indent: number, depth: number): unknown[] {
    if (depth > this.limits.maxDepth) throw GIVE_UP;
    this.value();
    const out: unknown[] = [];
    const t = this.text;
    for (;;) {
      if (!this.dashAhead()) return out;
      const dash = this.pos;
      let p = dash + 1;
      while (t.charCodeAt(p) === SPACE) p++;
      const c = t.charCodeAt(p);
      // An empty item, an item on the lines below, or a nested `- -`: the full reader's.
      if (p >= t.length || c === NL || c === HASH || c === DASH) throw GIVE_UP;
      this.pos = p;
      let next: number;
      if (this.keyAhead()) {
        // The dash is in column `indent`, the key after it and its spaces.
        out.push(this.blockMapping(indent + (p - dash), depth + 1));
        next = this.nextLine();
      } else {
        out.push(this.inline(depth + 1));
        this.endLine();
        next = this.nextLine();
      }
      if (next < indent) return out;
      if (next > indent) throw GIVE_UP;
    }
  }

  /** A block node starting a line in column `indent`: a sequence or a mapping. */
  blockNode(indent: number, depth: number): unknown {
    return this.dashAhead() ? this.blockSequence(indent, depth) : this.blockMapping(indent, depth);
  }

  /** A value written on the line of its key or dash: a flow collection, a quoted or a plain scalar. */
  inline(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === LBRACE) return this.flowMapping(depth);
    if (c === LBRACKET) return this.flowSequence(depth);
    return this.scalar(false);
  }

  /** A scalar in block context (up to the end of the line or a comment) or flow context (up to `,` `]` `}`). */
  scalar(flow: boolean): unknown {
    this.value();
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === SQUOTE || c === DQUOTE) return this.quoted(c);
    const next = t.charCodeAt(start + 1);
    // A plain scalar may start with a word character, `.`, `/`, `~` or `-` + word character (`-1`, `-x`).
    if (!(isWordStart(c) || c === 46 || c === 47 || c === 126 || (c === DASH && (isWordStart(next) || next === 46))))
      throw GIVE_UP;
    let p = start + 1;
    let end = p;
    for (; p < t.length; p++) {
      const ch = t.charCodeAt(p);
      if (ch === NL) break;
      if (ch === SPACE) continue;
      if (ch === HASH) {
        if (t.charCodeAt(p - 1) === SPACE) break;
        throw GIVE_UP;
      }
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE) {
        if (flow) break;
        throw GIVE_UP;
      }
      if (ch === LBRACKET || ch === LBRACE) throw GIVE_UP;
      if (ch === COLON) {
        const after = t.charCodeAt(p + 1);
        if (flow || after === SPACE || after === NL || p + 1 >= t.length) throw GIVE_UP;
      }
      end = p + 1;
    }
    this.pos = end;
    return resolvePlain(t.slice(start, end));
  }

  /** A quoted scalar on one line; single quotes double a quote inside, double quotes have no escapes here. */
  quoted(quote: number): string {
    const t = this.text;
    let p = this.pos + 1;
    let out = '';
    let from = p;
    for (;;) {
      const ch = t.charCodeAt(p);
      if (p >= t.length || ch === NL || ch === BACKSLASH) throw GIVE_UP;
      if (ch === quote) {
        if (quote === SQUOTE && t.charCodeAt(p + 1) === SQUOTE) {
          out += t.slice(from, p + 1);
          p += 2;
          from = p;
          continue;
        }
        out += t.slice(from, p);
        this.pos = p + 1;
        return out;
      }
      p++;
    }
  }

  skipSpaces(): number {
    const t = this.text;
    while (t.charCodeAt(this.pos) === SPACE) this.pos++;
    return t.charCodeAt(this.pos);
  }

  flowValue(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === LBRACE) return this.flowMapping(depth);
    if (c === LBRACKET) return this.flowSequence(depth);
    return this.scalar(true);
  }

  /** `[a, b]` on one line. */
  flowSequence(depth: number): unknown[] {
    if (depth > this.limits.maxDepth) throw GIVE_UP;
    this.value();
    this.pos++;
    const out: unknown[] = [];
    if (this.skipSpaces() === RBRACKET) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.flowValue(depth + 1));
      const c = this.skipSpaces();
      this.pos++;
      if (c === RBRACKET) return out;
      if (c !== COMMA || this.skipSpaces() === RBRACKET) throw GIVE_UP;
    }
  }

  /** `{ a: 1, b: c }` on one line. */
  flowMapping(depth: number): Record<string, unknown> {
    if (depth > this.limits.maxDepth) throw GIVE_UP;
    this.value();
    this.pos++;
    const out: Record<string, unknown> = {};
    let keys = 0;
    if (this.skipSpaces() === RBRACE) {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.key();
      if (Object.prototype.hasOwnProperty.call(out, key) || ++keys > this.limits.maxKeys) throw GIVE_UP;
      if (this.text.charCodeAt(this.pos) !== SPACE) throw GIVE_UP;
      this.skipSpaces();
      out[key] = this.flowValue(depth + 1);
      const c = this.skipSpaces();
      this.pos++;
      if (c === RBRACE) return out;
      if (c !== COMMA || this.skipSpaces() === RBRACE) throw GIVE_UP;
    }
  }
}

/**
 * The text as data when it is a plain YAML mapping this reader is sure of (see above), else NOT_SIMPLE. The
 * caller has checked the size already.
 */
export function readSimpleYaml(text: string, limits: SimpleLimits): Record<string, unknown> | typeof NOT_SIMPLE {
  if (!allPlainChars(text)) return NOT_SIMPLE;
  const r = new Reader(text, limits);
  try {
    // The root: a mapping starting in the first column (anything else is left to the full reader).
    if (r.nextLine() !== 0) return NOT_SIMPLE;
    const value = r.blockMapping(0, 1);
    return r.pos >= text.length ? value : NOT_SIMPLE;
  } catch (err) {
    if (err === GIVE_UP) return NOT_SIMPLE;
    throw err;
  }
}
