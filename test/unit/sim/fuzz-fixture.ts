import { expect } from 'vitest';
import fc from 'fast-check';
import { SIM_LIMITS, type SimLimits } from '../../../core/sim/limits.ts';
import { simulate } from '../../../core/sim/simulate.ts';

/** A value to put where a valid configuration has a field. */
export const junk = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

export type Generators = Array<[string, fc.Arbitrary<unknown>]>;

/**
 * 1,000 configurations drawn from `generators`, each under the normal limits or under `tight` ones: no run may throw
 * or pass a limit, a valid state survives JSON, and every refusal is bilingual with a path. Returns the runs and
 * the valid runs per generator.
 */
export function fuzzTargets(generators: Generators, tight: SimLimits): Map<string, { runs: number; valid: number }> {
  const tally = new Map(generators.map(([k]) => [k, { runs: 0, valid: 0 }]));
  fc.assert(
    fc.property(
      fc.oneof(...generators.map(([kind, arb]) => arb.map((config) => ({ kind, config })))),
      fc.boolean(),
      ({ kind, config }, useTight) => {
        const limits = useTight ? tight : SIM_LIMITS;
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
  return tally;
}
