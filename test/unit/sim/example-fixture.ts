import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { simulate } from '../../../core/sim/simulate.ts';

/** An example configuration from content/examples, parsed; tests vary it freely, hence the loose type. */
export const example = (name: string): any =>
  parse(readFileSync(new URL(`../../../content/examples/${name}.yaml`, import.meta.url), 'utf8'));

/** Run a configuration that must be valid and return its final state, as the caller's target state type. */
export function validState<S>(config: unknown): S {
  const r = simulate(config);
  expect(r.errors).toEqual([]);
  return r.state as S;
}
