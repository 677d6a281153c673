import * as z from 'zod';
import type { CliIO } from '../main.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import type { TargetName } from '../../../core/sim/target.ts';

export const summary = 'print the JSON Schema of a target configuration: schema [target] (all registered targets by default)';

/** The JSON Schema of what a learner writes (input side: fields with defaults are optional). */
export function targetJsonSchema(target: TargetName): Record<string, unknown> | undefined {
  const sim = SIMULATORS[target];
  return sim ? (z.toJSONSchema(sim.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>) : undefined;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const registered = Object.keys(SIMULATORS) as TargetName[];
  const [target, extra] = args;
  if (extra !== undefined) {
    io.err('usage: virtlab schema [target]');
    return 2;
  }
  if (target === undefined) {
    io.out(JSON.stringify(Object.fromEntries(registered.map((t) => [t, targetJsonSchema(t)])), null, 2));
    return 0;
  }
  const schema = targetJsonSchema(target as TargetName);
  if (!schema) {
    io.err(`virtlab schema: no simulator for target '${target}'. Registered: ${registered.join(', ')}`);
    return 2;
  }
  io.out(JSON.stringify(schema, null, 2));
  return 0;
}
