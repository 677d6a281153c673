import type { Lang } from '../i18n.ts';
import { LANES, detailIn, type Lane, type TraceEvent } from '../sim/trace.ts';
import { DIAGRAM_TEXT, LANE_LABELS } from './text.ts';
import { COLORS, clip, el, esc, svgDoc } from './svg.ts';

export interface SequenceOptions {
  lang: Lang;
  /** Draw at most this many events; the rest are counted in a footer line. */
  maxEvents?: number;
  /** Distinguishes several diagrams on one page (ids of title/desc/markers). */
  id?: string;
  /**
   * The events are an excerpt of a run of this many events: the footer says so instead of a total of cycles,
   * which would count only the excerpt.
   */
  excerptOf?: number;
  /**
   * Whether the events' "what would have made it succeed" show (default true). False before the reveal point
   * (core/grading/reveal.ts), where the page keeps the answer back.
   */
  fixes?: boolean;
}

const SEQ_COL = 44;
const LANE_W = 156;
const CYCLES_COL = 84;
const HEADER_H = 58;
const ROW_H = 36;
const STEP_H = 24;
const FOOT_H = 34;

const BAD_OUTCOMES = new Set(['denied', 'failed', 'violation', 'dropped', 'lost']);

/**
 * Workload steps that break something on purpose — pull a disk, crash a VNF, a host, a guest (`fault.*`). The fault
 * they record is the scenario the lab set, not a failure of the learner's design, so it is not drawn as one.
 */
const INJECTING_OPS = new Set(['fail', 'vnf.fail', 'host.crash']);

export const isInjectedFault = (e: TraceEvent): boolean =>
  e.kind === 'fault' && (INJECTING_OPS.has(e.op) || e.op.startsWith('fault.'));

export const isBad = (e: TraceEvent): boolean =>
  e.outcome !== undefined && BAD_OUTCOMES.has(e.outcome) && !isInjectedFault(e);

/** `mmu_update #1` — the way hypercalls are written in the course. */
export const hypercallLabel = (e: TraceEvent): string | undefined =>
  e.hypercall ? `${e.hypercall.name} #${e.hypercall.number}` : undefined;

/** The main label of an event: its kind and operation, or the hypercall it made. */
function mainLabel(e: TraceEvent, lang: Lang): string {
  const hc = hypercallLabel(e);
  const base = hc ? `hypercall ${hc}` : `${e.kind} ${e.op}`;
  if (isInjectedFault(e)) return `${DIAGRAM_TEXT.injectedShort[lang]}: ${e.op}`;
  return isBad(e) ? `✕ ${DIAGRAM_TEXT.outcome[e.outcome as keyof typeof DIAGRAM_TEXT.outcome][lang]}: ${base}` : base;
}

/** Everything known about an event, for the tooltip and screen readers. */
function fullText(e: TraceEvent, lang: Lang, fixes = true): string {
  const parts = [
    `#${e.seq} ${e.actor}`,
    `${e.kind} ${e.op}`,
    e.subject && `(${e.subject})`,
    hypercallLabel(e) && `hypercall ${hypercallLabel(e)}`,
    detailIn(e.detail, lang),
    isInjectedFault(e)
      ? DIAGRAM_TEXT.injected[lang]
      : e.outcome && e.outcome !== 'ok' && DIAGRAM_TEXT.outcome[e.outcome][lang],
    e.note?.[lang],
    fixes && e.fix && `→ ${e.fix[lang]}`,
    e.cycles ? `${e.cycles.toLocaleString('en-US')} ${DIAGRAM_TEXT.cycles[lang]}` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** A marked event written out whole, for the list under a diagram where long reasons wrap. */
export interface EventNote {
  seq: number;
  injected: boolean;
  text: string;
}

/** Events drawn as failures or injected faults are listed under the diagram, at most this many. */
export const MAX_EVENT_NOTES = 12;

/**
 * The failures and injected faults of a trace in words: the SVG clips a row's text at its width (the whole text
 * only in its tooltip), so the page lists them where they wrap. Bounded by MAX_EVENT_NOTES.
 */
export function eventNotes(events: readonly TraceEvent[], lang: Lang, fixes = true): EventNote[] {
  return events
    .filter((e) => isBad(e) || isInjectedFault(e))
    .slice(0, MAX_EVENT_NOTES)
    .map((e) => ({ seq: e.seq, injected: isInjectedFault(e), text: fullText(e, lang, fixes) }));
}

function stepLabel(e: TraceEvent, lang: Lang): string {
  const head = e.step < 0 ? DIAGRAM_TEXT.setup[lang] : `${DIAGRAM_TEXT.step[lang]} ${e.step + 1}`;
  return `${head}: ${e.op}${e.subject ? ` · ${e.subject}` : ''}`;
}

/**
 * The trace as a sequence diagram: one lifeline per lane that occurs (top of the stack on the left), time flowing
 * downwards, an arrow for each hop from one layer to the next within a workload step. Hypercalls carry their name
 * and number, details (VM exit reasons, ports…) sit under the arrow, failures are drawn in red with the outcome.
 * Pure: the same events give the same string; all text is escaped.
 */
export function renderSequenceSvg(events: readonly TraceEvent[], options: SequenceOptions): string {
  const { lang } = options;
  const id = options.id ?? 'seq';
  const shown = events.slice(0, options.maxEvents ?? 400);
  const lanes = LANES.filter((l) => shown.some((e) => e.lane === l));
  const laneNames = lanes.map((l) => LANE_LABELS[l][lang]);
  const title = DIAGRAM_TEXT.sequenceTitle[lang];
  const desc =
    DIAGRAM_TEXT.sequenceDesc(events.length, laneNames.join(', '))[lang] +
    (options.excerptOf === undefined ? '' : ` · ${DIAGRAM_TEXT.excerpt(events.length, options.excerptOf)[lang]}`);

  if (!lanes.length) {
    return svgDoc(
      { width: 360, height: 48, title, desc, id },
      el('text', { x: 12, y: 28, fill: COLORS.muted }, esc(DIAGRAM_TEXT.empty[lang])),
    );
  }

  const width = SEQ_COL + lanes.length * LANE_W + CYCLES_COL;
  const laneX = (lane: Lane): number => SEQ_COL + lanes.indexOf(lane) * LANE_W + LANE_W / 2;

  const rows: string[] = [];
  let y = HEADER_H + 8;
  let prev: TraceEvent | undefined;
  // The last event of this step in another lane: when several actors of one lane follow each other (disks d0,
  // d1, d2 read by the controller), each is drawn as a call from that lane rather than from its neighbour.
  let caller: TraceEvent | undefined;
  for (const e of shown) {
    const newStep = !prev || prev.step !== e.step || prev.subject !== e.subject;
    if (newStep) caller = undefined;
    else if (prev!.lane !== e.lane) caller = prev;
    const from = newStep ? undefined : prev!.lane === e.lane && prev!.actor !== e.actor && caller ? caller : prev;
    if (newStep) {
      rows.push(
        el('line', {
          x1: SEQ_COL,
          x2: width - 8,
          y1: y + 6,
          y2: y + 6,
          stroke: COLORS.grid,
          'stroke-dasharray': '4 3',
        }) +
          el(
            'text',
            { x: SEQ_COL + 4, y: y + 19, fill: COLORS.muted, 'font-size': 11, 'font-weight': 'bold' },
            esc(clip(stepLabel(e, lang), width - SEQ_COL - 16, 11)),
          ),
      );
      y += STEP_H;
    }
    rows.push(eventRow(e, from, y, laneX, width, lang, id, options.fixes ?? true));
    y += ROW_H;
    prev = e;
  }

  const lifelines = lanes
    .map((lane) => {
      const x = laneX(lane);
      const actors = [...new Set(shown.filter((e) => e.lane === lane).map((e) => e.actor))];
      const actorText = clip(actors.join(', '), LANE_W - 16, 10);
      return (
        el('line', { x1: x, x2: x, y1: HEADER_H, y2: y, stroke: COLORS.line, 'stroke-dasharray': '2 4' }) +
        el('rect', {
          x: x - LANE_W / 2 + 6,
          y: 8,
          width: LANE_W - 12,
          height: HEADER_H - 14,
          rx: 6,
          fill: COLORS.accentFill,
          stroke: COLORS.accent,
        }) +
        el(
          'text',
          { x, y: 28, 'text-anchor': 'middle', 'font-weight': 'bold', fill: COLORS.ink, 'font-size': 13 },
          esc(LANE_LABELS[lane][lang]),
        ) +
        el(
          'text',
          { x, y: 44, 'text-anchor': 'middle', fill: COLORS.muted, 'font-size': 10 },
          el('title', {}, esc(actors.join(', '))) + esc(actorText),
        )
      );
    })
    .join('');

  // A total only where the run counts cycles (a storage array counts blocks, not cycles) and the drawing is the
  // whole run: an excerpt's sum is no total.
  const total = events.reduce((s, e) => s + e.cycles, 0);
  const footerText =
    options.excerptOf !== undefined
      ? DIAGRAM_TEXT.excerpt(events.length, options.excerptOf)[lang]
      : total > 0
        ? `${DIAGRAM_TEXT.totalCycles[lang]}: ${total.toLocaleString('en-US')}`
        : undefined;
  const footer: string[] = footerText
    ? [
        el(
          'text',
          { x: width - 8, y: y + 22, 'text-anchor': 'end', 'font-weight': 'bold', fill: COLORS.ink },
          esc(footerText),
        ),
      ]
    : [];
  if (events.length > shown.length) {
    footer.push(
      el(
        'text',
        { x: SEQ_COL, y: y + 22, fill: COLORS.muted },
        esc(DIAGRAM_TEXT.more(events.length - shown.length)[lang]),
      ),
    );
  }

  const defs =
    '<defs>' +
    [
      ['ok', COLORS.ink],
      ['bad', COLORS.bad],
      ['injected', COLORS.injected],
    ]
      .map(([k, color]) =>
        el(
          'marker',
          {
            id: `${id}-arrow-${k}`,
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto-start-reverse',
          },
          el('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }),
        ),
      )
      .join('') +
    '</defs>';

  return svgDoc(
    { width, height: y + FOOT_H, title, desc, id },
    defs +
      el('rect', { x: 0, y: 0, width, height: y + FOOT_H, fill: '#ffffff' }) +
      lifelines +
      rows.join('') +
      footer.join(''),
  );
}

function eventRow(
  e: TraceEvent,
  from: TraceEvent | undefined,
  y: number,
  laneX: (l: Lane) => number,
  width: number,
  lang: Lang,
  id: string,
  fixes: boolean,
): string {
  const bad = isBad(e);
  const injected = isInjectedFault(e);
  const color = bad ? COLORS.bad : injected ? COLORS.injected : e.hypercall ? COLORS.accent : COLORS.ink;
  const marked = bad || injected;
  const x = laneX(e.lane);
  const mid = y + ROW_H / 2;
  const parts: string[] = [el('title', {}, esc(fullText(e, lang, fixes)))];
  if (marked)
    parts.push(
      el('rect', {
        x: SEQ_COL,
        y: y + 1,
        width: width - SEQ_COL - 4,
        height: ROW_H - 2,
        fill: bad ? COLORS.badFill : COLORS.injectedFill,
        rx: 4,
      }),
    );
  parts.push(
    el('text', { x: SEQ_COL - 8, y: mid + 4, 'text-anchor': 'end', fill: COLORS.muted, 'font-size': 10 }, esc(e.seq)),
  );

  const label = mainLabel(e, lang);
  const fromX = from ? laneX(from.lane) : x;
  let labelX: number;
  let anchor: 'start' | 'middle' | 'end';
  let room: number;
  if (fromX === x) {
    // A step handled where it started: an activation box on the lifeline, label beside it.
    parts.push(
      el('rect', {
        x: x - 5,
        y: mid - 9,
        width: 10,
        height: 18,
        rx: 2,
        fill: marked ? color : '#ffffff',
        stroke: color,
        'stroke-width': 1.5,
      }),
    );
    // Label on the side with more room (the rightmost lane writes to its left).
    const right = width - CYCLES_COL - (x + 10);
    const left = x - 10 - SEQ_COL;
    labelX = right >= left ? x + 10 : x - 10;
    anchor = right >= left ? 'start' : 'end';
    room = Math.max(right, left);
  } else {
    parts.push(
      el('line', {
        x1: fromX,
        x2: x + (x > fromX ? -2 : 2),
        y1: mid,
        y2: mid,
        stroke: color,
        'stroke-width': marked ? 2.2 : 1.5,
        'marker-end': `url(#${id}-arrow-${bad ? 'bad' : injected ? 'injected' : 'ok'})`,
      }),
    );
    labelX = (fromX + x) / 2;
    anchor = 'middle';
    room = Math.max(Math.abs(x - fromX), LANE_W) - 4;
  }
  parts.push(
    el(
      'text',
      {
        x: labelX,
        y: mid - 5,
        'text-anchor': anchor,
        fill: color,
        'font-weight': marked || e.hypercall ? 'bold' : undefined,
      },
      esc(clip(label, room)),
    ),
  );
  const sub = detailIn(e.detail, lang) ?? (marked ? e.note?.[lang] : undefined);
  if (sub) {
    // The detail is the longest text of a row: it starts under the arrow (or beside the box) and may run on to the
    // cycles column, unless the label's own side gives it more room (the rightmost lane writes to its left).
    const startX = fromX === x ? x + 10 : Math.min(fromX, x) + 4;
    const onward = width - CYCLES_COL - startX;
    const [subX, subAnchor, subRoom] = onward >= room ? [startX, 'start', onward] : [labelX, anchor, room];
    parts.push(
      el(
        'text',
        { x: subX, y: mid + 11, 'text-anchor': subAnchor, fill: marked ? color : COLORS.muted, 'font-size': 10 },
        esc(clip(sub, subRoom, 10)),
      ),
    );
  }
  if (e.cycles) {
    parts.push(
      el(
        'text',
        { x: width - 8, y: mid + 4, 'text-anchor': 'end', fill: COLORS.muted, 'font-size': 11 },
        esc(e.cycles.toLocaleString('en-US')),
      ),
    );
  }
  return el(
    'g',
    {
      class: bad ? 'ev bad' : injected ? 'ev injected' : 'ev',
      'data-seq': e.seq,
      'data-lane': e.lane,
      'data-outcome': e.outcome,
    },
    parts.join(''),
  );
}
