import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import { proseBefore, type Detail } from '../trace.ts';
import { runInstruction } from '../x86/cpu.ts';
import { INSTRUCTIONS, type Instruction, type InstructionName, type PvReplacement } from '../x86/instructions.ts';
import {
  CALLBACKOP,
  CALLBACKTYPE,
  EVTCHNOP,
  GNTTABOP,
  MMUEXT,
  MMU_NORMAL_PT_UPDATE,
  VIRQ,
  hypercall,
  type HypercallName,
} from '../xen/hypercalls.ts';
import { splitDriverHandshake, splitIo } from '../xen/split-drivers.ts';
import { pageTableUpdate } from './full-virtualization.ts';
import { GUEST_KERNEL_HANDLERS, guestStep, issueSyscall, type GuestHandlers, type GuestStep } from './guest-kernel.ts';
import { stopWithoutHardwareAssist } from './hardware-assist.ts';
import { emitStep, opKindOf, type Op, type Subject, type Technique, type World } from './world.ts';

/**
 * Paravirtualization on Xen. PV: the guest kernel is modified to call Xen by hypercall instead of running
 * privileged instructions, straight to the hypervisor — Dom0 is not involved in CPU or memory work. I/O uses split
 * drivers: frontend in the guest, shared ring + grant table + event channel, backend in Dom0. PV needs no VT-x.
 * PVH: hardware assist for CPU and MMU, PV drivers for I/O, no QEMU at all.
 */

const XEN = { lane: 'hypervisor' as const, actor: 'xen' };

/**
 * What a Linux x86-64 PV kernel asks Xen for while it boots, in the order it asks (Linux arch/x86/xen/enlighten_pv.c
 * `xen_start_kernel`: the GDT before the IDT, then the page tables in mmu_pv.c; setup.c `xen_arch_setup` registers
 * the callbacks; then the timer VIRQ and the grant table). Numbers from Xen's public headers: xen.h (hypercalls),
 * callback.h (CALLBACKOP_register 0; types event 0, failsafe 1, syscall 2, syscall32 7), event_channel.h
 * (EVTCHNOP_bind_virq 1; VIRQ_TIMER 0 in xen.h) and grant_table.h (GNTTABOP_setup_table 2). 64-bit kernels use
 * callback_op: set_callbacks (4) is the 32-bit interface, whose selectors x86-64 ignores (arch-x86_64.h).
 */
const PV_BOOT_HYPERCALLS: ReadonlyArray<{ name: HypercallName; detail: Detail }> = [
  {
    name: 'set_gdt',
    detail: msg(
      '부트 GDT 프레임을 읽기 전용으로 만든 뒤 등록 (xen_load_gdt_boot)',
      'registers the boot GDT frame, made read-only first (xen_load_gdt_boot)',
    ),
  },
  {
    name: 'set_trap_table',
    detail: msg(
      'IDT 게이트를 trap_info 항목으로 바꿔 가상 IDT로 등록 (xen_load_idt)',
      'registers the virtual IDT: the IDT gates as trap_info entries (xen_load_idt)',
    ),
  },
  { name: 'mmuext_op', detail: `MMUEXT_PIN_L4_TABLE (${MMUEXT.PIN_L4_TABLE}) on init_top_pgt` },
  { name: 'mmuext_op', detail: `MMUEXT_NEW_BASEPTR (${MMUEXT.NEW_BASEPTR}): init_top_pgt becomes the page-table base` },
  {
    name: 'callback_op',
    detail: `CALLBACKOP_register (${CALLBACKOP.register}): event (${CALLBACKTYPE.event}), failsafe (${CALLBACKTYPE.failsafe}), syscall (${CALLBACKTYPE.syscall}), syscall32 (${CALLBACKTYPE.syscall32})`,
  },
  { name: 'event_channel_op', detail: `EVTCHNOP_bind_virq (${EVTCHNOP.bind_virq}): VIRQ_TIMER (${VIRQ.TIMER})` },
  { name: 'grant_table_op', detail: `GNTTABOP_setup_table (${GNTTABOP.setup_table})` },
];

/** `head` and a detail from elsewhere (an instruction's PV note, a hardware problem), kept in the detail's languages. */
const headed = (head: string, d: Detail): Detail =>
  typeof d === 'string' ? `${head}${d}` : msg(`${head}${d.ko}`, `${head}${d.en}`);

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'guest') return;
  const op = 'boot';
  const pvh = subject.config.mode === 'pvh';
  const mode = pvh ? 'PVH' : 'PV';
  world.emit(subject, op, {
    lane: 'dom0',
    actor: 'dom0:xl',
    kind: 'hypercall',
    detail: msg(
      `툴스택(xl/libxl)이 ${mode} 도메인을 만들고 커널 이미지를 직접 적재함: BIOS도 QEMU도 없음`,
      `toolstack (xl/libxl) builds the ${mode} domain and loads the kernel image directly: no BIOS, no QEMU`,
    ),
    hypercall: hypercall('domctl'),
    cycles: CYCLES.hypercall,
  });
  const frame = {
    detail: (d: Detail) =>
      proseBefore('PVH는 CPU와 MMU에 하드웨어 지원을 씀: ', 'PVH uses hardware assist for CPU and MMU: ', d),
  };
  if (pvh && stopWithoutHardwareAssist(world, subject, XEN, frame)) return;
  if (!subject.config.kernel.paravirtualized) {
    const reason = pvh
      ? msg(
          `수정되지 않은 ${subject.config.os} 커널은 PVH 진입점이 없고 펌웨어도 없어 시작할 수 없습니다.`,
          `The unmodified ${subject.config.os} kernel has no PVH entry point, and PVH offers no firmware to start it.`,
        )
      : msg(
          `수정되지 않은 ${subject.config.os} 커널은 하이퍼콜을 모릅니다. 링 0이 아닌 곳에서 첫 특권 명령을 실행하자 #GP가 나고, 트랩 테이블(set_trap_table)도 등록되지 않아 Xen이 도메인을 죽였습니다.`,
          `The unmodified ${subject.config.os} kernel knows no hypercalls: its first privileged instruction outside ring 0 raised #GP, and with no trap table registered (set_trap_table) Xen killed the domain.`,
        );
    const fix = msg(
      '수정 없는 OS(예: Windows)는 mode: hvm으로 실행하세요 (VT-x/AMD-V 필요). PV에는 Xen을 아는 커널(kernel.paravirtualized: true)이 필요합니다.',
      'Run an unmodified OS (e.g. Windows) with mode: hvm (needs VT-x/AMD-V); PV needs a Xen-aware kernel (kernel.paravirtualized: true).',
    );
    world.emit(subject, op, {
      ...world.selfActor(subject),
      kind: 'fault',
      detail: pvh
        ? msg(
            '커널 이미지에 PVH 진입점(XEN_ELFNOTE_PHYS32_ENTRY)이 없음',
            'no PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY) in the kernel image',
          )
        : msg(
            '링 3에서 LGDT/MOV CR3 → 트랩 테이블 없이 #GP → 도메인 크래시',
            'LGDT/MOV CR3 at ring 3 → #GP with no trap table → domain crashed',
          ),
      outcome: 'failed',
      note: reason,
      fix,
    });
    world.stop(subject, 'failed', reason, fix);
    return;
  }
  const kernel = { lane: 'guest' as const, actor: `guest:${subject.name}:kernel` };
  world.emit(subject, op, {
    ...kernel,
    kind: 'boot',
    detail: pvh
      ? msg(
          'PVH 커널이 XEN_ELFNOTE_PHYS32_ENTRY 진입점에서 시작함 (Xen이 준 start_info)',
          'PVH kernel starts at its XEN_ELFNOTE_PHYS32_ENTRY entry point (start_info from Xen)',
        )
      : msg(
          'PV 커널이 진입점 startup_xen에서 시작함: %rsi의 start_info 페이지를 보관하고 xen_start_kernel로',
          'PV kernel starts at its entry point startup_xen: keeps the start_info page from %rsi and jumps to xen_start_kernel',
        ),
    cycles: CYCLES.directBoot,
  });
  if (!pvh)
    for (const call of PV_BOOT_HYPERCALLS)
      world.emit(subject, op, {
        ...kernel,
        kind: 'hypercall',
        detail: call.detail,
        hypercall: hypercall(call.name),
        cycles: CYCLES.hypercall,
      });
  splitDriverHandshake(world, subject);
}

// ---- workload: one handler per kind of operation, a table for PV and one for PVH ----

type PvReplacements = {
  [K in PvReplacement['kind']]: (s: GuestStep, insn: Instruction, pv: Extract<PvReplacement, { kind: K }>) => void;
};

/** One privileged instruction the PV kernel wants to run, replaced as its PV ABI says: one handler per way. */
export const PV_REPLACEMENTS: PvReplacements = {
  hypercall(s, insn, pv) {
    emitStep(s, {
      ...s.kernel,
      kind: 'issue',
      detail: msg(
        `${insn.mnemonic} 대신 PV 커널이 ${pv.name} 호출`,
        `instead of ${insn.mnemonic}, the PV kernel calls ${pv.name}`,
      ),
      cycles: CYCLES.native,
    });
    emitStep(s, {
      ...XEN,
      kind: 'hypercall',
      detail: pv.detail,
      hypercall: hypercall(pv.name),
      note: insn.effect,
      cycles: CYCLES.hypercall,
    });
  },
  'vcpu-info'(s, insn, pv) {
    emitStep(s, {
      ...s.kernel,
      kind: 'shared-write',
      detail: proseBefore(`${insn.mnemonic} 대신: `, `instead of ${insn.mnemonic}: `, pv.detail),
      note: insn.effect,
      cycles: CYCLES.sharedPageWrite,
    });
  },
  avoided(s, insn, pv) {
    emitStep(s, {
      ...s.kernel,
      kind: 'execute',
      detail: headed(`${insn.mnemonic}: `, pv.detail),
      cycles: CYCLES.native,
    });
  },
  'trap-emulate'(s, insn, pv) {
    emitStep(s, { ...s.kernel, kind: 'issue', detail: insn.mnemonic, cycles: CYCLES.native });
    emitStep(s, { ...XEN, kind: 'trap', detail: pv.detail, cycles: CYCLES.trap });
    emitStep(s, {
      ...XEN,
      kind: 'emulate',
      detail: msg(
        `Xen이 게스트 대신 ${insn.mnemonic} 명령을 에뮬레이션함`,
        `Xen emulates ${insn.mnemonic} for the guest`,
      ),
      note: insn.effect,
      cycles: CYCLES.emulate,
    });
  },
  denied(s, insn, pv) {
    emitStep(s, { ...s.kernel, kind: 'issue', detail: insn.mnemonic, cycles: CYCLES.native });
    emitStep(s, {
      ...XEN,
      kind: 'trap',
      detail: proseBefore('#GP를 게스트에 되돌려 줌: ', '#GP reflected into the guest: ', pv.detail),
      cycles: CYCLES.trap,
      outcome: 'denied',
      note: msg(
        'PV 게스트(DomU)는 I/O 포트에 접근할 수 없습니다. 장치는 분할 드라이버로 씁니다.',
        'A PV guest (DomU) has no I/O port access; it uses devices through split drivers.',
      ),
    });
  },
};

function pvInstruction(s: GuestStep): void {
  const insn = INSTRUCTIONS[s.op.name.slice(5) as InstructionName];
  (PV_REPLACEMENTS[insn.pv.kind] as (s: GuestStep, insn: Instruction, pv: PvReplacement) => void)(s, insn, insn.pv);
}

/** Page-table pages are read-only to a PV guest: every entry goes through Xen's mmu_update. */
function pvPageTableUpdate(s: GuestStep): void {
  emitStep(s, {
    ...s.kernel,
    kind: 'issue',
    detail: msg(
      'PV 게스트에게 페이지 테이블 페이지는 읽기 전용이라 커널이 Xen에 요청함',
      'page-table pages are read-only to a PV guest, so the kernel asks Xen',
    ),
    cycles: CYCLES.native,
  });
  emitStep(s, {
    ...XEN,
    kind: 'hypercall',
    detail: msg(
      `MMU_NORMAL_PT_UPDATE (${MMU_NORMAL_PT_UPDATE}): Xen이 항목을 검증하고(페이지 테이블 페이지의 쓰기 가능 매핑 금지) 적용함`,
      `MMU_NORMAL_PT_UPDATE (${MMU_NORMAL_PT_UPDATE}): Xen validates the entry (no writable mapping of a page-table page) and applies it`,
    ),
    hypercall: hypercall('mmu_update'),
    cycles: CYCLES.hypercall,
  });
}

/** x86-64 PV: the guest kernel runs in ring 3, so a system call enters Xen first and bounces to the guest kernel. */
function pvSyscall(s: GuestStep): void {
  issueSyscall(s);
  emitStep(s, {
    ...XEN,
    kind: 'bounce',
    detail: msg(
      'x86-64 PV: 게스트 커널이 링 3에서 돌므로 SYSCALL은 Xen으로 들어가고, Xen이 게스트 커널로 되돌려 보냄',
      'x86-64 PV: the guest kernel runs in ring 3, so SYSCALL enters Xen, which bounces it to the guest kernel',
    ),
    cycles: CYCLES.hypercall,
  });
  emitStep(s, {
    ...s.kernel,
    kind: 'syscall',
    detail: msg('게스트 자신의 커널이 처리함', 'served by the guest’s own kernel'),
    cycles: CYCLES.syscall,
  });
}

/** The guest kernel forks; building the child's page tables is mmu_update, pinning them a separate mmuext_op. */
function pvFork(s: GuestStep): void {
  GUEST_KERNEL_HANDLERS['proc.fork'](s);
  emitStep(s, {
    ...XEN,
    kind: 'hypercall',
    detail: msg(
      '새 주소 공간: Xen이 페이지 테이블 쓰기를 검증함',
      'new address space: Xen validates the page-table writes',
    ),
    hypercall: hypercall('mmu_update'),
    cycles: CYCLES.hypercall * (s.op.arg ?? 1),
  });
  emitStep(s, {
    ...XEN,
    kind: 'hypercall',
    detail: msg(
      `이어서 새 최상위 테이블을 고정함 (MMUEXT_PIN_L4_TABLE ${MMUEXT.PIN_L4_TABLE})`,
      `then pins the new top-level table (MMUEXT_PIN_L4_TABLE ${MMUEXT.PIN_L4_TABLE})`,
    ),
    hypercall: hypercall('mmuext_op'),
    cycles: CYCLES.hypercall * (s.op.arg ?? 1),
  });
}

const splitDriverIo = ({ world, subject, op }: GuestStep) => splitIo(world, subject, op.name);

/** PV: privileged work is hypercalls (or shared-page writes); I/O through split drivers. */
export const PV_HANDLERS = {
  ...GUEST_KERNEL_HANDLERS,
  insn: pvInstruction,
  io: splitDriverIo,
  'pagetable.update': pvPageTableUpdate,
  syscall: pvSyscall,
  'proc.fork': pvFork,
} satisfies GuestHandlers;

/** PVH: hardware assist for the CPU and the MMU, so only I/O stays paravirtual (split drivers). */
export const PVH_HANDLERS = {
  ...GUEST_KERNEL_HANDLERS,
  insn: ({ world, subject, op }) =>
    runInstruction(world, subject, op.name.slice(5) as InstructionName, 'hardware-assist', XEN),
  io: splitDriverIo,
  'pagetable.update': ({ world, subject, op }) => pageTableUpdate(world, subject, op.name, 'hardware-assist'),
} satisfies GuestHandlers;

function run(world: World, subject: Subject, op: Op): void {
  if (subject.kind !== 'guest') return;
  const handlers: GuestHandlers = subject.config.mode === 'pvh' ? PVH_HANDLERS : PV_HANDLERS;
  handlers[opKindOf(op.name)](guestStep(world, subject, op));
}

export const paravirt: Technique = { id: 'paravirt', boot, run };
