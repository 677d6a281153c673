import { msg } from '../../i18n.ts';
import { inflate } from './balloon.ts';
import type { GuestRun, MemoryRun } from './runtime.ts';
import type { ReclaimMethod } from './schema.ts';
import { scan } from './sharing.ts';

/**
 * Host reclaim: when an op needs free frames, the host tries `overcommit.reclaim` in order. ESXi reclaims by
 * sharing, then ballooning, then swapping (Waldspurger, OSDI 2002 describes all three); a Linux/KVM host pages guest
 * RAM like any user memory (Documentation/virt/kvm/x86/mmu.rst), and its balloon is driven by management.
 *
 * Which pages the host swaps out is an illustrative choice: private resident pages, taken from the guests holding
 * the most of them until they are level (the first declared take the odd pages). Shared frames are not swapped
 * here. Host swap space is not bounded.
 */
export function makeRoom(
  run: MemoryRun,
  need: number,
  op: string,
  exclude?: GuestRun,
  methods: readonly ReclaimMethod[] = run.config.overcommit.reclaim,
): boolean {
  for (const method of methods) {
    if (run.freeFrames() >= need) return true;
    if (method === 'share') scan(run, op);
    else if (method === 'balloon') balloonReclaim(run, need, op, exclude);
    else swapOut(run, need - run.freeFrames(), op);
  }
  return run.freeFrames() >= need;
}

/**
 * Inflate balloons, guest by guest, by what each guest does not use (so no guest has to page out). Each balloon
 * page frees at most one frame, so the shortfall is counted down by pages and checked once more by the caller.
 */
function balloonReclaim(run: MemoryRun, need: number, op: string, exclude?: GuestRun): void {
  let short = need - run.freeFrames();
  for (const g of run.guests.values()) {
    if (short <= 0) return;
    if (!g.config.balloon || g === exclude) continue;
    const idle = g.state.memoryPages - g.state.ballooned - g.state.workingSetPages;
    const n = Math.min(short, idle, g.state.memoryPages - 1 - g.state.ballooned);
    if (n > 0) {
      inflate(run, g, g.state.ballooned + n, op);
      short -= n;
    }
  }
}

/**
 * How many pages each guest loses: the largest resident sets are cut down to one level first (water-filling); the
 * first declared of the guests at that level give the odd pages.
 */
export function swapPlan(resident: readonly number[], short: number): number[] {
  const total = resident.reduce((a, b) => a + b, 0);
  const want = Math.min(short, total);
  const take = resident.map(() => 0);
  if (want <= 0) return take;
  // The level L (an integer) where Σ max(0, r − L) first reaches `want`, found over the sorted sizes.
  const sorted = [...resident].sort((a, b) => b - a);
  let above = 0;
  let level = 0;
  for (let k = 0; k < sorted.length; k++) {
    above += sorted[k];
    const next = k + 1 < sorted.length ? sorted[k + 1] : 0;
    // Taking the top k+1 guests down to `next` frees above − (k+1)·next.
    if (above - (k + 1) * next >= want) {
      level = Math.ceil((above - want) / (k + 1));
      break;
    }
  }
  let taken = 0;
  resident.forEach((r, i) => {
    take[i] = Math.max(0, r - level);
    taken += take[i];
  });
  // The ceiling may leave a few pages: the first declared guests at the level give one more each.
  for (let i = 0; taken < want && i < resident.length; i++) {
    if (resident[i] - take[i] === level && level > 0) {
      take[i]++;
      taken++;
    }
  }
  return take;
}

/** One swap-out pass over the guests, shown as one event (which guest lost how many) and one disk write. */
function swapOut(run: MemoryRun, short: number, op: string): void {
  const guests = [...run.guests.values()];
  const plan = swapPlan(
    guests.map((g) => g.state.resident),
    short,
  );
  run.trace.spend(guests.length);
  const victims: string[] = [];
  guests.forEach((g, i) => {
    const n = plan[i];
    if (n === 0) return;
    g.state.resident -= n;
    g.state.swapped += n;
    run.count(g, 'hostSwapOuts', n);
    run.count(g, 'diskIOs', n);
    victims.push(`${g.config.name} ${n}`);
  });
  const total = plan.reduce((a, b) => a + b, 0);
  if (total === 0) return;
  run.emit(null, {
    actor: 'hypervisor:swap',
    lane: 'hypervisor',
    kind: 'swap-out',
    op,
    detail: `${total} pages → host swap (${victims.join(', ')})`,
    note: msg(
      '호스트 메모리가 모자라 호스트가 게스트의 페이지를 자기 스왑으로 내보냈습니다. 게스트는 모르는 채, 다음에 그 페이지를 쓰면 멈춰 기다립니다.',
      'The host ran short and paged guest pages out to its own swap. The guests do not know; they stall when they next touch them.',
    ),
  });
  run.emit(null, { actor: 'hardware:disk', lane: 'hardware', kind: 'io', op, detail: `write ${total} pages` });
}

/** Bring `n` host-swapped pages of a guest back, each a fault and a disk read. False when no frame can be found. */
export function swapIn(run: MemoryRun, g: GuestRun, n: number, op: string): boolean {
  if (n === 0) return true;
  if (!makeRoom(run, n, op)) return outOfMemory(run, g, op, n);
  const k = Math.min(n, g.state.swapped);
  g.state.swapped -= k;
  g.state.resident += k;
  run.count(g, 'hostSwapIns', k);
  run.count(g, 'diskIOs', k);
  run.exits(
    g,
    op,
    'nestedFault',
    k,
    msg(
      '스왑된 페이지라 주소 변환이 없어 호스트로 나갑니다.',
      'The page is swapped out, so its mapping is missing: exit to the host.',
    ),
  );
  run.emit(g, {
    actor: 'hypervisor:swap',
    lane: 'hypervisor',
    kind: 'swap-in',
    op,
    detail: `${k} pages ← host swap (${k} disk reads)`,
  });
  run.emit(g, { actor: 'hardware:disk', lane: 'hardware', kind: 'io', op, detail: `read ${k} pages` });
  return true;
}

export function outOfMemory(run: MemoryRun, g: GuestRun, op: string, need: number): false {
  run.emit(g, {
    actor: 'hypervisor',
    lane: 'hypervisor',
    kind: 'oom',
    op,
    outcome: 'failed',
    detail: `need ${need} frames, ${run.freeFrames()} free`,
    note: msg('호스트가 빈 프레임을 찾지 못했습니다.', 'The host could not find free frames.'),
    fix: msg(
      'overcommit.reclaim에 swap을 넣거나 게스트 메모리를 줄이세요.',
      'Add swap to overcommit.reclaim, or give the guests less memory.',
    ),
  });
  return false;
}
