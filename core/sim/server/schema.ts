import * as z from 'zod';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { HYPERVISOR_NAMES } from '../hypervisors.ts';
import { INSTRUCTION_NAMES } from '../x86/instructions.ts';

/**
 * Configuration of the `server` target: one physical host, optionally a hypervisor with guests, and/or containers
 * on the host kernel, plus the workload the lab runs. Objects are strict so a typo is reported, not ignored.
 */

/** A memory size in GiB: at least one 4-KiB page (Intel SDM Vol. 3A, 4.3), so `5e-324` is refused, not simulated. */
const gib = (max: number) =>
  z
    .number()
    .min(4096 / 2 ** 30, {
      error: bilingual(
        msg(
          '메모리는 적어도 4 KiB 페이지 하나(≈0.0000038 GiB)여야 합니다.',
          'Memory must be at least one 4-KiB page (≈0.0000038 GiB).',
        ),
      ),
    })
    .max(max);

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, {
  error: bilingual(
    msg(
      '이름은 영문자·숫자로 시작하고 영문자·숫자·-·_ 로 32자 이내여야 합니다.',
      'A name starts with a letter or digit and has at most 32 letters, digits, - or _.',
    ),
  ),
});

export const CPU_VIRTUALIZATION = ['hardware-assist', 'binary-translation', 'trap-and-emulate'] as const;
export type CpuVirtualization = (typeof CPU_VIRTUALIZATION)[number];

export const GUEST_MODES = ['hvm', 'pv', 'pvh'] as const;
export const NAMESPACES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Operations with no argument, and those that take a number (MiB for mem.alloc, count for proc.fork, cycles for compute). */
export const PLAIN_OPS = [
  'pagetable.update',
  'disk.read',
  'disk.write',
  'net.send',
  'net.recv',
  'fault.guest-crash',
  'fault.host-os-crash',
  'fault.dom0-crash',
  'fault.control-domain-crash',
  'fault.qemu-crash',
] as const;
export const ARG_OPS = ['compute', 'mem.alloc', 'proc.fork'] as const;
export const OP_PATTERN = new RegExp(
  `^(${[...PLAIN_OPS, ...ARG_OPS].map((o) => o.replace('.', '\\.')).join('|')}|insn\\.(${INSTRUCTION_NAMES.join('|')})|syscall\\.[a-z0-9_]{1,32})$`,
);

const opName = z.string().regex(OP_PATTERN, {
  error: bilingual(
    msg(
      `알 수 없는 연산입니다. 쓸 수 있는 것: ${[...ARG_OPS, ...PLAIN_OPS].join(', ')}, insn.<${INSTRUCTION_NAMES.join('|')}>, syscall.<이름>`,
      `Unknown operation. Use one of: ${[...ARG_OPS, ...PLAIN_OPS].join(', ')}, insn.<${INSTRUCTION_NAMES.join('|')}>, syscall.<name>`,
    ),
  ),
});

/** `disk.write`, or `{ mem.alloc: 300 }` for an operation with an argument. */
export const operation = z
  .union([
    opName,
    z.record(opName, z.number().int().min(0).max(1_000_000)).refine((r) => Object.keys(r).length === 1, {
      error: bilingual(
        msg(
          '인자가 있는 연산은 키 하나만 씁니다. 예: { mem.alloc: 300 }',
          'An operation with an argument has exactly one key, e.g. { mem.alloc: 300 }',
        ),
      ),
    }),
  ])
  .describe(
    'An operation name (disk.write, insn.popf, syscall.read…) or { name: number } for compute (cycles), mem.alloc (MiB) and proc.fork (count).',
  );

const hardwareAssist = z
  .strictObject({
    present: z.boolean().default(true).describe('The CPU has VT-x (Intel) or AMD-V (AMD).'),
    enabledInFirmware: z
      .boolean()
      .default(true)
      .describe(
        'Firmware (BIOS/UEFI) enabled it; when false, VMXON fails until it is enabled and the machine power-cycled.',
      ),
  })
  .prefault({});

export const hostSchema = z
  .strictObject({
    cpu: z
      .strictObject({
        vendor: z.enum(['intel', 'amd']).default('intel'),
        cores: z.number().int().min(1).max(1024).default(8),
        hardwareAssist,
      })
      .prefault({}),
    memoryGiB: gib(65_536).default(32),
    os: z
      .strictObject({ family: z.enum(['linux', 'windows', 'macos']) })
      .optional()
      .describe('Only with a type-2 hypervisor (it runs on this OS), KVM, or for containers (they share this kernel).'),
  })
  .prefault({});

export const hypervisorSchema = z.strictObject({
  product: z.enum(HYPERVISOR_NAMES),
  cpuVirtualization: z
    .enum(CPU_VIRTUALIZATION)
    .default('hardware-assist')
    .describe(
      'How guest kernels’ sensitive instructions are handled: hardware-assist (VT-x/AMD-V), binary-translation (VMware style, esxi only) or trap-and-emulate (the classic scheme, which x86 cannot do faithfully).',
    ),
});

export const DEFAULT_DOM0 = { memoryGiB: 4, vcpus: 2 } as const;

export const dom0Schema = z.strictObject({
  memoryGiB: gib(1024).default(DEFAULT_DOM0.memoryGiB),
  vcpus: z.number().int().min(1).max(64).default(DEFAULT_DOM0.vcpus),
});

/** The device models a guest's disk and NIC can have; which are allowed depends on the hypervisor (check.ts). */
export const DISK_MODELS = ['emulated', 'virtio-blk', 'vmbus'] as const;
export const NET_MODELS = ['emulated', 'virtio-net', 'vhost-net', 'vmbus'] as const;
export type DiskModel = (typeof DISK_MODELS)[number];
export type NetModel = (typeof NET_MODELS)[number];

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

export const devicesSchema = z
  .strictObject({
    disk: z
      .enum(DISK_MODELS)
      .default('emulated')
      .describe(
        'emulated: an IDE controller at port 0x1F0 (every full-virtualization product); virtio-blk: KVM only; vmbus: Hyper-V synthetic storage (VSC in the guest, VSP in the root partition).',
      ),
    net: z
      .enum(NET_MODELS)
      .default('emulated')
      .describe(
        'emulated: an e1000 NIC (Hyper-V: its legacy network adapter); virtio-net (QEMU moves the packets) or vhost-net (the host kernel does): KVM only; vmbus: Hyper-V synthetic NIC.',
      ),
    ioeventfd: z
      .boolean()
      .default(true)
      .describe(
        'KVM virtio-blk/virtio-net through QEMU: the kick is caught in the kernel by an ioeventfd (true) or exits to QEMU as KVM_EXIT_MMIO (false). vhost-net always uses one.',
      ),
    queueSize: z
      .number()
      .int()
      .min(1)
      .max(32_768)
      .refine(isPowerOfTwo, {
        error: bilingual(
          msg('virtqueue 크기는 32768 이하의 2의 거듭제곱입니다.', 'A virtqueue size is a power of 2, at most 32768.'),
        ),
      })
      .default(256)
      .describe(
        'KVM virtio: entries per virtqueue (virtio 1.2 §2.7: a power of 2 ≤ 32768); sizes the descriptor table and rings in the trace.',
      ),
  })
  .prefault({});

export const guestSchema = z.strictObject({
  name,
  os: z.enum(['linux', 'windows', 'freebsd']),
  kernel: z
    .strictObject({
      paravirtualized: z
        .boolean()
        .default(false)
        .describe('The kernel is modified to call the hypervisor (Xen-aware). Windows cannot be.'),
    })
    .prefault({}),
  mode: z
    .enum(GUEST_MODES)
    .default('hvm')
    .describe(
      'Xen guest type: hvm (unmodified, needs VT-x/AMD-V), pv (modified kernel, no VT-x needed), pvh (both). Other hypervisors: hvm.',
    ),
  pvDrivers: z
    .boolean()
    .default(false)
    .describe(
      'Xen HVM only (PVHVM): PV disk and network drivers in an unmodified guest; the emulated devices are unplugged and I/O uses split drivers.',
    ),
  devices: devicesSchema,
  vcpus: z.number().int().min(1).max(256).default(1),
  memoryGiB: gib(4096).default(2),
});

export const containerSchema = z.strictObject({
  name,
  image: z
    .strictObject({ os: z.enum(['linux', 'windows']), ref: z.string().max(200).optional() })
    .describe('Only userland: the image carries no kernel, so its OS must match the host kernel.'),
  isolation: z
    .enum(['process', 'vm'])
    .default('process')
    .describe(
      'process: processes on the shared host kernel. vm: a lightweight VM with its own kernel (Kata, Hyper-V isolation).',
    ),
  cgroups: z
    .strictObject({
      memoryMiB: z.number().int().min(1).max(1_048_576).optional(),
      cpus: z.number().positive().max(1024).optional(),
      pids: z.number().int().min(1).max(100_000).optional(),
    })
    .prefault({})
    .describe(
      'cgroup v2 limits: memoryMiB → memory.max, cpus → cpu.max, pids → pids.max; a missing one means max (no limit).',
    ),
  namespaces: z
    .array(z.enum(NAMESPACES))
    .max(8)
    .default(['pid', 'net', 'mnt', 'ipc', 'uts', 'cgroup'])
    .describe('Namespaces the container gets; the others are shared with the host.'),
});

export const workloadEntrySchema = z
  .strictObject({
    guest: name.optional(),
    container: name.optional(),
    ops: z.array(operation).max(2_000),
  })
  .refine((w) => (w.guest === undefined) !== (w.container === undefined), {
    error: bilingual(
      msg('각 항목에는 guest나 container 중 하나만 씁니다.', 'Each entry names exactly one of guest or container.'),
    ),
  });

export const serverConfigSchema = z.strictObject({
  target: z.literal('server').optional(),
  host: hostSchema,
  hypervisor: hypervisorSchema.optional(),
  dom0: dom0Schema
    .optional()
    .describe('Xen only: the privileged domain (toolstack, backends, QEMU device models). Default 4 GiB, 2 vCPUs.'),
  guests: z.array(guestSchema).max(1_000).default([]),
  containers: z.array(containerSchema).max(1_000).default([]),
  overcommit: z
    .strictObject({
      cpu: z.number().positive().max(64).default(4).describe('Allowed vCPUs (guests + Dom0) per physical core.'),
      memory: z.number().positive().max(4).default(1).describe('Allowed guest (+ Dom0) memory per GiB of host memory.'),
    })
    .prefault({}),
  workload: z
    .array(workloadEntrySchema)
    .max(1_000)
    .default([])
    .describe(
      'Operations, run in the order written after everything has booted. In a lab, the lab supplies this part.',
    ),
});

export type ServerConfig = z.output<typeof serverConfigSchema>;
export type GuestConfig = ServerConfig['guests'][number];
export type ContainerConfig = ServerConfig['containers'][number];
export type Operation = z.output<typeof operation>;
