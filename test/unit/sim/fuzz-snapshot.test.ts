import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SIM_LIMITS, type SimLimits } from '../../../core/sim/limits.ts';
import { simulate } from '../../../core/sim/simulate.ts';
import { snapshotConfig } from './snapshot-generators.ts';

/**
 * 1,000 random configurations of the snapshot target: mostly valid ones from its generator (with and without a thin
 * pool), the same with one field replaced by junk, and arbitrary JSON naming the target; under the normal limits and
 * under tight ones. No run may throw or pass a limit; every refusal is bilingual with a path.
 */
const TIGHT: SimLimits = { ...SIM_LIMITS, maxEvents: 40, maxWork: 300, maxOps: 5 };

const junk = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Replace one field (top level, nested, an op, or a field of an op) of a valid configuration with junk. */
const broken = fc.tuple(snapshotConfig(true), fc.nat(), fc.nat(), junk).map(([config, i, j, value]) => {
  const copy: Record<string, unknown> = structuredClone(config);
  const keys = Object.keys(copy).filter((k) => k !== 'target');
  const key = keys[i % keys.length];
  const inner = copy[key];
  if (Array.isArray(inner) && inner.length) {
    const op: unknown = inner[j % inner.length];
    if (op && typeof op === 'object') {
      const opKeys = Object.keys(op);
      (op as Record<string, unknown>)[opKeys[i % opKeys.length]] = value;
    }
  } else if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
    const innerKeys = Object.keys(inner);
    (inner as Record<string, unknown>)[innerKeys[j % innerKeys.length]] = value;
  } else copy[key] = value;
  return copy;
});

const GENERATORS: Array<[string, fc.Arbitrary<unknown>]> = [
  ['snapshot', snapshotConfig(false)],
  ['snapshot-pool', snapshotConfig(true)],
  ['snapshot-broken', broken],
  [
    'junk',
    fc
      .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
      .map((o) => ({ ...o, target: 'snapshot' })),
  ],
];

describe('1,000 random snapshot configurations', () => {
  it('never throw, stay within the limits, and explain every refusal in both languages with a path', () => {
    const tally = new Map(GENERATORS.map(([k]) => [k, { runs: 0, valid: 0 }]));
    fc.assert(
      fc.property(
        fc.oneof(...GENERATORS.map(([kind, arb]) => arb.map((config) => ({ kind, config })))),
        fc.boolean(),
        ({ kind, config }, tight) => {
          const limits = tight ? TIGHT : SIM_LIMITS;
          const r = simulate(config, { limits });
          const t = tally.get(kind)!;
          t.runs++;
          if (r.ok) t.valid++;
          expect(r.events.length).toBeLessThanOrEqual(limits.maxEvents);
          expect(r.stats.work).toBeLessThanOrEqual(limits.maxWork);
          if (r.ok) expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
          else {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) {
              expect(typeof e.path).toBe('string');
              expect(e.message.ko.trim()).not.toBe('');
              expect(e.message.en.trim()).not.toBe('');
            }
          }
        },
      ),
      { numRuns: 1_000 },
    );
    // The generator aims at valid configurations: under the normal limits most of them run.
    for (const k of ['snapshot', 'snapshot-pool'])
      expect(tally.get(k)!.valid / tally.get(k)!.runs, k).toBeGreaterThan(0.4);
  }, 60_000);
});
