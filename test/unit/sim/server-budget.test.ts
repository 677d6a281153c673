import { describe, it, expect } from 'vitest';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import { SERVER_WORK_PER_EVENT } from '../../../core/sim/server/budget.ts';
import { simulate } from '../../../core/sim/simulate.ts';

/**
 * The work budget bounds the server target's time: every event is charged SERVER_WORK_PER_EVENT, so no accepted
 * configuration, however heavy, emits more than maxWork / SERVER_WORK_PER_EVENT events. The heaviest workloads
 * the schema accepts (64 guests, 2,000 operations of the longest paths) stop at that bound with a clear error.
 */
const MAX_EVENTS = SIM_LIMITS.maxWork / SERVER_WORK_PER_EVENT;
const names = Array.from({ length: SIM_LIMITS.maxGuests }, (_, i) => `g${i}`);
const workload = (ops: unknown[]) =>
  names.map((guest, i) => ({
    guest,
    ops: Array.from({ length: SIM_LIMITS.maxOps / names.length }, (_, j) => ops[(i + j) % ops.length]),
  }));
const BIG = { cpu: { cores: 1024 }, memoryGiB: 65_536 };
const WORST = {
  'KVM virtio without ioeventfd': {
    host: { ...BIG, os: { family: 'linux' } },
    hypervisor: { product: 'kvm' },
    guests: names.map((name) => ({
      name,
      os: 'linux',
      vcpus: 1,
      memoryGiB: 1,
      devices: { disk: 'virtio-blk', net: 'virtio-net', ioeventfd: false, queueSize: 32_768 },
    })),
    workload: workload(['disk.write', 'net.recv', 'net.send']),
  },
  'Xen HVM emulated I/O': {
    host: BIG,
    hypervisor: { product: 'xen' },
    guests: names.map((name) => ({ name, os: 'windows', vcpus: 1, memoryGiB: 1 })),
    workload: workload(['disk.write', 'insn.out', 'net.send']),
  },
  'Hyper-V VMBus': {
    host: BIG,
    hypervisor: { product: 'hyper-v' },
    guests: names.map((name) => ({
      name,
      os: 'windows',
      vcpus: 1,
      memoryGiB: 1,
      devices: { disk: 'vmbus', net: 'vmbus' },
    })),
    workload: workload(['disk.write', 'net.send']),
  },
};

describe('server work budget', () => {
  it('charges each event its weight, so 2,500 events exhaust the default budget', () => {
    expect(MAX_EVENTS).toBe(2_500);
  });

  it.each(Object.entries(WORST))(
    '%s: the heaviest accepted workload stops at the bound, with a bilingual error',
    (_, config) => {
      const r = simulate({ ...config, overcommit: { cpu: 64, memory: 4 } });
      expect(r.stats.events).toBeLessThanOrEqual(MAX_EVENTS);
      expect(r.stats.work).toBeLessThanOrEqual(SIM_LIMITS.maxWork);
      expect(r.ok).toBe(false);
      expect(r.errors[0].message.en).toMatch(/simulated work/);
      expect(r.errors[0].message.ko).toMatch(/시뮬레이션 작업량/);
    },
  );

  it('leaves room for every example and ordinary lab: a 64-guest boot and a 100-operation workload fit', () => {
    const config = WORST['KVM virtio without ioeventfd'];
    const r = simulate({
      ...config,
      workload: [{ guest: 'g0', ops: Array(100).fill('disk.write') }],
      overcommit: { cpu: 64, memory: 4 },
    });
    expect(r.errors).toEqual([]);
    expect(r.stats.work).toBe(r.stats.events * SERVER_WORK_PER_EVENT);
  });
});
