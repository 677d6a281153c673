/**
 * The KVM API a VMM (QEMU) drives, from Linux `include/uapi/linux/kvm.h` (KVMIO = 0xAE; the numbers are the ioctl
 * `nr`) and Documentation/virt/kvm/api.rst. `/dev/kvm` gives a VM fd, the VM fd gives vCPU fds, and each vCPU thread
 * loops on KVM_RUN; when the kernel cannot finish an exit itself, KVM_RUN returns with `exit_reason` set.
 */
export const KVM_IOCTL = {
  KVM_CREATE_VM: 0x01,
  KVM_CREATE_VCPU: 0x41,
  KVM_SET_USER_MEMORY_REGION: 0x46,
  KVM_IRQFD: 0x76,
  KVM_IOEVENTFD: 0x79,
  KVM_RUN: 0x80,
} as const;

/** `kvm_run.exit_reason` values a device access returns to userspace with (kvm.h). */
export const KVM_EXIT = { IO: 2, MMIO: 6 } as const;

export const ioctl = (name: keyof typeof KVM_IOCTL): string =>
  `${name} (0x${KVM_IOCTL[name].toString(16).padStart(2, '0')})`;
