import { SIM_LIMITS } from '../../core/sim/limits.ts';
import type { WorstCase } from './sim-worst-case.ts';

/**
 * The most work the memory and scheduler targets accept: every bound at its limit, every costly path taken
 * (sim-worst-case.ts times them against the 50 ms bound; work-budget.test.ts checks they are accepted).
 */
const G = SIM_LIMITS.maxGuests;

const memoryOp = (i: number) => {
  const g = `g${i % G}`;
  switch (i % 7) {
    case 0:
      return { access: g, pages: 1 << 17, write: true };
    case 1:
      return { share: 'scan' };
    case 2:
      return { balloon: g, targetPages: (i * 997) % (1 << 17) };
    case 3:
      return { cr3: g, process: `p${i % 16}` };
    case 4:
      return { ptWrite: g, count: 4096 };
    case 5:
      return { switch: g };
    default:
      return { access: g, pages: 100 };
  }
};

const worstMemory = {
  target: 'memory',
  host: { memoryPages: 1 << 22, tlbEntries: 65_536 },
  mmu: { mode: 'shadow', tlbTags: false },
  overcommit: { reclaim: ['share', 'balloon', 'swap'] },
  guests: Array.from({ length: G }, (_, i) => ({
    name: `g${i}`,
    memoryPages: 1 << 18,
    workingSetPages: 1 << 17,
    balloon: { driver: i % 2 ? 'virtio-balloon' : 'xen-balloon' },
    content: Array.from({ length: 8 }, (_, j) => ({ image: `img${j}`, pages: 1000 + i * 10 + j })),
    zeroPages: 500,
    processes: Array.from({ length: 16 }, (_, p) => `p${p}`),
  })),
  ops: [] as object[],
};
// As many ops as the 64 KiB text limit lets a learner submit (up to maxOps).
for (
  let i = 0;
  i < SIM_LIMITS.maxOps && JSON.stringify(worstMemory).length + JSON.stringify(memoryOp(i)).length < 64 * 1024 - 64;
  i++
) {
  worstMemory.ops.push(memoryOp(i));
}

const worstScheduler = (scheduler: 'credit2' | 'cfs') => ({
  target: 'scheduler',
  scheduler,
  host: { nodes: Array.from({ length: 8 }, (_, i) => ({ name: `n${i}`, cpus: 8 })) },
  placement: 'numa-aware',
  ticks: SIM_LIMITS.maxTicks,
  vms: Array.from({ length: G }, (_, i) => ({
    name: `v${i}`,
    vcpus: SIM_LIMITS.maxVcpus / G,
    demand: 50 + (i % 51),
    weight: 1 + i * 50,
    ...(scheduler === 'cfs' ? { cpuMax: '50000 100000' } : { cap: 150 }),
    memoryNode: `n${i % 8}`,
    ...(i % 3 === 0 ? { pin: Array.from({ length: 64 }, (_, c) => 63 - c) } : {}),
  })),
  ops: Array.from({ length: SIM_LIMITS.maxTicks - 1 }, (_, i) =>
    i % 2
      ? { at: i, set: `v${i % G}`, demand: i % 101 }
      : { at: i, pin: `v${i % G}`, cpus: [...new Set([i % 64, (i * 7 + 1) % 64])] },
  ),
});

/** Memory: 64 guests at the page limit under shadow paging without tags, host short, every op kind in turn. */
export const memoryWorstCases = (): WorstCase[] => [
  { target: 'memory', what: 'memory, shadow paging, overcommitted, every op', config: worstMemory },
];

/** Scheduler: every limit at once (ticks, vCPUs, 64 CPUs on 8 nodes), caps, pins and an op every tick. */
export const schedulerWorstCases = (): WorstCase[] =>
  (['credit2', 'cfs'] as const).map((s) => ({
    target: 'scheduler',
    what: `scheduler ${s}, every limit, caps and pins`,
    config: worstScheduler(s),
  }));
