import { msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { deflate, inflate } from './balloon.ts';
import { makeRoom, outOfMemory, swapIn } from './host-swap.ts';
import { LEVELS, nativeSteps, twoDimensionalSteps } from './page-walk.ts';
import { MemoryRun, type GuestRun } from './runtime.ts';
import type { MemoryConfig, MemoryOp, MemoryOpKind } from './schema.ts';
import { fillShadow, switchShadowRoot, trappedPteWrites } from './shadow.ts';
import { scan, unshare } from './sharing.ts';
import type { MemoryState } from './state.ts';
import { tlbLookup } from './tlb.ts';

type OpOf<K extends MemoryOpKind> = Extract<MemoryOp, Record<K, unknown>>;
type Handler<K extends MemoryOpKind> = (run: MemoryRun, op: OpOf<K>, name: string) => void;

/** Show the path of one TLB miss (the first of each guest and process), then the total for all of them. */
function walk(run: MemoryRun, g: GuestRun, misses: number, op: string): void {
  const n = LEVELS[g.config.pageSize];
  const refs = g.state.referencesPerMiss;
  if (!g.walkShown.has(g.state.process)) {
    g.walkShown.add(g.state.process);
    if (run.shadow) {
      run.emit(g, {
        actor: 'hardware:mmu',
        lane: 'hardware',
        kind: 'walk',
        op,
        detail: `shadow table ${nativeSteps(refs)} (${refs}) → HPA`,
      });
    } else {
      const nested = run.config.mmu.mode === 'ept' ? 'EPT' : 'NPT';
      const m = LEVELS[run.config.host.pageSize];
      for (const step of twoDimensionalSteps(n, m, nested))
        run.emit(g, {
          actor: 'hardware:mmu',
          lane: 'hardware',
          kind: 'walk',
          op,
          detail: `${step.what} (+${step.references})`,
        });
    }
  }
  run.count(g, 'tlbMisses', misses);
  run.count(g, 'walkReferences', misses * refs);
  run.emit(g, {
    actor: 'hardware:mmu',
    lane: 'hardware',
    kind: 'walk-total',
    op,
    detail: `${misses} misses × ${refs} references = ${misses * refs}`,
    note: run.shadow
      ? msg(
          '섀도 테이블은 게스트 가상 주소를 호스트 물리 주소로 바로 옮기므로, 하드웨어는 네이티브처럼 한 번만 걷습니다.',
          'The shadow table maps guest-virtual straight to host-physical, so the hardware walks once, as natively.',
        )
      : msg(
          `게스트 표의 각 항목 주소도 중첩 표로 옮겨야 하므로 (n+1)(m+1)−1 = ${refs}번 메모리를 읽습니다 (n=${n}, m=${LEVELS[run.config.host.pageSize]}).`,
          `Each guest table entry's address needs a nested walk too: (n+1)(m+1)−1 = ${refs} memory references (n=${n}, m=${LEVELS[run.config.host.pageSize]}).`,
        ),
  });
}

/** Writes to shared pages: each faults (the frame is write-protected) and gets a private copy. */
function breakCow(run: MemoryRun, g: GuestRun, n: number, op: string): void {
  if (n === 0) return;
  if (!makeRoom(run, n, op)) {
    outOfMemory(run, g, op, n);
    return;
  }
  const k = Math.min(n, g.state.shared);
  unshare(run, g, k);
  g.state.resident += k;
  run.count(g, 'cowBreaks', k);
  run.exits(
    g,
    op,
    'nestedFault',
    k,
    msg(
      '공유 페이지는 쓰기 보호되어 있어 쓰기가 폴트를 냅니다.',
      'A shared page is write-protected: the write faults.',
    ),
  );
  run.emit(g, {
    actor: 'hypervisor:page-sharing',
    lane: 'hypervisor',
    kind: 'cow',
    op,
    detail: `${k} shared pages copied to private frames (copy-on-write)`,
  });
}

/** The guest pages its own swapped working set back in; if the balloon left it too little, something else goes out. */
function guestPaging(run: MemoryRun, g: GuestRun, pages: number, op: string): void {
  const s = g.state;
  if (s.guestSwapped === 0 || s.workingSetPages === 0) return;
  const faults = Math.min(s.guestSwapped, Math.floor((pages * s.guestSwapped) / s.workingSetPages));
  if (faults === 0) return;
  const room = Math.max(0, s.memoryPages - s.ballooned - (s.workingSetPages - s.guestSwapped));
  const out = Math.max(0, faults - room);
  s.guestSwapped += out - faults;
  run.count(g, 'guestSwapIns', faults);
  run.count(g, 'guestSwapOuts', out);
  run.count(g, 'diskIOs', faults + out);
  run.guestEvent(
    g,
    op,
    'major-fault',
    `${faults} guest page faults → guest swap-in (${faults} disk reads)${out ? `, ${out} pages out (${out} disk writes)` : ''}`,
    out
      ? msg(
          '풍선 때문에 작업 집합이 들어갈 자리가 없어 게스트가 스래싱합니다.',
          'The balloon leaves no room for the working set: the guest thrashes.',
        )
      : undefined,
  );
}

/**
 * A guest page-table instruction: under shadow paging the hypervisor must see it (`intercepted`); with EPT/NPT the
 * CPU runs it natively and `native` says why no exit happens.
 */
function interceptedUnderShadow(
  run: MemoryRun,
  g: GuestRun,
  op: string,
  intercepted: () => void,
  native: string,
): void {
  if (run.shadow) intercepted();
  else run.emit(g, { actor: 'hardware:cpu', lane: 'hardware', kind: 'execute', op, detail: native });
}

const HANDLERS: { [K in MemoryOpKind]: Handler<K> } = {
  access(run, op, name) {
    const g = run.guest(op.access);
    const s = g.state;
    const pages = Math.min(op.pages, s.workingSetPages);
    run.guestEvent(
      g,
      name,
      'access',
      `${op.write ? 'write' : 'read'} ${pages} working-set pages (process ${s.process})`,
    );
    if (run.shadow) fillShadow(run, g, pages, name);
    const { misses, cached } = tlbLookup(s.tlbCached, pages, run.config.host.tlbEntries);
    s.tlbCached = cached;
    run.emit(g, {
      actor: 'hardware:tlb',
      lane: 'hardware',
      kind: 'lookup',
      op: name,
      detail: `${pages - misses} hits, ${misses} misses${s.tlbTag === null ? '' : `, tag ${s.tlbTag}`}`,
    });
    if (misses > 0) walk(run, g, misses, name);
    const accessible = s.memoryPages - s.ballooned;
    if (s.swapped > 0) swapIn(run, g, Math.min(s.swapped, Math.floor((pages * s.swapped) / accessible)), name);
    if (op.write && s.shared > 0)
      breakCow(run, g, Math.min(s.shared, Math.floor((pages * s.shared) / accessible)), name);
    guestPaging(run, g, pages, name);
  },

  ptWrite(run, op, name) {
    const g = run.guest(op.ptWrite);
    run.guestEvent(g, name, 'pte-write', `write ${op.count} page-table entries, then invlpg`);
    interceptedUnderShadow(
      run,
      g,
      name,
      () => trappedPteWrites(run, g, op.count, name),
      'plain stores and invlpg: no exit',
    );
    g.state.tlbCached = Math.max(0, g.state.tlbCached - op.count);
  },

  cr3(run, op, name) {
    const g = run.guest(op.cr3);
    run.guestEvent(g, name, 'mov-cr3', `cr3 ← page tables of ${op.process}`);
    interceptedUnderShadow(
      run,
      g,
      name,
      () => switchShadowRoot(run, g, op.process, name),
      'CR3 load runs natively (no CR3-load exiting with EPT/NPT)',
    );
    g.state.process = op.process;
    // A CR3 load drops the address space's non-global translations, tagged or not (PCID is not modelled).
    run.flush(g);
    run.emit(g, {
      actor: 'hardware:tlb',
      lane: 'hardware',
      kind: 'flush',
      op: name,
      detail: 'non-global entries of this guest invalidated',
    });
  },

  exit(run, op, name) {
    const g = run.guest(op.exit);
    run.exits(
      g,
      name,
      'interrupt',
      1,
      msg('호스트 인터럽트가 게스트를 잠시 내보냅니다.', 'A host interrupt takes the guest out briefly.'),
    );
    run.emit(g, { ...run.hypervisor, kind: 'vmentry', op: name, detail: 'handle the interrupt, VM entry' });
    run.emit(g, {
      actor: 'hardware:tlb',
      lane: 'hardware',
      kind: g.state.tlbTag === null ? 'flush' : 'keep',
      op: name,
      detail:
        g.state.tlbTag === null
          ? 'untagged: translations flushed on exit/entry'
          : `${run.config.host.vendor === 'intel' ? 'VPID' : 'ASID'} ${g.state.tlbTag}: translations kept`,
    });
  },

  switch(run, op, name) {
    const g = run.guest(op.switch);
    const tagged = g.state.tlbTag !== null;
    if (!tagged) for (const h of run.guests.values()) run.flush(h);
    const load = run.bt
      ? 'world switch'
      : run.config.host.vendor === 'intel'
        ? 'VMPTRLD its VMCS, VM entry'
        : 'VMRUN with its VMCB';
    run.emit(g, { ...run.hypervisor, kind: 'switch', op: name, detail: `run ${op.switch}: ${load}` });
    run.emit(g, {
      actor: 'hardware:tlb',
      lane: 'hardware',
      kind: tagged ? 'keep' : 'flush',
      op: name,
      detail: tagged ? `entries of every guest stay, each under its own tag` : 'untagged: the whole TLB is flushed',
      note: tagged
        ? msg(
            '태그(VPID/ASID) 덕분에 다른 게스트의 변환이 섞이지 않아 비우지 않아도 됩니다.',
            'With tags (VPID/ASID) other guests’ translations cannot be confused, so nothing is flushed.',
          )
        : msg(
            '태그가 없으면 다른 게스트의 변환을 쓰지 않도록 TLB를 모두 비워야 합니다.',
            'Without tags the whole TLB must go, or another guest’s translations would be used.',
          ),
    });
  },

  balloon(run, op, name) {
    const g = run.guest(op.balloon);
    if (op.targetPages > g.state.ballooned) inflate(run, g, op.targetPages, name);
    else if (op.targetPages < g.state.ballooned) deflate(run, g, op.targetPages, name);
    else run.guestEvent(g, name, 'balloon', `already at ${op.targetPages} pages`);
  },

  share(run, _op, name) {
    scan(run, name);
  },
};

const kindOf = (op: MemoryOp): MemoryOpKind => Object.keys(op).find((k) => k in HANDLERS) as MemoryOpKind;

function boot(run: MemoryRun): void {
  for (const g of run.guests.values()) {
    const tag =
      g.state.tlbTag === null
        ? 'untagged TLB'
        : `${run.config.host.vendor === 'intel' ? 'VPID' : 'ASID'} ${g.state.tlbTag}`;
    run.guestEvent(
      g,
      'boot',
      'boot',
      `${g.state.memoryPages} pages resident, ${g.state.referencesPerMiss} references per TLB miss, ${tag}`,
    );
  }
  // At power-on no balloon driver runs and nothing has been scanned yet: only host swapping can place the excess.
  if (run.freeFrames() < 0 && !makeRoom(run, 0, 'boot', undefined, ['swap']))
    outOfMemory(run, run.guests.values().next().value!, 'boot', -run.freeFrames());
}

export function runMemory(config: MemoryConfig, trace: Trace): MemoryState {
  const run = new MemoryRun(config, trace);
  boot(run);
  config.ops.forEach((op, step) => {
    trace.step = step;
    const kind = kindOf(op);
    // The op has exactly the key `kind` (the schema's union), so it is that handler's op.
    const handle = HANDLERS[kind] as unknown as (run: MemoryRun, op: MemoryOp, name: string) => void;
    handle(run, op, `mem.${kind}`);
  });
  const vendor = config.host.vendor;
  const used = run.usedFrames();
  return {
    host: {
      vendor,
      mode: config.mmu.mode,
      memoryPages: config.host.memoryPages,
      usedPages: used,
      freePages: config.host.memoryPages - used,
      sharedFrames: run.sharedFrames(),
      swappedPages: [...run.guests.values()].reduce((n, g) => n + g.state.swapped, 0),
      tlbTag: run.tagged ? (vendor === 'intel' ? 'VPID' : 'ASID') : null,
    },
    guests: Object.fromEntries([...run.guests].map(([name, g]) => [name, g.state])),
    totals: run.totals,
  };
}
