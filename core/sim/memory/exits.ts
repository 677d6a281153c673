/**
 * The hardware exits memory virtualization causes, by vendor.
 *
 * Intel VMX basic exit reasons: Intel SDM Vol. 3 Appendix C, as in Linux `arch/x86/include/uapi/asm/vmx.h`.
 * AMD SVM exit codes: AMD APM Vol. 2 Appendix C, as in Linux `arch/x86/include/uapi/asm/svm.h`
 * (SVM_EXIT_EXCP_BASE 0x040 + vector 14 for #PF).
 */

export type Vendor = 'intel' | 'amd';

export type ExitCause =
  /** A guest page fault the hypervisor intercepts (shadow paging: a missing or write-protected shadow entry). */
  | 'pageFault'
  /** A guest `mov cr3` (intercepted only under shadow paging). */
  | 'cr3'
  /** A guest `invlpg` (intercepted only under shadow paging). */
  | 'invlpg'
  /** The nested table lacks or forbids the mapping (swapped out, write-protected for sharing). */
  | 'nestedFault'
  /** A virtio notification write to an MMIO doorbell. */
  | 'mmio'
  /** A hypercall instruction (VMCALL / VMMCALL). */
  | 'hypercall'
  /** A host interrupt (timer, IPI) while the guest runs. */
  | 'interrupt';

export interface ExitReason {
  name: string;
  number: number;
}

/** Each cause's exit on Intel and on AMD, side by side. */
const EXITS: Record<ExitCause, Record<Vendor, ExitReason>> = {
  pageFault: {
    intel: { name: 'EXCEPTION_NMI', number: 0 },
    amd: { name: 'SVM_EXIT_EXCP_BASE+PF', number: 0x04e },
  },
  cr3: { intel: { name: 'CR_ACCESS', number: 28 }, amd: { name: 'SVM_EXIT_WRITE_CR3', number: 0x013 } },
  invlpg: { intel: { name: 'INVLPG', number: 14 }, amd: { name: 'SVM_EXIT_INVLPG', number: 0x079 } },
  nestedFault: { intel: { name: 'EPT_VIOLATION', number: 48 }, amd: { name: 'SVM_EXIT_NPF', number: 0x400 } },
  // KVM marks MMIO in EPT with an illegal combination, so MMIO exits as EPT_MISCONFIG (arch/x86/kvm/mmu/spte.c).
  mmio: { intel: { name: 'EPT_MISCONFIG', number: 49 }, amd: { name: 'SVM_EXIT_NPF', number: 0x400 } },
  hypercall: { intel: { name: 'VMCALL', number: 18 }, amd: { name: 'SVM_EXIT_VMMCALL', number: 0x081 } },
  interrupt: { intel: { name: 'EXTERNAL_INTERRUPT', number: 1 }, amd: { name: 'SVM_EXIT_INTR', number: 0x060 } },
};

/**
 * The exit a cause raises. Under shadow paging there is no nested table: a host-side fault and an MMIO access
 * reach the hypervisor as an intercepted guest page fault.
 */
export function exitReason(vendor: Vendor, cause: ExitCause, shadow: boolean): ExitReason {
  return EXITS[shadow && (cause === 'nestedFault' || cause === 'mmio') ? 'pageFault' : cause][vendor];
}

export const describeExit = (r: ExitReason, vendor: Vendor): string =>
  vendor === 'intel' ? `${r.name} (${r.number})` : `${r.name} (0x${r.number.toString(16).padStart(3, '0')})`;
