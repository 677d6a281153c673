/**
 * Simulated cost of each hop, in CPU cycles: one table so every technique is measured with the same ruler.
 * Orders of magnitude follow published measurements (a VM exit/entry round trip ~1,000+ cycles, a hypercall
 * less, a device-model round trip through another domain tens of thousands); they are for comparison, not for
 * benchmarking real hardware.
 */
export const CYCLES = {
  /** An instruction the CPU runs directly for the guest or process. */
  native: 1,
  /** A write to the shared vcpu_info page (PV interrupt masking). */
  sharedPageWrite: 2,
  /** VM exit + VM entry round trip under VT-x/AMD-V. */
  vmExit: 1_200,
  /** Hypervisor work to emulate one instruction on the virtual CPU state. */
  emulate: 400,
  /** #GP trap from a deprivileged guest kernel into the hypervisor (classic trap-and-emulate), and back. */
  trap: 2_000,
  /** A translated block calling into the VMM instead of the sensitive instruction (binary translation). */
  translated: 300,
  /** Hypercall into Xen and back. */
  hypercall: 700,
  /** Event-channel notification: pending bit + virtual interrupt in the other domain. */
  eventChannel: 1_500,
  /** Dom0 (or root partition) scheduled to run the device model or a backend. */
  domainSwitch: 8_000,
  /** QEMU decoding and emulating one device access. */
  deviceModel: 15_000,
  /** A PV backend (blkback/netback) processing one ring request. */
  backend: 3_000,
  /** Hosted: world switch between the VMM context and the host OS. */
  worldSwitch: 4_000,
  /** A system call into a kernel and back. */
  syscall: 150,
  /** Host OS file-system and driver work for one request. */
  hostIo: 5_000,
  /** Physical disk request (controller + media, scaled down). */
  disk: 40_000,
  /** Physical NIC transmit/receive. */
  nic: 6_000,
  /** Default length of a `compute` operation. */
  compute: 10_000,
  /** Page allocation per MiB inside a kernel. */
  allocPerMiB: 250,
  /** Creating a process (fork) in a kernel. */
  fork: 20_000,
  /** Booting a VM (virtual firmware, bootloader, kernel), scaled down. */
  vmBoot: 2_000_000,
  /** Direct kernel boot of a PV/PVH guest (no firmware). */
  directBoot: 800_000,
  /** Starting a container: namespaces, cgroup, exec. */
  containerStart: 60_000,
} as const;
