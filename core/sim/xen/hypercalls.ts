import type { Hypercall } from '../trace.ts';

/**
 * Xen hypercall numbers as defined in the public `xen.h` (0–42; 11 has no define; 43–47 are not allocated;
 * 48–55 are the architecture-specific slots). A PV guest reaches Xen through these instead of privileged
 * instructions; the number is what lands in RAX.
 */
export const XEN_HYPERCALLS = {
  set_trap_table: 0,
  mmu_update: 1,
  set_gdt: 2,
  stack_switch: 3,
  set_callbacks: 4,
  fpu_taskswitch: 5,
  sched_op_compat: 6,
  platform_op: 7,
  set_debugreg: 8,
  get_debugreg: 9,
  update_descriptor: 10,
  memory_op: 12,
  multicall: 13,
  update_va_mapping: 14,
  set_timer_op: 15,
  event_channel_op_compat: 16,
  xen_version: 17,
  console_io: 18,
  physdev_op_compat: 19,
  grant_table_op: 20,
  vm_assist: 21,
  update_va_mapping_otherdomain: 22,
  iret: 23,
  vcpu_op: 24,
  set_segment_base: 25,
  mmuext_op: 26,
  xsm_op: 27,
  nmi_op: 28,
  sched_op: 29,
  callback_op: 30,
  xenoprof_op: 31,
  event_channel_op: 32,
  physdev_op: 33,
  hvm_op: 34,
  sysctl: 35,
  domctl: 36,
  kexec_op: 37,
  tmem_op: 38,
  argo_op: 39,
  xenpmu_op: 40,
  dm_op: 41,
  hypfs_op: 42,
  arch_0: 48,
  arch_1: 49,
  arch_2: 50,
  arch_3: 51,
  arch_4: 52,
  arch_5: 53,
  arch_6: 54,
  arch_7: 55,
} as const;

export type HypercallName = keyof typeof XEN_HYPERCALLS;

export const hypercall = (name: HypercallName): Hypercall => ({ name, number: XEN_HYPERCALLS[name] });

/** True for a number Xen defines (0–42 except 11, and 48–55). */
export const isXenHypercallNumber = (n: number): boolean => (Object.values(XEN_HYPERCALLS) as number[]).includes(n);

/** Sub-operations the simulator names in its trace details. */
export const EVTCHNOP = { bind_interdomain: 0, bind_virq: 1, send: 4, alloc_unbound: 6 } as const;
export const GNTTABOP = { map_grant_ref: 0, unmap_grant_ref: 1, setup_table: 2, copy: 5 } as const;
/** callback.h: the one sub-op a 64-bit PV kernel uses to register its entry points, and the callback types. */
export const CALLBACKOP = { register: 0 } as const;
export const CALLBACKTYPE = { event: 0, failsafe: 1, syscall: 2, nmi: 4, sysenter: 5, syscall32: 7 } as const;
/** xen.h: the per-vCPU timer virtual interrupt. */
export const VIRQ = { TIMER: 0 } as const;
export const MMUEXT = { PIN_L4_TABLE: 3, NEW_BASEPTR: 5, INVLPG_LOCAL: 7 } as const;
export const SCHEDOP = { yield: 0, block: 1 } as const;
export const MMU_NORMAL_PT_UPDATE = 0;

/** XenbusState values of the split-driver handshake (io/xenbus.h). */
export const XENBUS_STATE = {
  Initialising: 1,
  InitWait: 2,
  Initialised: 3,
  Connected: 4,
  Closing: 5,
  Closed: 6,
} as const;

/** ioreq states of an HVM device access forwarded to the device model (hvm/ioreq.h). */
export const IOREQ_STATE = { NONE: 0, IOREQ_READY: 1, INPROCESS: 2, IORESP_READY: 3 } as const;
