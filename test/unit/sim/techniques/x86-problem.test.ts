import { describe, it, expect } from 'vitest';
import {
  INSTRUCTIONS,
  SENSITIVE_UNPRIVILEGED,
  instruction,
  type InstructionName,
} from '../../../../core/sim/x86/instructions.ts';
import { detailIn } from '../../../../core/sim/trace.ts';
import { PV_LINUX, runServer, stepOf } from '../server-fixture.ts';

const NO_VTX = { cpu: { cores: 4, hardwareAssist: { present: false } }, memoryGiB: 16 };
const GUEST = { name: 'g', os: 'linux', vcpus: 1, memoryGiB: 2 };
const ops = SENSITIVE_UNPRIVILEGED.map((n) => `insn.${n}`);
const runWith = (
  hypervisor: Record<string, unknown>,
  host: Record<string, unknown> = NO_VTX,
  guest: Record<string, unknown> = GUEST,
) => runServer({ host, hypervisor, guests: [{ ...guest, name: 'g' }], workload: [{ guest: 'g', ops }] });

describe('the x86 problem: sensitive but unprivileged instructions', () => {
  it('covers Robin & Irvine’s register and protection instructions', () => {
    for (const n of ['popf', 'pushf', 'sgdt', 'sidt', 'sldt', 'smsw', 'str', 'lar', 'lsl', 'verr', 'verw', 'push-cs']) {
      expect(SENSITIVE_UNPRIVILEGED).toContain(n);
      expect(instruction(n as InstructionName).violation).toBeDefined();
    }
    expect(INSTRUCTIONS.lgdt.class).toBe('privileged');
  });

  it('misbehave silently under classic trap-and-emulate: a violation each, and no trap', () => {
    const { events, state } = runWith({ product: 'xen', cpuVirtualization: 'trap-and-emulate' });
    ops.forEach((_, i) => {
      const step = stepOf(events, i);
      expect(step).toHaveLength(1);
      expect(step[0].outcome).toBe('violation');
      expect(step[0].note?.en).toBeTruthy();
      expect(step[0].fix?.en).toMatch(/hardware assist|binary translation/);
    });
    expect(stepOf(events, 0)[0].note?.en).toMatch(/IF change was silently dropped/);
    expect(stepOf(events, ops.indexOf('insn.sgdt'))[0].note?.en).toMatch(/hypervisor's GDT base/);
    expect(state.counters.violations).toBe(ops.length);
    expect(state.counters.traps).toBe(0);
  });

  it('privileged instructions do trap under trap-and-emulate', () => {
    const { events } = runServer({
      host: NO_VTX,
      hypervisor: { product: 'xen', cpuVirtualization: 'trap-and-emulate' },
      guests: [GUEST],
      workload: [{ guest: 'g', ops: ['insn.cli', 'insn.lgdt'] }],
    });
    for (const s of [0, 1]) expect(stepOf(events, s).find((e) => e.kind === 'trap')?.lane).toBe('hypervisor');
  });

  it('are rewritten by binary translation', () => {
    const { events, state } = runWith({ product: 'esxi', cpuVirtualization: 'binary-translation' });
    expect(state.counters.violations).toBe(0);
    expect(state.counters.translations).toBe(ops.length);
    expect(stepOf(events, 0).some((e) => e.kind === 'translate')).toBe(true);
  });

  it('run correctly on guest state with hardware assist, without a VM exit', () => {
    const { state } = runWith({ product: 'xen' }, { cpu: { cores: 4 }, memoryGiB: 16 });
    expect(state.counters.violations).toBe(0);
    expect(state.counters.vmExits).toBe(0);
  });

  it('are avoided by a paravirtualized kernel', () => {
    const { state, events } = runWith({ product: 'xen' }, NO_VTX, PV_LINUX);
    expect(state.counters.violations).toBe(0);
    expect(events.filter((e) => e.step >= 0).every((e) => e.lane === 'guest')).toBe(true);
  });

  it('CPUID always VM-exits under VT-x (reason 10), also in a hosted VMM', () => {
    const hostedRun = runServer({
      host: { os: { family: 'windows' } },
      hypervisor: { product: 'vmware-workstation' },
      guests: [GUEST],
      workload: [{ guest: 'g', ops: ['insn.cpuid'] }],
    });
    const exit = stepOf(hostedRun.events, 0).find((e) => e.kind === 'vmexit');
    expect(exit?.lane).toBe('vmm');
    expect(detailIn(exit?.detail, 'en')).toMatch(/reason 10/);
  });

  it('explains each instruction in Korean as well as in English, identifiers kept verbatim', () => {
    const trapped = stepOf(runWith({ product: 'xen', cpuVirtualization: 'trap-and-emulate' }).events, 0)[0];
    expect(detailIn(trapped.detail, 'en')).toBe(
      'POPF is sensitive but not privileged: no trap at ring 1, the hypervisor never sees it',
    );
    expect(detailIn(trapped.detail, 'ko')).toMatch(/^POPF: .*[가-힣]/);

    // Under VT-x the reason there is no exit comes from the instruction table, also in both languages.
    const assisted = stepOf(runWith({ product: 'xen' }, { cpu: { cores: 4 }, memoryGiB: 16 }).events, 0)[0];
    expect(detailIn(assisted.detail, 'en')).toMatch(/no VM exit \(none: POPF updates guest RFLAGS\.IF at ring 0\)$/);
    expect(detailIn(assisted.detail, 'ko')).toMatch(/VM exit 없음 \(없음: POPF가 .*RFLAGS\.IF/);
    expect(detailIn(assisted.detail, 'ko')).not.toMatch(/updates guest/);
  });
});
