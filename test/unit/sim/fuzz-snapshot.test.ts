import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SIM_LIMITS, type SimLimits } from '../../../core/sim/limits.ts';
import { fuzzTargets, junk, type Generators } from './fuzz-fixture.ts';
import { snapshotConfig } from './snapshot-generators.ts';

/**
 * 1,000 random configurations of the snapshot target: mostly valid ones from its generator (with and without a thin
 * pool), the same with one field replaced by junk, and arbitrary JSON naming the target; under the normal limits and
 * under tight ones. No run may throw or pass a limit; every refusal is bilingual with a path.
 */
const TIGHT: SimLimits = { ...SIM_LIMITS, maxEvents: 40, maxWork: 300, maxOps: 5 };

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

const GENERATORS: Generators = [
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
    const tally = fuzzTargets(GENERATORS, TIGHT);
    // The generator aims at valid configurations: under the normal limits most of them run.
    for (const k of ['snapshot', 'snapshot-pool'])
      expect(tally.get(k)!.valid / tally.get(k)!.runs, k).toBeGreaterThan(0.4);
  }, 60_000);
});
