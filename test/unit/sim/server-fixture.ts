import { expect } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import type { SimResult } from '../../../core/sim/target.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import type { ServerState } from '../../../core/sim/server/index.ts';

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
