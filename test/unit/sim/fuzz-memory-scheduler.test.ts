import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SIM_LIMITS, type SimLimits } from '../../../core/sim/limits.ts';
import { fuzzTargets, junk, type Generators } from './fuzz-fixture.ts';
import { memoryConfig } from './memory-generators.ts';
import { schedulerConfig } from './scheduler-generators.ts';

/**
 * 1,000 random configurations of the memory and scheduler targets: mostly valid ones from their generators, the
 * same with one field replaced by junk, and arbitrary JSON naming the target; under the normal limits and under
 * tight ones. No run may throw or pass a limit; every refusal is bilingual with a path.
 */
const TIGHT: SimLimits = {
  ...SIM_LIMITS,
  maxEvents: 60,
  maxWork: 400,
  maxOps: 5,
  maxGuests: 2,
  maxTicks: 20,
  maxVcpus: 3,
};

/** Replace one top-level or nested field of a valid configuration with junk. */
const broken = (arb: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(arb, fc.nat(), fc.nat(), junk).map(([config, i, j, value]) => {
    const copy = structuredClone(config);
    const keys = Object.keys(copy).filter((k) => k !== 'target');
    const key = keys[i % keys.length];
    const inner = copy[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const innerKeys = Object.keys(inner);
      if (innerKeys.length) (inner as Record<string, unknown>)[innerKeys[j % innerKeys.length]] = value;
    } else if (Array.isArray(inner) && inner.length) inner[j % inner.length] = value;
    else copy[key] = value;
    return copy;
  });

const GENERATORS: Generators = [
  ['memory', memoryConfig],
  ['scheduler', schedulerConfig],
  ['memory-broken', broken(memoryConfig)],
  ['scheduler-broken', broken(schedulerConfig)],
  [
    'junk',
    fc
      .tuple(
        fc.constantFrom('memory', 'scheduler'),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
      )
      .map(([target, o]) => ({ ...o, target })),
  ],
];

describe('1,000 random memory and scheduler configurations', () => {
  it('never throw, stay within the limits, and explain every refusal in both languages with a path', () => {
    const tally = fuzzTargets(GENERATORS, TIGHT);
    // The generators aim at valid configurations: under the normal limits most of them run.
    for (const k of ['memory', 'scheduler']) expect(tally.get(k)!.valid / tally.get(k)!.runs, k).toBeGreaterThan(0.4);
  }, 60_000);
});
