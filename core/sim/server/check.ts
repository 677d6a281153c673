import { msg, type Msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import { ARG_OPS, DEFAULT_DOM0, type GuestConfig, type ServerConfig } from './schema.ts';
import { HYPERVISORS, type HypervisorName } from '../hypervisors.ts';
import type { SimLimits } from '../limits.ts';
import { limitMessage } from '../trace.ts';

/** Rules of the server configuration that span fields. Every broken one is reported, in Korean and English. */
export function checkServer(config: ServerConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { host, hypervisor, guests, containers, workload } = config;
  const product = hypervisor ? HYPERVISORS[hypervisor.product] : undefined;

  if (guests.length + containers.length > limits.maxGuests) {
    issues.push(issue(guests.length ? 'guests' : 'containers', limitMessage('maxGuests', limits.maxGuests)));
  }
  const opCount = workload.reduce((n, w) => n + w.ops.length, 0);
  if (opCount > limits.maxOps) issues.push(issue('workload', limitMessage('maxOps', limits.maxOps)));

  const seen = new Set<string>();
  const names = [
    ...guests.map((g, i) => ({ name: g.name, path: `guests[${i}].name` })),
    ...containers.map((c, i) => ({ name: c.name, path: `containers[${i}].name` })),
  ];
  for (const { name, path } of names) {
    if (seen.has(name))
      issues.push(issue(path, msg(`이름 '${name}'이 두 번 쓰였습니다.`, `The name '${name}' is used twice.`)));
    seen.add(name);
  }

  if (guests.length && !hypervisor) {
    issues.push(
      issue(
        'hypervisor',
        msg(
          '게스트(VM)를 실행하려면 hypervisor.product를 정해야 합니다.',
          'Guests (VMs) need a hypervisor: set hypervisor.product.',
        ),
      ),
    );
  }
  if (product?.type === 'type-2' && !host.os) {
    issues.push(
      issue(
        'host.os',
        msg(
          `${hypervisor!.product}는 타입 2(호스티드) 하이퍼바이저라 호스트 OS 위에서 실행됩니다. host.os를 쓰세요.`,
          `${hypervisor!.product} is a type-2 (hosted) hypervisor: it runs on a host OS. Set host.os.`,
        ),
      ),
    );
  }
  if (product?.type === 'type-1' && host.os) {
    issues.push(
      issue(
        'host.os',
        msg(
          `${hypervisor!.product}는 타입 1(베어메탈) 하이퍼바이저라 아래에 호스트 OS가 없습니다. host.os를 지우세요 (컨테이너는 게스트 안에서 실행됩니다).`,
          `${hypervisor!.product} is a type-1 (bare-metal) hypervisor: there is no host OS beneath it. Remove host.os (containers would run inside a guest).`,
        ),
      ),
    );
  }
  if (hypervisor?.product === 'kvm' && host.os && host.os.family !== 'linux') {
    issues.push(
      issue(
        'host.os.family',
        msg(
          'KVM은 리눅스 커널의 모듈이라 호스트는 linux여야 합니다.',
          'KVM is a Linux kernel module: the host must be linux.',
        ),
      ),
    );
  }
  const hostedOs: Partial<Record<string, string[]>> = {
    'vmware-workstation': ['linux', 'windows'],
    parallels: ['macos'],
  };
  const allowed = hypervisor && hostedOs[hypervisor.product];
  if (allowed && host.os && !allowed.includes(host.os.family)) {
    issues.push(
      issue(
        'host.os.family',
        msg(
          `${hypervisor.product}는 ${allowed.join('/')} 호스트에서 실행됩니다.`,
          `${hypervisor.product} runs on a ${allowed.join('/')} host.`,
        ),
      ),
    );
  }
  if (containers.length && !host.os) {
    issues.push(
      issue(
        'host.os',
        msg(
          '컨테이너는 호스트 커널을 공유합니다. host.os로 그 커널을 정하세요.',
          'Containers share the host kernel: name it with host.os.',
        ),
      ),
    );
  }
  if (hypervisor?.cpuVirtualization === 'binary-translation' && !product?.binaryTranslation) {
    issues.push(
      issue(
        'hypervisor.cpuVirtualization',
        msg(
          `${hypervisor.product}는 바이너리 변환을 제공하지 않습니다 (이 시뮬레이터에서는 esxi만). hardware-assist를 쓰세요.`,
          `${hypervisor.product} does not offer binary translation (in this simulator only esxi does). Use hardware-assist.`,
        ),
      ),
    );
  }
  if (product?.type === 'type-2' && hypervisor!.cpuVirtualization === 'trap-and-emulate') {
    issues.push(
      issue(
        'hypervisor.cpuVirtualization',
        msg(
          '최신 타입 2 제품은 VT-x/AMD-V만 씁니다. hardware-assist를 쓰세요.',
          'Modern type-2 products only use VT-x/AMD-V: use hardware-assist.',
        ),
      ),
    );
  }
  if (config.dom0 && !product?.xen) {
    issues.push(issue('dom0', msg('dom0는 Xen에만 있습니다.', 'dom0 exists only with Xen.')));
  }
  guests.forEach((g, i) => {
    if (g.mode !== 'hvm' && !product?.xen) {
      issues.push(
        issue(
          `guests[${i}].mode`,
          msg(
            `mode: ${g.mode}는 Xen 게스트 유형입니다. 이 하이퍼바이저에서는 hvm을 쓰세요.`,
            `mode: ${g.mode} is a Xen guest type; with this hypervisor use hvm.`,
          ),
        ),
      );
    }
    if (g.pvDrivers && (g.mode !== 'hvm' || !product?.xen)) {
      issues.push(
        issue(
          `guests[${i}].pvDrivers`,
          msg(
            'pvDrivers는 Xen의 HVM 게스트(PVHVM)에만 씁니다. PV·PVH 게스트는 원래 분할 드라이버를 씁니다.',
            'pvDrivers is for Xen HVM guests (PVHVM); PV and PVH guests use split drivers anyway.',
          ),
        ),
      );
    }
    issues.push(...deviceIssues(g.devices, hypervisor?.product, i));
    if (g.os === 'windows' && g.kernel.paravirtualized) {
      issues.push(
        issue(
          `guests[${i}].kernel.paravirtualized`,
          msg(
            'Windows 커널은 소스가 공개되지 않아 반가상화용으로 수정할 수 없습니다.',
            'The Windows kernel is closed source: it cannot be modified for paravirtualization.',
          ),
        ),
      );
    }
  });

  // Server consolidation limits: vCPUs per core, and guest memory against host memory.
  const dom0 = product?.xen ? (config.dom0 ?? DEFAULT_DOM0) : { vcpus: 0, memoryGiB: 0 };
  const vcpus = guests.reduce((n, g) => n + g.vcpus, 0) + (guests.length ? dom0.vcpus : 0);
  const cores = host.cpu.cores;
  if (guests.length && vcpus > cores * config.overcommit.cpu) {
    issues.push(
      issue(
        'guests',
        msg(
          `vCPU가 너무 많습니다: ${vcpus}개 vCPU / ${cores}개 코어 = ${(vcpus / cores).toFixed(2)}:1, 허용 비율은 ${config.overcommit.cpu}:1 (최대 ${Math.floor(cores * config.overcommit.cpu)}개).`,
          `Too many vCPUs: ${vcpus} vCPUs on ${cores} cores = ${(vcpus / cores).toFixed(2)}:1, over the allowed ${config.overcommit.cpu}:1 (at most ${Math.floor(cores * config.overcommit.cpu)}).`,
        ),
      ),
    );
  }
  const memory = guests.reduce((n, g) => n + g.memoryGiB, 0) + (guests.length ? dom0.memoryGiB : 0);
  const memoryLimit = host.memoryGiB * config.overcommit.memory;
  if (guests.length && memory > memoryLimit) {
    issues.push(
      issue(
        'guests',
        msg(
          `메모리가 모자랍니다: 게스트${product?.xen ? '와 Dom0' : ''}에 ${memory} GiB를 할당했지만 호스트 ${host.memoryGiB} GiB × 허용 비율 ${config.overcommit.memory} = ${memoryLimit} GiB입니다.`,
          `Not enough memory: ${memory} GiB allocated to guests${product?.xen ? ' and Dom0' : ''}, but the host has ${host.memoryGiB} GiB × allowed ratio ${config.overcommit.memory} = ${memoryLimit} GiB.`,
        ),
      ),
    );
  }

  const guestNames = new Set(guests.map((g) => g.name));
  const containerNames = new Set(containers.map((c) => c.name));
  workload.forEach((w, i) => {
    if (w.guest !== undefined && !guestNames.has(w.guest)) {
      issues.push(
        issue(
          `workload[${i}].guest`,
          msg(`'${w.guest}'라는 게스트가 없습니다.`, `There is no guest named '${w.guest}'.`),
        ),
      );
    }
    if (w.container !== undefined && !containerNames.has(w.container)) {
      issues.push(
        issue(
          `workload[${i}].container`,
          msg(`'${w.container}'라는 컨테이너가 없습니다.`, `There is no container named '${w.container}'.`),
        ),
      );
    }
    w.ops.forEach((op, j) => {
      const path = `workload[${i}].ops[${j}]`;
      const name = typeof op === 'string' ? op : Object.keys(op)[0];
      if (typeof op !== 'string' && !(ARG_OPS as readonly string[]).includes(name)) {
        issues.push(
          issue(
            path,
            msg(
              `'${name}'에는 인자를 쓰지 않습니다. 인자는 ${ARG_OPS.join(', ')}에만 씁니다.`,
              `'${name}' takes no argument; only ${ARG_OPS.join(', ')} do.`,
            ),
          ),
        );
      }
      if (name === 'fault.dom0-crash' && !product?.xen) {
        issues.push(
          issue(
            path,
            msg(
              'Dom0가 없습니다: fault.dom0-crash는 Xen에서만 씁니다.',
              'There is no Dom0: fault.dom0-crash is for Xen only.',
            ),
          ),
        );
      }
      const faultIssue = faultTargetIssue(name, hypervisor?.product, w.container !== undefined);
      if (faultIssue) issues.push(issue(path, faultIssue));
      if (name === 'fault.host-os-crash' && !host.os) {
        issues.push(
          issue(
            path,
            msg(
              '호스트 OS가 없습니다 (타입 1 하이퍼바이저는 베어메탈에서 실행됩니다). Xen이라면 fault.dom0-crash를 쓰세요.',
              'There is no host OS (a type-1 hypervisor runs on bare metal); on Xen use fault.dom0-crash.',
            ),
          ),
        );
      }
    });
  });
  return issues;
}

/** A paravirtual device model exists only with its hypervisor: virtio with KVM, VMBus with Hyper-V. */
function deviceIssues(devices: GuestConfig['devices'], product: HypervisorName | undefined, i: number): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const needs = (model: string): HypervisorName | undefined =>
    model === 'vmbus' ? 'hyper-v' : model === 'emulated' ? undefined : 'kvm';
  for (const [field, model] of [
    ['disk', devices.disk],
    ['net', devices.net],
  ] as const) {
    const wanted = needs(model);
    if (!wanted || wanted === product) continue;
    out.push(
      issue(
        `guests[${i}].devices.${field}`,
        wanted === 'kvm'
          ? msg(
              `${model}는 KVM(QEMU 또는 vhost)의 virtio 장치입니다. hypervisor.product: kvm으로 쓰거나 emulated를 쓰세요.`,
              `${model} is a virtio device of KVM (QEMU or vhost): use hypervisor.product: kvm, or emulated.`,
            )
          : msg(
              'vmbus는 Hyper-V의 합성 장치입니다. hypervisor.product: hyper-v로 쓰거나 emulated를 쓰세요.',
              'vmbus is a Hyper-V synthetic device: use hypervisor.product: hyper-v, or emulated.',
            ),
      ),
    );
  }
  return out;
}

/** Which faults have something to strike: a control domain (Dom0, root partition, KVM's Linux host), a QEMU process. */
function faultTargetIssue(name: string, product: HypervisorName | undefined, fromContainer: boolean): Msg | undefined {
  if (name === 'fault.control-domain-crash') {
    if (product === 'xen' || product === 'hyper-v' || product === 'kvm') return undefined;
    if (product === 'esxi') {
      return msg(
        'ESXi에는 제어 도메인이 없습니다: vmkernel 자체가 하이퍼바이저이고 I/O 경로에 범용 OS가 없습니다.',
        'ESXi has no control domain: the vmkernel is the hypervisor itself, and no general-purpose OS sits in the I/O path.',
      );
    }
    return product
      ? msg(
          '타입 2 하이퍼바이저에서는 호스트 OS가 그 자리입니다: fault.host-os-crash를 쓰세요.',
          'With a type-2 hypervisor the host OS plays that part: use fault.host-os-crash.',
        )
      : msg('하이퍼바이저가 없어 제어 도메인도 없습니다.', 'There is no hypervisor, so there is no control domain.');
  }
  if (name === 'fault.qemu-crash') {
    if (product !== 'kvm')
      return msg(
        'fault.qemu-crash는 KVM의 VM마다 있는 QEMU 프로세스를 죽입니다: hypervisor.product가 kvm이어야 합니다.',
        "fault.qemu-crash kills a KVM VM's own QEMU process: hypervisor.product must be kvm.",
      );
    if (fromContainer)
      return msg(
        '컨테이너에는 QEMU 프로세스가 없습니다: guest 항목에 쓰세요.',
        'A container has no QEMU process: put it under a guest entry.',
      );
  }
  return undefined;
}
