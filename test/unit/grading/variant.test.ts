import { describe, it, expect } from 'vitest';
import { drawParams, fillData, fillText, paramRanges, placeholdersIn, variantFor } from '../../../core/labs/variant.ts';
import { publicView } from '../../../core/labs/public-view.ts';
import { testLab } from './helpers.ts';

const lab = testLab();

describe('per-learner variants', () => {
  it('are reproducible for the same learner and lab', () => {
    expect(drawParams(lab, 'alice')).toEqual(drawParams(lab, 'alice'));
    expect(variantFor(lab, 'alice')).toEqual(variantFor(lab, 'alice'));
  });

  it('differ across learners', () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawParams(lab, `learner-${i}`))));
    expect(seen.size).toBeGreaterThan(3);
  });

  it('stay inside the declared range, on the step grid, and among the choices', () => {
    for (let i = 0; i < 200; i++) {
      const p = drawParams(lab, `l${i}`);
      expect(p.users).toBeGreaterThanOrEqual(10);
      expect(p.users).toBeLessThanOrEqual(50);
      expect(((p.users as number) - 10) % 5).toBe(0);
      expect(['eu', 'ap']).toContain(p.zone);
    }
  });

  it('read as their ranges where no one learner’s numbers apply (the class’s analytics)', () => {
    expect(paramRanges(lab)).toMatchObject({ users: '10–50', zone: 'eu/ap' });
    const records = paramRanges({
      params: {
        need: {
          kind: 'choice',
          values: [
            { capacity: 24, disks: 5 },
            { capacity: 32, disks: 5 },
          ],
        },
      },
    });
    expect(records).toEqual({ 'need.capacity': '24/32', 'need.disks': '5' });
    expect(fillText('At least {{need.capacity}} blocks on {{need.disks}} disks', records)).toBe(
      'At least 24/32 blocks on 5 disks',
    );
  });

  it('depend on the lab id too', () => {
    const other = { ...lab, id: 'another-lab' };
    const differs = Array.from({ length: 10 }, (_, i) => `x${i}`).some(
      (l) => JSON.stringify(drawParams(lab, l)) !== JSON.stringify(drawParams(other, l)),
    );
    expect(differs).toBe(true);
  });
});

describe('record choices', () => {
  const tiered = {
    ...lab,
    params: {
      need: {
        kind: 'choice' as const,
        values: [
          { capacity: 24, disks: 5 },
          { capacity: 40, disks: 7 },
        ],
      },
    },
  };

  it('draw numbers that belong together and expose them as name.field', () => {
    for (let i = 0; i < 20; i++) {
      const p = drawParams(tiered, `l${i}`);
      expect(Object.keys(p).sort()).toEqual(['need.capacity', 'need.disks']);
      expect((p['need.capacity'] as number) / 8 + 2).toBe(p['need.disks']);
    }
    expect(fillData({ max: '{{need.disks}}' }, { 'need.disks': 5 })).toEqual({ max: 5 });
  });
});

describe('placeholder substitution', () => {
  it('keeps numbers numeric when a value is exactly one placeholder', () => {
    expect(fillData({ min: '{{n}}', text: 'need {{n}} GB', list: ['{{n}}'] }, { n: 7 })).toEqual({
      min: 7,
      text: 'need 7 GB',
      list: [7],
    });
  });

  it('fills texts and leaves unknown names alone', () => {
    expect(fillText('a {{ n }} b {{m}}', { n: 3 })).toBe('a 3 b {{m}}');
  });

  it('repeats a block once per unit of a param, numbering it with {{i}}', () => {
    expect(fillText('guests:\n{{#repeat n}}  - { name: srv{{i}}, mem: {{m}} }\n{{/repeat}}end', { n: 3, m: 4 })).toBe(
      'guests:\n  - { name: srv1, mem: 4 }\n  - { name: srv2, mem: 4 }\n  - { name: srv3, mem: 4 }\nend',
    );
    expect(fillText('[{{#repeat n}}x{{/repeat}}]', { n: 0 })).toBe('[]');
  });

  it('expands { $repeat, each } list elements in data', () => {
    const data = {
      users: [{ name: 'admin' }, { $repeat: 'n', each: { name: 'u{{i}}', slot: '{{i0}}', pool: '{{p}}' } }],
    };
    expect(fillData(data, { n: 2, p: 'office' })).toEqual({
      users: [{ name: 'admin' }, { name: 'u1', slot: 0, pool: 'office' }, { name: 'u2', slot: 1, pool: 'office' }],
    });
    expect([...placeholdersIn(data)].sort()).toEqual(['i', 'i0', 'n', 'p']);
  });

  it('finds every placeholder name in nested data', () => {
    expect([...placeholdersIn({ a: ['{{x}}', { b: 'y {{y}}' }] })].sort()).toEqual(['x', 'y']);
  });

  it('fills the statement, checks and starter of the learner view with their numbers', () => {
    const v = variantFor(lab, 'bob');
    expect(v.statement.en).toContain(String(v.params.users));
    expect(v.statement.ko).toContain(String(v.params.users));
    const count = v.checks.find((c) => c.id === 'few-packets');
    expect(count && count.kind === 'count' && count.max).toBe(v.params.users);
  });
});

describe('public view', () => {
  it('never carries the reference solution, fixtures or hints', () => {
    const view = publicView(lab, 'carol');
    const text = JSON.stringify(view);
    expect(text).not.toContain('REFERENCE-MARKER');
    expect(text).not.toContain('FIXTURE-MARKER');
    expect(text).not.toContain('HINT-MARKER');
    expect(view.checks.map((c) => c.id)).toEqual(lab.checks.map((c) => c.id));
    expect(view.maxScore).toBe(lab.checks.reduce((s, c) => s + c.points, 0));
    expect(view.params).toEqual(drawParams(lab, 'carol'));
  });
});
