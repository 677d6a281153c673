/**
 * The concepts of the original Korean study notes the course grew from. Every one must be taught in both languages;
 * `checks.ts` looks for any of the listed forms (case-insensitive) somewhere in the course's lesson bodies.
 */
export interface Concept {
  id: string;
  ko: string[];
  en: string[];
}

export const NOTE_CONCEPTS: readonly Concept[] = [
  { id: 'virtualization', ko: ['가상화'], en: ['virtualization'] },
  { id: 'abstraction', ko: ['추상화'], en: ['abstraction'] },
  { id: 'virtual-machine', ko: ['가상 머신'], en: ['virtual machine'] },
  { id: 'server-virtualization', ko: ['서버 가상화'], en: ['server virtualization'] },
  { id: 'desktop-virtualization', ko: ['데스크톱 가상화'], en: ['desktop virtualization'] },
  { id: 'vdi', ko: ['VDI'], en: ['VDI'] },
  { id: 'data-center', ko: ['데이터 센터'], en: ['data center'] },
  { id: 'application-virtualization', ko: ['애플리케이션 가상화'], en: ['application virtualization'] },
  { id: 'encapsulation', ko: ['캡슐화'], en: ['encapsulat'] },
  { id: 'network-virtualization', ko: ['네트워크 가상화'], en: ['network virtualization'] },
  { id: 'nfv', ko: ['NFV', '네트워크 기능 가상화'], en: ['NFV', 'network functions virtualization'] },
  { id: 'x86-server', ko: ['범용 x86 서버', '범용 서버'], en: ['commodity x86 server', 'general-purpose server'] },
  { id: 'switch-router', ko: ['라우터'], en: ['router'] },
  { id: 'storage-virtualization', ko: ['스토리지 가상화'], en: ['storage virtualization'] },
  { id: 'lun', ko: ['LUN'], en: ['LUN'] },
  { id: 'raid', ko: ['RAID'], en: ['RAID'] },
  { id: 'hosted', ko: ['호스트 가상화'], en: ['hosted virtualization'] },
  { id: 'host-os', ko: ['호스트 OS'], en: ['host OS'] },
  { id: 'guest-os', ko: ['게스트 OS'], en: ['guest OS'] },
  { id: 'full-virtualization', ko: ['전가상화'], en: ['full virtualization'] },
  { id: 'bare-metal', ko: ['베어메탈'], en: ['bare metal', 'bare-metal'] },
  { id: 'overhead', ko: ['오버헤드'], en: ['overhead'] },
  { id: 'dom0', ko: ['Dom0'], en: ['Dom0'] },
  { id: 'paravirtualization', ko: ['반가상화'], en: ['paravirtualization'] },
  {
    id: 'kernel-modification',
    ko: ['커널을 수정', '커널 수정'],
    en: ['modified kernel', 'modify the kernel', 'modified guest kernel'],
  },
  { id: 'privileged-instruction', ko: ['특권 명령'], en: ['privileged instruction'] },
  { id: 'hypercall', ko: ['하이퍼콜'], en: ['hypercall'] },
  { id: 'container', ko: ['컨테이너'], en: ['container'] },
  { id: 'process-isolation', ko: ['프로세스'], en: ['process'] },
  { id: 'hypervisor', ko: ['하이퍼바이저'], en: ['hypervisor'] },
  { id: 'vmm', ko: ['가상 머신 모니터', 'VMM'], en: ['virtual machine monitor', 'VMM'] },
  { id: 'type-1', ko: ['타입 1', '유형 1'], en: ['type 1'] },
  { id: 'type-2', ko: ['타입 2', '유형 2'], en: ['type 2'] },
  { id: 'esxi', ko: ['ESXi'], en: ['ESXi'] },
  { id: 'hyper-v', ko: ['Hyper-V'], en: ['Hyper-V'] },
  { id: 'xen', ko: ['Xen'], en: ['Xen'] },
  { id: 'bios', ko: ['BIOS'], en: ['BIOS'] },
  {
    id: 'hardware-assist',
    ko: ['하드웨어 지원 가상화', '하드웨어 보조'],
    en: ['hardware-assisted', 'hardware assist'],
  },
];
