import { describe, it, expect } from 'vitest';
import { raidViewsFromState, renderRaidSvg } from '../../../core/diagrams/raid-svg.ts';
import { renderBarChartSvg } from '../../../core/diagrams/bar-chart-svg.ts';

const state = {
  arrays: {
    a1: {
      level: 5,
      disks: [
        { id: 'd0', status: 'ok' },
        { id: 'd1', status: 'failed' },
        { id: 'd2', status: 'rebuilt' },
      ],
      layout: [
        ['D0', 'D1', 'P'],
        ['D2', 'P', 'D3'],
      ],
    },
    junk: { level: 1 },
  },
};

describe('raidViewsFromState', () => {
  it('reads arrays with a layout and skips anything else', () => {
    const views = raidViewsFromState(state);
    expect(views.map((v) => v.name)).toEqual(['a1']);
    expect(views[0].disks.map((d) => d.status)).toEqual(['ok', 'failed', 'rebuilt']);
    expect(views[0].layout[1]).toEqual(['D2', 'P', 'D3']);
  });

  it('accepts disks keyed by name', () => {
    const views = raidViewsFromState({
      arrays: { r: { level: 1, disks: { x: { status: 'failed' }, y: { status: 'ok' } }, layout: [['D0', 'M0']] } },
    });
    expect(views[0].disks).toEqual([
      { id: 'x', status: 'failed' },
      { id: 'y', status: 'ok' },
    ]);
  });

  it('orders the columns by diskOrder when the state gives one', () => {
    const views = raidViewsFromState({
      arrays: {
        r: {
          level: 5,
          diskOrder: ['b', 'a'],
          disks: { a: { status: 'ok' }, b: { status: 'failed' } },
          layout: [['D0', 'P']],
        },
      },
    });
    expect(views[0].disks.map((d) => d.id)).toEqual(['b', 'a']);
  });

  it('reads arrays a grade excerpt keeps under flattened "arrays.<name>" keys', () => {
    const views = raidViewsFromState({ 'arrays.a1': state.arrays.a1, 'arrays.a1.level': 5 });
    expect(views.map((v) => v.name)).toEqual(['a1']);
    expect(views[0].layout).toHaveLength(2);
  });

  it('returns nothing for a state that is not a storage state', () => {
    expect(raidViewsFromState(null)).toEqual([]);
    expect(raidViewsFromState({ guests: {} })).toEqual([]);
  });
});

describe('renderRaidSvg', () => {
  const svg = renderRaidSvg(raidViewsFromState(state)[0], { lang: 'en' });

  it('draws one cell per disk and stripe with data and parity', () => {
    expect(svg.match(/>D\d</g)?.length).toBe(4);
    expect(svg.match(/>P</g)?.length).toBe(2);
    expect(svg).toContain('Layout of array a1 (RAID 5)');
  });

  it('marks failed and rebuilt disks', () => {
    expect(svg).toContain('data-disk="d1" data-status="failed"');
    expect(svg).toContain('>failed<');
    expect(svg).toContain('>rebuilt<');
    expect(svg).toContain('3 disks, 2 stripes, 1 failed disks');
  });

  it('writes Korean labels when asked', () => {
    expect(renderRaidSvg(raidViewsFromState(state)[0], { lang: 'ko' })).toContain('>고장<');
  });

  it('escapes names from the configuration', () => {
    const out = renderRaidSvg(
      { name: '<a1>', level: '5', disks: [{ id: '"d0"', status: 'ok' }], layout: [['<D0>']] },
      { lang: 'en' },
    );
    expect(out).not.toMatch(/<a1>|<D0>/);
    expect(out).toContain('&lt;a1&gt;');
    expect(out).toContain('&quot;d0&quot;');
  });
});

describe('renderBarChartSvg', () => {
  it('draws one bar per value, scaled to the largest, with escaped labels', () => {
    const svg = renderBarChartSvg(
      [
        { label: '0–9', value: 2 },
        { label: '<90>', value: 4 },
      ],
      { title: 'Scores', desc: 'per band', id: 'h' },
    );
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="44" height="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toEqual([90, 180]);
    expect(svg).toContain('&lt;90&gt;');
  });
});
