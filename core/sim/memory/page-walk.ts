/**
 * Page-walk arithmetic for x86-64 4-level paging, natively, under shadow page tables, and under EPT/NPT.
 *
 * Levels (Linux `arch/x86/include/asm/pgtable_64_types.h`; Intel SDM Vol. 3A ch. 4 "Paging"): PML4 (shift 39) →
 * PDPT (shift 30, a leaf here maps 1 GiB) → PD (shift 21, 2 MiB) → PT (4 KiB). A leaf higher up ends the walk
 * earlier, so the page size fixes the number of tables read.
 */

export const PAGE_SIZES = ['4KiB', '2MiB', '1GiB'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** Tables read to translate one address whose leaf maps a page of this size. */
export const LEVELS: Record<PageSize, number> = { '4KiB': 4, '2MiB': 3, '1GiB': 2 };

/** The names of the tables of 4-level paging, top first. */
const TABLES = ['PML4', 'PDPT', 'PD', 'PT'] as const;

/** A native TLB miss reads one entry per level. */
export const nativeReferences = (n: number): number => n;

/**
 * A two-dimensional (EPT/NPT) TLB miss. Each of the n guest page-table entries sits at a guest-physical address
 * that needs an m-step nested walk before it can be read, and the final guest-physical address needs m more:
 * n(m+1) + m = (n+1)(m+1) − 1 memory references; 24 for 4-level guest and nested tables (Bhargava et al.,
 * ASPLOS 2008; the figure 24 also in Stojkovic et al., ASPLOS 2022). Large pages end either walk early.
 */
export const twoDimensionalReferences = (n: number, m: number): number => (n + 1) * (m + 1) - 1;

/**
 * A shadow page table maps guest-virtual straight to host-physical, so the hardware walks it like a native table.
 * A shadow leaf can be large only where both the guest mapping and the host backing are (KVM's shadow MMU maps at
 * the smaller of the two levels, Documentation/virt/kvm/x86/mmu.rst), so the smaller page decides.
 */
export function shadowLevels(guest: PageSize, host: PageSize): number {
  return Math.max(LEVELS[guest], LEVELS[host]);
}

export interface WalkStep {
  /** What the page walker reads in this step. */
  what: string;
  /** Memory references in the step. */
  references: number;
}

/** The steps of one two-dimensional walk, one per guest level plus the final nested walk of the data address. */
export function twoDimensionalSteps(n: number, m: number, nested: 'EPT' | 'NPT'): WalkStep[] {
  const guestTables = TABLES.slice(0, n);
  const nestedNames = TABLES.slice(0, m).join('→');
  const steps: WalkStep[] = guestTables.map((t, i) => ({
    what: `${i === 0 ? 'gCR3' : `g${guestTables[i - 1]}E`} GPA → ${nested} ${nestedNames} (${m}) → read guest ${t}E`,
    references: m + 1,
  }));
  steps.push({ what: `data GPA → ${nested} ${nestedNames} (${m}) → HPA`, references: m });
  return steps;
}

/** The tables a native or shadow walk reads. */
export const nativeSteps = (n: number): string => TABLES.slice(0, n).join('→');
