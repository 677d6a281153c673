import * as z from 'zod';
import type { CliIO } from '../main.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { TARGETS, type TargetName } from '../../../core/sim/target.ts';

export const summary =
  'print the JSON Schema of a target configuration: schema [target] (all registered targets by default)';

/** The JSON Schema of what a learner writes (input side: fields with defaults are optional). */
export function targetJsonSchema(target: TargetName): Record<string, unknown> {
  return z.toJSONSchema(SIMULATORS[target].schema, { io: 'input', unrepresentable: 'any' });
}

export async function run(args: string[], io: CliIO): Promise<number> {
  // The registry has a simulator for every target (it is typed so).
  const registered: readonly TargetName[] = TARGETS;
  const [target, extra] = args;
  if (extra !== undefined) {
    io.err('usage: virtlab schema [target]');
    return 2;
  }
  if (target === undefined) {
    io.out(JSON.stringify(Object.fromEntries(registered.map((t) => [t, targetJsonSchema(t)])), null, 2));
    return 0;
  }
  const known = registered.find((t) => t === target);
  if (!known) {
    io.err(`virtlab schema: no simulator for target '${target}'. Registered: ${registered.join(', ')}`);
    return 2;
  }
  io.out(JSON.stringify(targetJsonSchema(known), null, 2));
  return 0;
}
