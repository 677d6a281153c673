import { msg, type Msg } from '../../i18n.ts';
import type { Detail } from '../trace.ts';
import { MMUEXT, SCHEDOP, type HypercallName } from '../xen/hypercalls.ts';

/**
 * Popek & Goldberg's classes as they apply to x86 without hardware assist:
 * - `privileged`: traps (#GP) when the deprivileged guest kernel runs it;
 * - `sensitive-unprivileged`: sensitive, yet runs at any privilege without trapping — the x86 problem
 *   (Robin & Irvine, 2000): under classic trap-and-emulate it silently does the wrong thing;
 * - `innocuous`: neither.
 */
export type InstructionClass = 'privileged' | 'sensitive-unprivileged' | 'innocuous';

/**
 * Under VT-x: `always` exits unconditionally; `default` exits with the VMCS controls this simulator assumes
 * (HLT exiting, I/O bitmaps and MSR bitmaps set to exit); `never` runs on guest state in VMX non-root mode
 * (with EPT, CR3 loads and INVLPG need no exit; descriptor-table exiting is off). An exit is named as in the SDM;
 * without one, `name` says why there is none, in both languages where that takes prose.
 */
export type VmxExit =
  { reason: number; name: string; when: 'always' | 'default' } | { reason: number; name: Detail; when: 'never' };

/** What a paravirtualized kernel does instead of the native instruction. */
export type PvReplacement =
  | { kind: 'hypercall'; name: HypercallName; detail: Detail }
  | { kind: 'vcpu-info'; detail: Detail }
  | { kind: 'avoided'; detail: Detail }
  /** Still executed; traps to Xen which emulates it (CPUID via the forced-emulation prefix, MSRs). */
  | { kind: 'trap-emulate'; detail: Detail }
  /** Still executed; traps to Xen which refuses it (a DomU has no I/O ports) and reflects #GP. */
  | { kind: 'denied'; detail: Detail };

export interface Instruction {
  mnemonic: string;
  class: InstructionClass;
  vmx: VmxExit;
  pv: PvReplacement;
  /** What the instruction does to the virtual CPU when it is handled correctly. */
  effect: Msg;
  /** For sensitive-unprivileged instructions: how it misbehaves when it runs unnoticed in a deprivileged guest. */
  violation?: Msg;
}

const noExit = (reason: number, name: Detail): VmxExit => ({ reason, name, when: 'never' });
// Texts several instructions share.
const DESCRIPTOR_TABLE_EXITING = (regs: string) =>
  msg(`${regs} access (descriptor-table exiting을 켰을 때만)`, `${regs} access (only with descriptor-table exiting)`);
const CPL_CHECKED = msg('없음: 게스트 CPL 0 기준으로 검사됨', 'none: checked against guest CPL 0');
const NO_CPL_CHECKED_READS = msg(
  '커널은 CPL로 검사되는 디스크립터 읽기에 의존하지 않음',
  'kernel does not depend on CPL-checked descriptor reads',
);
const NO_IO_PORTS = msg(
  'DomU에는 I/O 포트 접근 권한이 없음; 장치는 분할 드라이버로 씀',
  'a DomU has no I/O port access; devices are reached through split drivers',
);

/** The instructions a workload may name as `insn.<key>`. */
export const INSTRUCTIONS = {
  cli: {
    mnemonic: 'CLI',
    class: 'privileged',
    vmx: noExit(
      0,
      msg(
        '없음: 게스트가 VMX non-root의 링 0에서 자기 RFLAGS.IF를 직접 끔',
        'none: guest runs at ring 0 in VMX non-root and clears its own RFLAGS.IF',
      ),
    ),
    pv: {
      kind: 'vcpu-info',
      detail: msg(
        'vcpu_info.evtchn_upcall_mask = 1 (공유 페이지, 하이퍼콜 없음)',
        'vcpu_info.evtchn_upcall_mask = 1 (shared page, no hypercall)',
      ),
    },
    effect: msg('가상 CPU의 인터럽트 허용 플래그(IF)를 끕니다.', 'Clears the virtual CPU interrupt flag (IF).'),
  },
  sti: {
    mnemonic: 'STI',
    class: 'privileged',
    vmx: noExit(0, msg('없음: 게스트가 자기 RFLAGS.IF를 직접 켬', 'none: guest sets its own RFLAGS.IF')),
    pv: {
      kind: 'vcpu-info',
      detail: msg(
        'vcpu_info.evtchn_upcall_mask = 0 (공유 페이지, 하이퍼콜 없음)',
        'vcpu_info.evtchn_upcall_mask = 0 (shared page, no hypercall)',
      ),
    },
    effect: msg('가상 CPU의 인터럽트 허용 플래그(IF)를 켭니다.', 'Sets the virtual CPU interrupt flag (IF).'),
  },
  popf: {
    mnemonic: 'POPF',
    class: 'sensitive-unprivileged',
    vmx: noExit(
      0,
      msg('없음: POPF가 링 0에서 게스트 RFLAGS.IF를 바꿈', 'none: POPF updates guest RFLAGS.IF at ring 0'),
    ),
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 대신 vcpu_info.evtchn_upcall_mask로 인터럽트 상태를 바꿈',
        'kernel changes interrupt state through vcpu_info.evtchn_upcall_mask instead',
      ),
    },
    effect: msg('스택에서 EFLAGS를 꺼내며 IF를 바꿉니다.', 'Pops EFLAGS from the stack, changing IF.'),
    violation: msg(
      'POPF가 트랩 없이 실행되어 IF 변경이 조용히 무시되었습니다. 게스트는 인터럽트를 껐다고 믿지만 꺼지지 않았습니다.',
      'POPF ran without trapping and the IF change was silently dropped: the guest believes interrupts are off, but they are not.',
    ),
  },
  pushf: {
    mnemonic: 'PUSHF',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, msg('없음: PUSHF가 게스트 RFLAGS를 읽음', 'none: PUSHF reads guest RFLAGS')),
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 대신 vcpu_info에서 가상 인터럽트 상태를 읽음',
        'kernel reads the virtual interrupt state from vcpu_info instead',
      ),
    },
    effect: msg('EFLAGS를 스택에 넣습니다.', 'Pushes EFLAGS onto the stack.'),
    violation: msg(
      'PUSHF가 트랩 없이 실제 EFLAGS를 드러냈습니다 (IOPL과 IF가 가상 CPU의 값이 아닙니다).',
      'PUSHF ran without trapping and exposed the real EFLAGS (IOPL and IF are not the virtual CPU values).',
    ),
  },
  sgdt: {
    mnemonic: 'SGDT',
    class: 'sensitive-unprivileged',
    vmx: { reason: 46, name: DESCRIPTOR_TABLE_EXITING('GDTR/IDTR'), when: 'never' },
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 set_gdt로 GDT를 등록했으므로 GDTR을 읽지 않음',
        'kernel registered its GDT with set_gdt and never reads GDTR',
      ),
    },
    effect: msg(
      'GDTR(전역 디스크립터 테이블 레지스터)을 읽습니다.',
      'Stores GDTR (the global descriptor table register).',
    ),
    violation: msg(
      'SGDT가 트랩 없이 하이퍼바이저의 GDT 주소를 돌려주었습니다. 게스트는 가상 머신 안에 있다는 것을 알아챌 수 있습니다.',
      "SGDT ran without trapping and returned the hypervisor's GDT base: the guest can tell it is in a virtual machine.",
    ),
  },
  sidt: {
    mnemonic: 'SIDT',
    class: 'sensitive-unprivileged',
    vmx: { reason: 46, name: DESCRIPTOR_TABLE_EXITING('GDTR/IDTR'), when: 'never' },
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 set_trap_table로 트랩 테이블을 등록했으므로 IDTR을 읽지 않음',
        'kernel registered its trap table with set_trap_table and never reads IDTR',
      ),
    },
    effect: msg(
      'IDTR(인터럽트 디스크립터 테이블 레지스터)을 읽습니다.',
      'Stores IDTR (the interrupt descriptor table register).',
    ),
    violation: msg(
      'SIDT가 트랩 없이 하이퍼바이저의 IDT 주소를 돌려주었습니다 (가상 머신 탐지에 쓰인 "Red Pill" 기법).',
      "SIDT ran without trapping and returned the hypervisor's IDT base (the 'Red Pill' VM-detection trick).",
    ),
  },
  sldt: {
    mnemonic: 'SLDT',
    class: 'sensitive-unprivileged',
    vmx: { reason: 47, name: DESCRIPTOR_TABLE_EXITING('LDTR/TR'), when: 'never' },
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 mmuext_op(MMUEXT_SET_LDT)로 LDT를 관리함',
        'kernel manages its LDT with mmuext_op(MMUEXT_SET_LDT)',
      ),
    },
    effect: msg('LDTR 선택자를 읽습니다.', 'Stores the LDTR selector.'),
    violation: msg(
      'SLDT가 트랩 없이 하이퍼바이저가 설정한 LDTR 값을 돌려주었습니다.',
      'SLDT ran without trapping and returned the LDTR the hypervisor set up.',
    ),
  },
  smsw: {
    mnemonic: 'SMSW',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, msg('없음: 게스트 CR0 섀도를 읽음', 'none: reads the guest CR0 shadow')),
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 fpu_taskswitch로 CR0 상태를 관리하고 실제 CR0를 읽지 않음',
        'kernel keeps CR0 state through fpu_taskswitch and never reads the real CR0',
      ),
    },
    effect: msg('CR0의 하위 16비트를 읽습니다.', 'Stores the low 16 bits of CR0.'),
    violation: msg(
      'SMSW가 트랩 없이 실제 CR0를 돌려주었습니다: 실모드라고 믿는 게스트가 PE=1을 봅니다.',
      'SMSW ran without trapping and returned the real CR0: a guest that believes it is in real mode sees PE=1.',
    ),
  },
  str: {
    mnemonic: 'STR',
    class: 'sensitive-unprivileged',
    vmx: { reason: 47, name: DESCRIPTOR_TABLE_EXITING('LDTR/TR'), when: 'never' },
    pv: { kind: 'avoided', detail: msg('커널은 TR을 읽지 않음', 'kernel never reads TR') },
    effect: msg('TR 선택자를 읽습니다.', 'Stores the task register selector.'),
    violation: msg(
      'STR가 트랩 없이 실제 TR 선택자를 돌려주어 권한 수준(RPL)이 드러났습니다.',
      'STR ran without trapping and returned the real TR selector, revealing the privilege level (RPL).',
    ),
  },
  lar: {
    mnemonic: 'LAR',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, CPL_CHECKED),
    pv: { kind: 'avoided', detail: NO_CPL_CHECKED_READS },
    effect: msg('세그먼트 디스크립터의 접근 권한을 읽습니다.', 'Loads the access rights of a segment descriptor.'),
    violation: msg(
      'LAR가 게스트 커널이 실제로 실행 중인 링(1 또는 3) 기준으로 검사되어 다른 결과를 돌려주었습니다.',
      'LAR was checked against the ring the guest kernel really runs in (1 or 3) and returned a different answer.',
    ),
  },
  lsl: {
    mnemonic: 'LSL',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, CPL_CHECKED),
    pv: { kind: 'avoided', detail: NO_CPL_CHECKED_READS },
    effect: msg('세그먼트 한계를 읽습니다.', 'Loads a segment limit.'),
    violation: msg(
      'LSL이 실제 CPL 기준으로 검사되어 게스트가 기대한 것과 다른 한계를 돌려주었습니다.',
      'LSL was checked against the real CPL and returned a different limit than the guest expects.',
    ),
  },
  verr: {
    mnemonic: 'VERR',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, CPL_CHECKED),
    pv: { kind: 'avoided', detail: NO_CPL_CHECKED_READS },
    effect: msg('세그먼트를 읽을 수 있는지 확인합니다.', 'Verifies that a segment is readable.'),
    violation: msg(
      'VERR가 실제 CPL 기준으로 검사되어 링 0에서와 다른 답을 냈습니다.',
      'VERR was checked against the real CPL and answered differently than at ring 0.',
    ),
  },
  verw: {
    mnemonic: 'VERW',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, CPL_CHECKED),
    pv: { kind: 'avoided', detail: NO_CPL_CHECKED_READS },
    effect: msg('세그먼트에 쓸 수 있는지 확인합니다.', 'Verifies that a segment is writable.'),
    violation: msg(
      'VERW가 실제 CPL 기준으로 검사되어 링 0에서와 다른 답을 냈습니다.',
      'VERW was checked against the real CPL and answered differently than at ring 0.',
    ),
  },
  'push-cs': {
    mnemonic: 'PUSH CS',
    class: 'sensitive-unprivileged',
    vmx: noExit(0, msg('없음: CS에 게스트 CPL 0이 들어 있음', 'none: CS carries guest CPL 0')),
    pv: {
      kind: 'avoided',
      detail: msg(
        '커널은 자신이 링 0이 아님을 알아 CS.RPL을 보지 않음',
        'kernel knows it is not at ring 0 and does not inspect CS.RPL',
      ),
    },
    effect: msg('CS 선택자를 스택에 넣습니다.', 'Pushes the CS selector.'),
    violation: msg(
      'PUSH CS가 CPL=1(또는 3)을 드러냈습니다: 게스트 커널은 자신이 링 0이 아님을 알게 됩니다.',
      'PUSH CS revealed CPL=1 (or 3): the guest kernel learns it is not at ring 0.',
    ),
  },
  cpuid: {
    mnemonic: 'CPUID',
    class: 'innocuous',
    vmx: { reason: 10, name: 'CPUID', when: 'always' },
    pv: {
      kind: 'trap-emulate',
      detail: msg(
        '강제 에뮬레이션 접두어(ud2a; "xen"; cpuid)로 Xen에 트랩되고, Xen이 리프를 걸러 냄',
        'forced-emulation prefix (ud2a; "xen"; cpuid) traps to Xen, which filters the leaves',
      ),
    },
    effect: msg(
      'CPU 기능 정보를 읽습니다 (하이퍼바이저가 보여 줄 기능을 고릅니다).',
      'Reads CPU feature information (the hypervisor chooses which features to show).',
    ),
  },
  hlt: {
    mnemonic: 'HLT',
    class: 'privileged',
    vmx: { reason: 12, name: 'HLT', when: 'default' },
    pv: {
      kind: 'hypercall',
      name: 'sched_op',
      detail: msg(
        `SCHEDOP_block (${SCHEDOP.block}): 이벤트가 올 때까지 pCPU를 내줌`,
        `SCHEDOP_block (${SCHEDOP.block}): give the pCPU back until an event arrives`,
      ),
    },
    effect: msg('다음 인터럽트까지 가상 CPU를 멈춥니다.', 'Idles the virtual CPU until the next interrupt.'),
  },
  'mov-cr3': {
    mnemonic: 'MOV CR3',
    class: 'privileged',
    vmx: {
      reason: 28,
      name: msg(
        'control-register access (EPT에서는 CR3-load exiting 꺼짐)',
        'control-register access (CR3-load exiting off with EPT)',
      ),
      when: 'never',
    },
    pv: {
      kind: 'hypercall',
      name: 'mmuext_op',
      detail: msg(
        `MMUEXT_NEW_BASEPTR (${MMUEXT.NEW_BASEPTR}): Xen이 새 최상위 테이블이 고정(pin)되어 있는지 검사`,
        `MMUEXT_NEW_BASEPTR (${MMUEXT.NEW_BASEPTR}): Xen checks the new top-level table is pinned`,
      ),
    },
    effect: msg(
      '페이지 테이블의 최상위 주소(CR3)를 바꿉니다 (주소 공간 전환).',
      'Loads a new top-level page table (address-space switch).',
    ),
  },
  invlpg: {
    mnemonic: 'INVLPG',
    class: 'privileged',
    vmx: {
      reason: 14,
      name: msg('INVLPG (EPT에서는 INVLPG exiting 꺼짐)', 'INVLPG (INVLPG exiting off with EPT)'),
      when: 'never',
    },
    pv: { kind: 'hypercall', name: 'mmuext_op', detail: `MMUEXT_INVLPG_LOCAL (${MMUEXT.INVLPG_LOCAL})` },
    effect: msg('TLB 항목 하나를 무효화합니다.', 'Invalidates one TLB entry.'),
  },
  lgdt: {
    mnemonic: 'LGDT',
    class: 'privileged',
    vmx: { reason: 46, name: DESCRIPTOR_TABLE_EXITING('GDTR/IDTR'), when: 'never' },
    pv: {
      kind: 'hypercall',
      name: 'set_gdt',
      detail: msg('Xen이 프레임과 디스크립터를 검증함', 'Xen validates the frames and descriptors'),
    },
    effect: msg('GDT를 설치합니다.', 'Installs a global descriptor table.'),
  },
  lidt: {
    mnemonic: 'LIDT',
    class: 'privileged',
    vmx: { reason: 46, name: DESCRIPTOR_TABLE_EXITING('GDTR/IDTR'), when: 'never' },
    pv: {
      kind: 'hypercall',
      name: 'set_trap_table',
      detail: msg(
        '가상 IDT: Xen이 예외를 이 핸들러로 되돌려 보냄',
        'virtual IDT: Xen bounces exceptions to these handlers',
      ),
    },
    effect: msg('IDT(인터럽트 테이블)를 설치합니다.', 'Installs an interrupt descriptor table.'),
  },
  wrmsr: {
    mnemonic: 'WRMSR',
    class: 'privileged',
    vmx: { reason: 32, name: 'WRMSR', when: 'default' },
    pv: {
      kind: 'trap-emulate',
      detail: msg(
        '#GP로 Xen에 트랩; Xen이 PV 게스트가 쓸 수 있는 몇 안 되는 MSR을 에뮬레이션',
        '#GP to Xen, which emulates the few MSRs a PV guest may write',
      ),
    },
    effect: msg('모델 고유 레지스터(MSR)에 씁니다.', 'Writes a model-specific register.'),
  },
  rdmsr: {
    mnemonic: 'RDMSR',
    class: 'privileged',
    vmx: { reason: 31, name: 'RDMSR', when: 'default' },
    pv: {
      kind: 'trap-emulate',
      detail: msg('#GP로 Xen에 트랩; Xen이 읽기를 에뮬레이션', '#GP to Xen, which emulates the read'),
    },
    effect: msg('모델 고유 레지스터(MSR)를 읽습니다.', 'Reads a model-specific register.'),
  },
  out: {
    mnemonic: 'OUT',
    class: 'privileged',
    vmx: { reason: 30, name: 'I/O instruction', when: 'default' },
    pv: { kind: 'denied', detail: NO_IO_PORTS },
    effect: msg('I/O 포트에 씁니다 (에뮬레이션된 장치).', 'Writes an I/O port (an emulated device).'),
  },
  in: {
    mnemonic: 'IN',
    class: 'privileged',
    vmx: { reason: 30, name: 'I/O instruction', when: 'default' },
    pv: { kind: 'denied', detail: NO_IO_PORTS },
    effect: msg('I/O 포트에서 읽습니다 (에뮬레이션된 장치).', 'Reads an I/O port (an emulated device).'),
  },
  rdtsc: {
    mnemonic: 'RDTSC',
    class: 'innocuous',
    vmx: {
      reason: 16,
      name: msg('RDTSC (RDTSC exiting 꺼짐; TSC offsetting 적용)', 'RDTSC (RDTSC exiting off; TSC offsetting applies)'),
      when: 'never',
    },
    pv: {
      kind: 'avoided',
      detail: msg(
        '그대로 실행됨; 커널이 Xen이 공개한 vcpu_time_info로 환산',
        'runs natively; the kernel scales it with the vcpu_time_info Xen publishes',
      ),
    },
    effect: msg('타임스탬프 카운터를 읽습니다.', 'Reads the time-stamp counter.'),
  },
  add: {
    mnemonic: 'ADD',
    class: 'innocuous',
    vmx: noExit(0, 'none'),
    pv: { kind: 'avoided', detail: msg('그대로 실행됨', 'runs natively') },
    effect: msg('일반 연산: 그대로 실행됩니다.', 'Ordinary arithmetic: runs as is.'),
  },
} satisfies Record<string, Instruction>;

export type InstructionName = keyof typeof INSTRUCTIONS;
export const INSTRUCTION_NAMES = Object.keys(INSTRUCTIONS) as InstructionName[];

export function instruction(name: InstructionName): Instruction {
  return INSTRUCTIONS[name];
}

/** x86 instructions that are sensitive but do not trap at CPL>0 (Robin & Irvine's list, by mnemonic). */
export const SENSITIVE_UNPRIVILEGED = INSTRUCTION_NAMES.filter(
  (n) => INSTRUCTIONS[n].class === 'sensitive-unprivileged',
);
