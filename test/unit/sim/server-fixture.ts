import { expect } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import type { SimResult } from '../../../core/sim/target.ts';
import type { ServerState } from '../../../core/sim/server/index.ts';
import { initialState, subjects } from '../../../core/sim/server/run.ts';
import { serverConfigSchema } from '../../../core/sim/server/schema.ts';
import { World, type Subject } from '../../../core/sim/techniques/world.ts';
import { Trace, type TraceEvent } from '../../../core/sim/trace.ts';

/** Run a server configuration that must be valid, and return its events and typed state. */
export function runServer(config: Record<string, unknown>): {
  result: SimResult<ServerState>;
  state: ServerState;
  events: TraceEvent[];
} {
  const result = simulate({ target: 'server', ...config }) as SimResult<ServerState>;
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  return { result, state: result.state!, events: result.events };
}

/** A world for a server configuration, not booted, and its subjects: what a technique's handlers work on alone. */
export function worldOf(config: Record<string, unknown>): { world: World; trace: Trace; subjects: Subject[] } {
  const parsed = serverConfigSchema.parse(config);
  const state = initialState(parsed);
  const trace = new Trace();
  const world = new World(parsed, trace, state);
  return { world, trace, subjects: subjects(parsed, state, world) };
}

/** Events of one workload step (or boot, step -1) of one subject. */
export const stepOf = (events: TraceEvent[], step: number, subject?: string) =>
  events.filter((e) => e.step === step && (subject === undefined || e.subject === subject));

/** The lanes an operation visited, in trace order, with consecutive repeats collapsed. */
export function lanePath(events: TraceEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) if (out[out.length - 1] !== e.lane) out.push(e.lane);
  return out;
}

export const XEN_HOST = { cpu: { cores: 16 }, memoryGiB: 64 };
export const PV_LINUX = {
  name: 'deb',
  os: 'linux',
  kernel: { paravirtualized: true },
  mode: 'pv',
  vcpus: 2,
  memoryGiB: 4,
};
export const HVM_WIN = { name: 'win', os: 'windows', mode: 'hvm', vcpus: 2, memoryGiB: 8 };
