import type { Lang } from '../i18n.ts';
import { DIAGRAM_TEXT } from './text.ts';
import { COLORS, clip, el, esc, svgDoc } from './svg.ts';

export interface RaidDiskView {
  id: string;
  status: string;
}

/** What the RAID picture needs from an array of the storage simulator's final state. */
export interface RaidView {
  name: string;
  level: string;
  disks: RaidDiskView[];
  /** One row per stripe, one cell per disk: `D0`, `P`, `Q`, `M0` (mirror copy), or empty. */
  layout: string[][];
}

const MAX_STRIPES = 16;
const CELL_W = 64;
const CELL_H = 26;
const LEFT = 84;
const TOP = 58;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function diskList(value: unknown): RaidDiskView[] {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((d, i) => [isRecord(d) && typeof d.id === 'string' ? d.id : `d${i}`, d])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  return entries.map(([id, d]) => ({
    id,
    status: isRecord(d) && typeof d.status === 'string' ? d.status : typeof d === 'string' ? d : 'ok',
  }));
}

/** Arrays by name: from `arrays.<name>` nested, or flattened under `"arrays.<name>"` keys (a grade's picture excerpt). */
function arraysIn(state: unknown): [string, unknown][] {
  if (!isRecord(state)) return [];
  const nested = isRecord(state.arrays) ? Object.entries(state.arrays) : [];
  const flat = Object.entries(state)
    .filter(([k]) => k.startsWith('arrays.') && !k.slice(7).includes('.'))
    .map(([k, v]): [string, unknown] => [k.slice(7), v]);
  return [...nested, ...flat];
}

/**
 * The arrays of a storage state (`arrays.<name>.{level, disks, layout}`), read defensively: the state arrives as
 * stored JSON, so anything that does not look like an array is skipped rather than trusted.
 */
export function raidViewsFromState(state: unknown): RaidView[] {
  const views: RaidView[] = [];
  for (const [name, a] of arraysIn(state)) {
    if (!isRecord(a) || !Array.isArray(a.layout)) continue;
    const layout = a.layout
      .filter(Array.isArray)
      .map((row) => (row as unknown[]).map((c) => (c == null ? '' : String(c))));
    const disks = diskList(a.disks);
    // Columns of the layout follow `diskOrder` when the state gives it (disks are a record keyed by name).
    const order = Array.isArray(a.diskOrder) ? a.diskOrder.map(String) : undefined;
    const ordered = order ? order.map((id) => disks.find((d) => d.id === id) ?? { id, status: 'ok' }) : disks;
    views.push({ name, level: String(a.level ?? '?'), disks: ordered, layout });
  }
  return views;
}

function cellStyle(cell: string): { fill: string; stroke: string; ink: string } {
  if (/^P/.test(cell)) return { fill: COLORS.parityFill, stroke: COLORS.parity, ink: COLORS.parity };
  if (/^Q/.test(cell)) return { fill: COLORS.qFill, stroke: COLORS.q, ink: COLORS.q };
  if (/^M/.test(cell)) return { fill: '#e6f4ea', stroke: COLORS.ok, ink: COLORS.ok };
  if (cell === '') return { fill: '#ffffff', stroke: COLORS.grid, ink: COLORS.muted };
  return { fill: COLORS.accentFill, stroke: COLORS.accent, ink: COLORS.ink };
}

/**
 * One RAID array as a grid: disks across, stripes down, each cell the data block, P or Q it holds; failed disks
 * are greyed and crossed out, rebuilt disks marked. Pure, escaped.
 */
export function renderRaidSvg(view: RaidView, options: { lang: Lang; id?: string }): string {
  const { lang } = options;
  const id = options.id ?? `raid-${view.name}`;
  const columns = Math.max(view.disks.length, ...view.layout.map((r) => r.length), 1);
  const disks = Array.from({ length: columns }, (_, i) => view.disks[i] ?? { id: `#${i}`, status: 'ok' });
  const stripes = view.layout.slice(0, MAX_STRIPES);
  const failed = disks.filter((d) => d.status === 'failed').length;
  const width = Math.max(LEFT + columns * CELL_W + 16, 420);
  const gridBottom = TOP + stripes.length * CELL_H;
  const height = gridBottom + (view.layout.length > stripes.length ? 18 : 0) + 44;
  const parts: string[] = [el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' })];

  parts.push(
    el(
      'text',
      { x: 8, y: 18, 'font-weight': 'bold', 'font-size': 13, fill: COLORS.ink },
      esc(clip(DIAGRAM_TEXT.raidTitle(view.name, view.level)[lang], width - 16, 13)),
    ),
  );

  disks.forEach((d, i) => {
    const x = LEFT + i * CELL_W;
    const down = d.status === 'failed';
    const statusText = down
      ? DIAGRAM_TEXT.diskFailed[lang]
      : d.status === 'rebuilt'
        ? DIAGRAM_TEXT.diskRebuilt[lang]
        : DIAGRAM_TEXT.diskOk[lang];
    parts.push(
      el(
        'g',
        { class: `disk ${down ? 'failed' : d.status}`, 'data-disk': d.id, 'data-status': d.status },
        el('title', {}, esc(`${d.id}: ${statusText}`)) +
          el(
            'text',
            {
              x: x + CELL_W / 2,
              y: TOP - 20,
              'text-anchor': 'middle',
              'font-weight': 'bold',
              fill: down ? COLORS.bad : COLORS.ink,
            },
            esc(clip(d.id, CELL_W - 6)),
          ) +
          el(
            'text',
            {
              x: x + CELL_W / 2,
              y: TOP - 7,
              'text-anchor': 'middle',
              'font-size': 10,
              fill: down ? COLORS.bad : d.status === 'rebuilt' ? COLORS.ok : COLORS.muted,
            },
            esc(statusText),
          ),
      ),
    );
  });

  stripes.forEach((row, s) => {
    const y = TOP + s * CELL_H;
    parts.push(
      el(
        'text',
        { x: LEFT - 8, y: y + 17, 'text-anchor': 'end', 'font-size': 11, fill: COLORS.muted },
        esc(`${DIAGRAM_TEXT.stripe[lang]} ${s}`),
      ),
    );
    for (let i = 0; i < columns; i++) {
      const cell = row[i] ?? '';
      const c = cellStyle(cell);
      const down = disks[i].status === 'failed';
      const x = LEFT + i * CELL_W;
      parts.push(
        el('rect', {
          x: x + 3,
          y: y + 2,
          width: CELL_W - 6,
          height: CELL_H - 4,
          rx: 3,
          fill: down ? COLORS.failedFill : c.fill,
          stroke: down ? COLORS.line : c.stroke,
        }) +
          el(
            'text',
            {
              x: x + CELL_W / 2,
              y: y + 17,
              'text-anchor': 'middle',
              fill: down ? COLORS.muted : c.ink,
              'font-weight': cell.startsWith('P') || cell.startsWith('Q') ? 'bold' : undefined,
            },
            esc(clip(cell, CELL_W - 10)),
          ),
      );
    }
  });

  // Failed disks: a red cross over the whole column, so the loss reads at a glance even without colour.
  disks.forEach((d, i) => {
    if (d.status !== 'failed' || !stripes.length) return;
    const x = LEFT + i * CELL_W;
    parts.push(
      el('path', {
        d: `M${x + 6},${TOP + 4} L${x + CELL_W - 6},${gridBottom - 4} M${x + CELL_W - 6},${TOP + 4} L${x + 6},${gridBottom - 4}`,
        stroke: COLORS.bad,
        'stroke-width': 2,
        fill: 'none',
      }),
    );
  });

  let y = gridBottom + 8;
  if (view.layout.length > stripes.length) {
    parts.push(
      el(
        'text',
        { x: LEFT, y: y + 8, fill: COLORS.muted, 'font-size': 11 },
        esc(DIAGRAM_TEXT.moreStripes(view.layout.length - stripes.length)[lang]),
      ),
    );
    y += 18;
  }
  const legend: [string, string][] = [
    ['D', DIAGRAM_TEXT.legendData[lang]],
    ['P', DIAGRAM_TEXT.legendP[lang]],
    ['Q', DIAGRAM_TEXT.legendQ[lang]],
    ['M', DIAGRAM_TEXT.legendMirror[lang]],
  ];
  let lx = 8;
  for (const [key, label] of legend) {
    const c = cellStyle(key);
    parts.push(
      el('rect', { x: lx, y: y + 8, width: 14, height: 14, rx: 2, fill: c.fill, stroke: c.stroke }) +
        el('text', { x: lx + 20, y: y + 19, 'font-size': 11, fill: COLORS.ink }, esc(label)),
    );
    lx += 30 + label.length * 9;
  }

  const title = DIAGRAM_TEXT.raidTitle(view.name, view.level)[lang];
  const desc = DIAGRAM_TEXT.raidDesc(columns, view.layout.length, failed)[lang];
  return svgDoc({ width, height, title, desc, id }, parts.join(''));
}
