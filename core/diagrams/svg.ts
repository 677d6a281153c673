import { escapeHtml } from '../html-escape.ts';

/** Small helpers shared by the SVG renderers: they build markup as strings, so every text goes through `esc`. */

/** Escape text for an XML text node or a quoted attribute (the short name reads better inside markup). */
export const esc = escapeHtml;

/** Rough rendered width of one character: Hangul and other wide scripts take about twice a Latin letter. */
const charWidth = (ch: string, fontSize: number): number =>
  (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1.0 : 0.58) * fontSize;

/** Shorten a label so it fits `maxPx` at `fontSize`; callers keep the full text in a <title>. */
export function clip(text: string, maxPx: number, fontSize = 12): string {
  let width = 0;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    width += charWidth(chars[i], fontSize);
    if (width > maxPx) return chars.slice(0, Math.max(1, i - 1)).join('') + '…';
  }
  return text;
}

/** Attributes from a record, skipping undefined values; numbers are rounded so the output stays stable and small. */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'number' ? Math.round(v * 10) / 10 : v)}"`)
    .join('');
}

export const el = (name: string, a: Record<string, string | number | undefined>, body?: string): string =>
  body === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;

/** Palette with readable contrast on white (all ≥ 4.5:1 for text). */
export const COLORS = {
  ink: '#1f2933',
  muted: '#52606d',
  line: '#9aa5b1',
  grid: '#e4e7eb',
  ok: '#1f6f43',
  bad: '#b42318',
  badFill: '#fde8e7',
  /** A fault the scenario injects on purpose: marked, but not in the colour of a failure. */
  injected: '#7a4d00',
  injectedFill: '#fff1d6',
  accent: '#1d4ed8',
  accentFill: '#e0e9ff',
  parity: '#7a4d00',
  parityFill: '#fff1d6',
  q: '#6b2fa3',
  qFill: '#f1e6fb',
  failedFill: '#f3f4f6',
} as const;

export const FONT = "NanumGothic, 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif";

/** The outer <svg> element, accessible: role img with a title and description. */
export function svgDoc(
  o: { width: number; height: number; title: string; desc: string; id: string },
  body: string,
): string {
  const titleId = `${o.id}-title`;
  const descId = `${o.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      viewBox: `0 0 ${o.width} ${o.height}`,
      width: o.width,
      height: o.height,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-family': FONT,
      'font-size': 12,
      class: 'diagram',
    })}>` +
    el('title', { id: titleId }, esc(o.title)) +
    el('desc', { id: descId }, esc(o.desc)) +
    body +
    '</svg>'
  );
}
