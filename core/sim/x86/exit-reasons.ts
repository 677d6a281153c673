/**
 * VMX basic exit reasons of device accesses (Intel SDM Vol. 3, Appendix C; the same numbers as Linux
 * arch/x86/include/uapi/asm/vmx.h). Port I/O exits as an I/O instruction; MMIO to a page the hypervisor left
 * unmapped exits as an EPT violation; KVM marks MMIO pages with an illegal EPT entry (write without read), so
 * there MMIO exits as an EPT misconfiguration and takes a fast path (arch/x86/kvm/mmu/spte.c).
 */
export const VMX_EXIT = {
  IO_INSTRUCTION: { reason: 30, name: 'I/O instruction' },
  EPT_VIOLATION: { reason: 48, name: 'EPT violation (MMIO)' },
  EPT_MISCONFIG: { reason: 49, name: 'EPT misconfiguration (MMIO)' },
} as const;
