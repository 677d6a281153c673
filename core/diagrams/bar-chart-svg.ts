import { COLORS, clip, el, esc, svgDoc } from './svg.ts';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  title: string;
  desc: string;
  id: string;
  /** Top of the scale; defaults to the largest value. */
  max?: number;
  /** Appended to each value label, e.g. `%`. */
  unit?: string;
}

const H = 180;
const TOP = 16;
const BOTTOM = 40;
const LEFT = 36;
const BAR_W = 44;
const GAP = 14;

/** A vertical bar chart (score histogram, pass rates) drawn as SVG; labels are escaped, values labelled. */
export function renderBarChartSvg(bars: readonly Bar[], o: BarChartOptions): string {
  const max = Math.max(o.max ?? 0, ...bars.map((b) => b.value), 1);
  const width = Math.max(LEFT + bars.length * (BAR_W + GAP) + GAP, 240);
  const height = TOP + H + BOTTOM;
  const base = TOP + H;
  const parts: string[] = [el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' })];
  // Gridlines at 0, the top and the middle when the middle is a whole number (counts are integers).
  for (const f of Number.isInteger(max / 2) ? [0, 0.5, 1] : [0, 1]) {
    const y = base - f * H;
    parts.push(
      el('line', { x1: LEFT, x2: width - 4, y1: y, y2: y, stroke: COLORS.grid }) +
        el(
          'text',
          { x: LEFT - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 10, fill: COLORS.muted },
          esc(`${Math.round(f * max)}${o.unit ?? ''}`),
        ),
    );
  }
  bars.forEach((b, i) => {
    const x = LEFT + GAP + i * (BAR_W + GAP);
    const h = (Math.max(0, b.value) / max) * H;
    const value = `${Math.round(b.value * 10) / 10}${o.unit ?? ''}`;
    parts.push(
      el(
        'g',
        { class: 'bar', 'data-label': b.label, 'data-value': b.value },
        el('title', {}, esc(`${b.label}: ${value}`)) +
          el('rect', { x, y: base - h, width: BAR_W, height: h, fill: COLORS.accent, rx: 2 }) +
          el(
            'text',
            { x: x + BAR_W / 2, y: base - h - 4, 'text-anchor': 'middle', 'font-size': 11, fill: COLORS.ink },
            esc(value),
          ) +
          el(
            'text',
            { x: x + BAR_W / 2, y: base + 16, 'text-anchor': 'middle', 'font-size': 11, fill: COLORS.ink },
            esc(clip(b.label, BAR_W + GAP - 2, 11)),
          ),
      ),
    );
  });
  return svgDoc({ width, height, title: o.title, desc: o.desc, id: o.id }, parts.join(''));
}
