/**
 * Names and numbers of the Hyper-V interfaces an enlightened guest uses, from the Hypervisor Top-Level Functional
 * Specification (TLFS: feature discovery, hypercall interface, hypercall list, inter-partition communication) and,
 * for VMBus channel messages, Linux `include/linux/hyperv.h`. Nothing here is guessed: what the sources do not
 * number is named only.
 */

/** CPUID leaves a guest reads to find the hypervisor: 0x40000000 returns "Microsoft Hv", 0x40000001 "Hv#1". */
export const HV_CPUID = { VENDOR_AND_MAX_FUNCTIONS: 0x40000000, INTERFACE: 0x40000001 } as const;

/** Synthetic MSRs: the guest OS identity must be written (non-zero) before the hypercall page can be enabled. */
export const HV_MSR = { HV_X64_MSR_GUEST_OS_ID: 0x40000000, HV_X64_MSR_HYPERCALL: 0x40000001 } as const;

/** Hypercall call codes (input bits 15–0). */
export const HV_CALL = {
  HvCallFlushVirtualAddressSpace: 0x0002,
  HvCallPostMessage: 0x005c,
  HvCallSignalEvent: 0x005d,
} as const;

/** VMBus channel message types (enum vmbus_channel_message_type). */
export const VMBUS_MSG = {
  CHANNELMSG_OFFERCHANNEL: 1,
  CHANNELMSG_REQUESTOFFERS: 3,
  CHANNELMSG_OPENCHANNEL: 5,
  CHANNELMSG_GPADL_HEADER: 8,
  CHANNELMSG_INITIATE_CONTACT: 14,
} as const;

export const hex = (n: number, width = 4): string => `0x${n.toString(16).toUpperCase().padStart(width, '0')}`;
export const callCode = (name: keyof typeof HV_CALL): string => `${name} (${hex(HV_CALL[name])})`;
export const vmbusMsg = (name: keyof typeof VMBUS_MSG): string => `${name} (${VMBUS_MSG[name]})`;
