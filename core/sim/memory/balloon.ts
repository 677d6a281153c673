import { msg } from '../../i18n.ts';
import { makeRoom, outOfMemory } from './host-swap.ts';
import type { GuestRun, MemoryRun } from './runtime.ts';
import { unshare } from './sharing.ts';

/**
 * The balloon driver: the host sets a target, the guest's driver allocates pages inside the guest and hands their
 * numbers to the host, which frees the frames behind them (Waldspurger, OSDI 2002: the guest OS picks what to give).
 *
 * virtio-balloon (virtio 1.2 §5.5): the device sets `num_pages`, the driver reports `actual`; page numbers go on
 * inflateq (queue 0) and deflateq (queue 1). With VIRTIO_BALLOON_F_MUST_TELL_HOST (bit 0) the guest must announce a
 * deflate before reusing the pages. Xen (Linux drivers/xen/xen-balloon.c): the target is xenstore `memory/target`
 * in KiB; pages go back with memory_op(XENMEM_decrease_reservation = 1) and return with XENMEM_populate_physmap = 6
 * (Xen public memory.h; memory_op is hypercall 12, xen.h).
 *
 * The guest gives its free pages first; beyond them it must page out its own working set to its own disk. Which
 * guest pages back a given balloon page is an illustrative choice: private resident pages, then shared ones, then
 * pages the host had swapped out (whose swap slots are then freed without any disk I/O).
 */

const MEMORY_OP = { name: 'memory_op', number: 12 };

function announceTarget(run: MemoryRun, g: GuestRun, target: number, op: string): void {
  const xen = g.config.balloon!.driver === 'xen-balloon';
  run.emit(g, {
    ...run.hypervisor,
    kind: 'balloon-target',
    op,
    detail: xen
      ? `xenstore memory/target = ${(g.state.memoryPages - target) * 4} KiB`
      : `virtio-balloon config num_pages = ${target}`,
  });
}

/** The driver tells the host about the pages: a virtqueue kick (an MMIO exit) or a memory_op hypercall. */
function tellHost(run: MemoryRun, g: GuestRun, op: string, pages: number, inflating: boolean): void {
  const xen = g.config.balloon!.driver === 'xen-balloon';
  const actor = `guest:${g.config.name}:balloon`;
  if (xen) {
    const sub = inflating ? 'XENMEM_decrease_reservation (1)' : 'XENMEM_populate_physmap (6)';
    run.emit(g, {
      actor,
      lane: 'guest',
      kind: 'hypercall',
      op,
      hypercall: MEMORY_OP,
      detail: `${sub}, ${pages} pages`,
    });
    run.exits(
      g,
      op,
      'hypercall',
      1,
      msg('HVM 게스트의 하이퍼콜은 VM exit입니다.', 'A hypercall from an HVM guest is a VM exit.'),
    );
    return;
  }
  const queue = inflating ? 'inflateq (0)' : 'deflateq (1)';
  run.emit(g, {
    actor,
    lane: 'guest',
    kind: 'virtqueue',
    op,
    detail: `${queue}: ${pages} page numbers (PFN = address/4096), kick`,
  });
  run.exits(
    g,
    op,
    'mmio',
    1,
    msg(
      'virtqueue 알림(kick)은 MMIO 쓰기라 VM exit이 됩니다.',
      'The virtqueue notification (kick) is an MMIO write: a VM exit.',
    ),
  );
}

export function inflate(run: MemoryRun, g: GuestRun, target: number, op: string): void {
  const s = g.state;
  const n = target - s.ballooned;
  s.balloonTarget = target;
  announceTarget(run, g, target, op);
  const free = Math.max(0, s.memoryPages - s.ballooned - s.workingSetPages);
  const pageOut = Math.max(0, n - free);
  if (pageOut > 0) {
    s.guestSwapped += pageOut;
    run.count(g, 'guestSwapOuts', pageOut);
    run.count(g, 'diskIOs', pageOut);
    run.guestEvent(
      g,
      op,
      'swap-out',
      `${pageOut} working-set pages → guest swap (${pageOut} disk writes)`,
      msg(
        '풍선이 게스트의 여유 메모리보다 커서, 게스트가 자기 작업 집합을 자기 디스크로 내보냈습니다.',
        'The balloon is larger than the guest’s free memory: the guest paged out part of its working set to its own disk.',
      ),
    );
  }
  const fromResident = Math.min(n, s.resident);
  const fromShared = Math.min(n - fromResident, s.shared);
  const fromSwapped = n - fromResident - fromShared;
  s.resident -= fromResident;
  unshare(run, g, fromShared);
  s.swapped -= fromSwapped;
  s.ballooned += n;
  run.count(g, 'balloonInflated', n);
  run.guestEvent(
    g,
    op,
    'balloon-inflate',
    `driver allocates ${n} pages (${fromResident} resident, ${fromShared} shared, ${fromSwapped} host-swapped)`,
  );
  tellHost(run, g, op, n, true);
  run.emit(g, {
    ...run.hypervisor,
    kind: 'free',
    op,
    detail: `${fromResident + fromShared} frames, ${fromSwapped} swap slots freed; actual = ${s.ballooned}`,
    note: msg(
      '게스트가 고른 페이지라 게스트는 손해가 가장 적은 것을 내줍니다. 호스트 스왑과 달리 이중 페이징이 없습니다.',
      'The guest chose the pages, so it gave what costs it least; unlike host swapping, nothing is paged twice.',
    ),
  });
}

export function deflate(run: MemoryRun, g: GuestRun, target: number, op: string): void {
  const s = g.state;
  const n = s.ballooned - target;
  s.balloonTarget = target;
  announceTarget(run, g, target, op);
  if (!makeRoom(run, n, op, g)) {
    outOfMemory(run, g, op, n);
    return;
  }
  const must = g.config.balloon!.driver === 'virtio-balloon' && g.config.balloon!.mustTellHost;
  tellHost(run, g, op, n, false);
  s.ballooned -= n;
  s.resident += n;
  run.count(g, 'balloonDeflated', n);
  run.guestEvent(
    g,
    op,
    'balloon-deflate',
    `driver frees ${n} pages back to the guest; actual = ${s.ballooned}`,
    must
      ? msg(
          'MUST_TELL_HOST: 게스트는 호스트에 알린 뒤에야 이 페이지를 다시 씁니다.',
          'MUST_TELL_HOST: the guest reuses the pages only after telling the host.',
        )
      : undefined,
  );
}
