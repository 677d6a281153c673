import { msg } from '../../i18n.ts';
import { LEVELS } from './page-walk.ts';
import type { GuestRun, MemoryRun } from './runtime.ts';

/**
 * Shadow paging (KVM's shadow MMU, Documentation/virt/kvm/x86/mmu.rst; VMware's VMM, Adams & Agesen, ASPLOS 2006).
 * The hardware walks a shadow table that maps guest-virtual straight to host-physical; the hypervisor builds it
 * from the guest's own tables. So it must see every change: guest page tables are write-protected (a write traps
 * and is emulated, then the shadow entry re-synced), `mov cr3` and `invlpg` are intercepted, and a shadow entry is
 * filled lazily on the first fault to a page ("hidden" fault: the guest never sees it). Shadow roots are kept per
 * address space, so switching back to a known process reuses its root. KVM's unsync leaf tables and its
 * write-flooding heuristic are not modelled.
 */

/** First touches of pages that have no shadow entry yet in the current address space: fill them. */
export function fillShadow(run: MemoryRun, g: GuestRun, pages: number, op: string): void {
  const s = g.state;
  const done = g.shadowed.get(s.process) ?? 0;
  const missing = Math.max(0, pages - done);
  if (missing === 0) return;
  g.shadowed.set(s.process, done + missing);
  const reads = missing * LEVELS[g.config.pageSize];
  run.count(g, 'hiddenFaults', missing);
  run.count(g, 'shadowSyncs', missing);
  run.count(g, 'guestTableReads', reads);
  run.exits(
    g,
    op,
    'pageFault',
    missing,
    msg(
      '섀도 항목이 아직 없어 페이지 폴트가 하이퍼바이저로 갑니다.',
      'No shadow entry yet: the page fault goes to the hypervisor.',
    ),
  );
  run.emit(g, {
    ...run.hypervisor,
    kind: 'shadow-fill',
    op,
    detail: `${missing} hidden faults: walk guest tables in software (${reads} reads), fill ${missing} shadow entries`,
    note: msg(
      '게스트는 이 폴트를 보지 못합니다. 하이퍼바이저가 게스트 페이지 테이블을 소프트웨어로 따라가 섀도 항목을 채웁니다.',
      'The guest never sees these faults: the hypervisor walks the guest’s page tables in software and fills the shadow entries.',
    ),
  });
}

/** A guest write to its own page table: trapped (the table is write-protected), emulated, re-synced. */
export function trappedPteWrites(run: MemoryRun, g: GuestRun, count: number, op: string): void {
  run.count(g, 'hiddenFaults', count);
  run.count(g, 'shadowSyncs', count);
  run.exits(
    g,
    op,
    'pageFault',
    count,
    msg(
      '게스트 페이지 테이블은 쓰기 보호되어 있어 쓰기가 트랩됩니다.',
      'The guest page tables are write-protected: the write traps.',
    ),
  );
  run.emit(g, {
    ...run.hypervisor,
    kind: 'emulate',
    op,
    detail: `emulate ${count} PTE writes, re-sync ${count} shadow entries`,
  });
  run.exits(
    g,
    op,
    'invlpg',
    count,
    msg(
      'invlpg도 가로채야 섀도 테이블을 맞출 수 있습니다.',
      'invlpg is intercepted too, to keep the shadow table in step.',
    ),
  );
}

/** `mov cr3` under shadow paging: trapped; reuse the process's shadow root, or build one. */
export function switchShadowRoot(run: MemoryRun, g: GuestRun, process: string, op: string): void {
  run.exits(
    g,
    op,
    'cr3',
    1,
    msg(
      '섀도 페이징에서는 CR3 쓰기를 가로채 섀도 루트로 바꿔 넣어야 합니다.',
      'Under shadow paging a CR3 write is intercepted, to load the shadow root instead.',
    ),
  );
  const known = g.shadowed.has(process);
  if (!known) {
    g.shadowed.set(process, 0);
    run.count(g, 'shadowSyncs');
  }
  run.emit(g, {
    ...run.hypervisor,
    kind: 'shadow-root',
    op,
    detail: known
      ? `reuse cached shadow root of ${process}`
      : `build a shadow root for ${process}, sync newly reachable tables`,
  });
}
