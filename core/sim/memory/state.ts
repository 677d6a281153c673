/** What a memory run counts: memory references, faults, exits and disk I/Os, never a time. */
export interface MemoryCounters {
  tlbMisses: number;
  /** Memory references made by page walks on TLB misses. */
  walkReferences: number;
  tlbFlushes: number;
  vmExits: number;
  /** Exits by reason name (`EPT_VIOLATION`, `CR_ACCESS`…). */
  exitReasons: Record<string, number>;
  /** Shadow paging: faults the hypervisor takes for the guest without the guest seeing them. */
  hiddenFaults: number;
  /** Shadow paging: shadow entries or roots built or re-synced from the guest's tables. */
  shadowSyncs: number;
  /** Guest page-table entries the hypervisor read in software to fill shadow entries. */
  guestTableReads: number;
  /** Writes to shared pages that got a private copy. */
  cowBreaks: number;
  hostSwapOuts: number;
  hostSwapIns: number;
  /** Pages the guest paged out to its own disk because the balloon left it less than its working set. */
  guestSwapOuts: number;
  guestSwapIns: number;
  /** Every disk transfer above (one per page). */
  diskIOs: number;
  balloonInflated: number;
  balloonDeflated: number;
  pagesMerged: number;
}

/**
 * One guest's memory. `resident + shared + ballooned + swapped = memoryPages` always holds: every guest page is
 * backed by a private host frame, mapped to a shared frame, given to the balloon, or in the host's swap.
 */
export interface GuestMemoryState {
  memoryPages: number;
  resident: number;
  shared: number;
  ballooned: number;
  swapped: number;
  /** Pages inside the guest's own swap (the guest's view; they are not guest memory any more). */
  guestSwapped: number;
  workingSetPages: number;
  balloonTarget: number;
  /** The process whose page tables are loaded. */
  process: string;
  /** TLB entries this guest holds now. */
  tlbCached: number;
  /** The TLB tag (VPID or ASID number), or null when the TLB is untagged. */
  tlbTag: number | null;
  /** Memory references of one TLB miss of this guest. */
  referencesPerMiss: number;
  counters: MemoryCounters;
}

export interface MemoryState {
  host: {
    vendor: 'intel' | 'amd';
    mode: 'ept' | 'npt' | 'shadow';
    memoryPages: number;
    usedPages: number;
    freePages: number;
    /** Frames holding shared pages (each saves every mapping beyond the first). */
    sharedFrames: number;
    swappedPages: number;
    /** `VPID`, `ASID`, or null without tags. */
    tlbTag: 'VPID' | 'ASID' | null;
  };
  guests: Record<string, GuestMemoryState>;
  totals: MemoryCounters;
}

export const emptyCounters = (): MemoryCounters => ({
  tlbMisses: 0,
  walkReferences: 0,
  tlbFlushes: 0,
  vmExits: 0,
  exitReasons: {},
  hiddenFaults: 0,
  shadowSyncs: 0,
  guestTableReads: 0,
  cowBreaks: 0,
  hostSwapOuts: 0,
  hostSwapIns: 0,
  guestSwapOuts: 0,
  guestSwapIns: 0,
  diskIOs: 0,
  balloonInflated: 0,
  balloonDeflated: 0,
  pagesMerged: 0,
});
