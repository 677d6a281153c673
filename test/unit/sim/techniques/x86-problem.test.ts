import { describe, it, expect } from 'vitest';
import { INSTRUCTIONS, SENSITIVE_UNPRIVILEGED, instruction, type InstructionName } from '../../../../core/sim/x86/instructions.ts';
import { PV_LINUX, runServer, stepOf } from '../server-fixture.ts';

const NO_VTX = { cpu: { cores: 4, hardwareAssist: { present: false } }, memoryGiB: 16 };
const GUEST = { name: 'g', os: 'linux', vcpus: 1, memoryGiB: 2 };
const ops = SENSITIVE_UNPRIVILEGED.map((n) => `insn.${n}`);
const runWith = (hypervisor: Record<string, unknown>, host: Record<string, unknown> = NO_VTX, guest: Record<string, unknown> = GUEST) =>
  runServer({ host, hypervisor, guests: [{ ...guest, name: 'g' }], workload: [{ guest: 'g', ops }] });

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
    expect(stepOf(hostedRun.events, 0).find((e) => e.kind === 'vmexit')).toMatchObject({ lane: 'vmm', detail: expect.stringMatching(/reason 10/) });
  });
});
