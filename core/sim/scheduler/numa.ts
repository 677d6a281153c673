import type { SchedulerConfig } from './schema.ts';

/**
 * NUMA topology: physical CPUs numbered across nodes in order, and the node-to-node distance table of the ACPI
 * SLIT, where 10 is local. Without a table Linux assumes 20 for every remote node (LOCAL_DISTANCE 10,
 * REMOTE_DISTANCE 20 in include/linux/topology.h). The distance is relative: it says how much farther, not how long.
 */
export interface Topology {
  pcpus: number;
  /** Node index of each physical CPU. */
  nodeOf: number[];
  distances: number[][];
}

export const LOCAL_DISTANCE = 10;
export const REMOTE_DISTANCE = 20;

export function topology(c: SchedulerConfig): Topology {
  const nodeOf = c.host.nodes.flatMap((n, i) => Array.from({ length: n.cpus }, () => i));
  const n = c.host.nodes.length;
  const distances =
    c.host.distances ??
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? LOCAL_DISTANCE : REMOTE_DISTANCE)),
    );
  return { pcpus: nodeOf.length, nodeOf, distances };
}

/**
 * The free physical CPU a vCPU gets, or -1. It stays on its last CPU when it may; numa-aware placement then
 * prefers the memory's node; otherwise the lowest-numbered free CPU it may use. (Plain loops: this runs for every
 * vCPU on every tick.)
 */
export function chooseCpu(
  topo: Topology,
  free: readonly boolean[],
  allowed: readonly boolean[] | null,
  home: number,
  last: number | null,
  numaAware: boolean,
): number {
  if (last !== null && free[last] && (!allowed || allowed[last]) && (!numaAware || topo.nodeOf[last] === home))
    return last;
  let fallback = -1;
  for (let cpu = 0; cpu < topo.pcpus; cpu++) {
    if (!free[cpu] || (allowed && !allowed[cpu])) continue;
    if (!numaAware || topo.nodeOf[cpu] === home) return cpu;
    if (fallback < 0) fallback = cpu;
  }
  return fallback;
}
