import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { inFlight, makeAvailable, markUsed, newVirtqueue, ringBytes } from '../../../core/sim/kvm/virtio.ts';
import { simulate } from '../../../core/sim/simulate.ts';
import { detailIn, type TraceEvent } from '../../../core/sim/trace.ts';
import { XEN_HOST, lanePath, runServer, stepOf } from './server-fixture.ts';

const en = (e: TraceEvent | undefined) => detailIn(e?.detail, 'en') ?? '';
const HOST = { cpu: { cores: 16 }, memoryGiB: 64, os: { family: 'linux' } };
const kvm = (devices: Record<string, unknown>, ops: unknown[], more: unknown[] = []) =>
  runServer({
    host: HOST,
    hypervisor: { product: 'kvm' },
    guests: [{ name: 'vm', os: 'linux', devices }, ...more],
    workload: [{ guest: 'vm', ops }],
  });

describe('KVM: one QEMU process per VM, kvm.ko in the host kernel', () => {
  it('boots each VM from its own QEMU process through the KVM ioctls', () => {
    const { events } = kvm({}, [], [{ name: 'vm2', os: 'linux' }]);
    for (const g of ['vm', 'vm2']) {
      const spawn = stepOf(events, -1, g)[0];
      expect(spawn).toMatchObject({ lane: 'vmm', actor: `vmm:qemu:${g}`, kind: 'spawn' });
      expect(en(spawn)).toMatch(
        /KVM_CREATE_VM \(0x01\).*KVM_SET_USER_MEMORY_REGION \(0x46\).*KVM_CREATE_VCPU \(0x41\)/,
      );
    }
  });

  it('virtio-blk write: virtqueue → kick exit (49) → ioeventfd → QEMU → host block layer → disk, and the used ring back by irqfd', () => {
    const { events, state } = kvm({ disk: 'virtio-blk' }, ['disk.write']);
    const step = stepOf(events, 0);
    expect(step.map((e) => e.kind)).toEqual([
      'virtqueue',
      'kick',
      'vmexit',
      'ioeventfd',
      'virtqueue',
      'io',
      'io',
      'used',
      'irqfd',
      'complete',
    ]);
    expect(step.map((e) => e.actor)).toEqual([
      'guest:vm:virtio-blk',
      'guest:vm:virtio-blk',
      'kvm',
      'kvm',
      'vmm:qemu:vm',
      'kvm-host:block-layer',
      'hardware:disk',
      'vmm:qemu:vm',
      'kvm',
      'guest:vm:virtio-blk',
    ]);
    expect(en(step[0])).toMatch(
      /^requestq1: virtio-blk OUT \(1\): header → data → status \(WRITE 2\), linked by NEXT \(1\); head in avail ring\[0\], avail\.idx = 1$/,
    );
    expect(en(step[2])).toMatch(/basic exit reason 49 \(EPT misconfiguration/);
    expect(en(step[7])).toMatch(
      /^status VIRTIO_BLK_S_OK \(0\); used ring\[0\] = \{id, len\}, used\.idx = 1; irqfd signalled$/,
    );
    expect(state.guests.vm.virtqueues.requestq1).toEqual({
      device: 'virtio-blk',
      backend: 'qemu',
      size: 256,
      availIdx: 1,
      usedIdx: 1,
      notifications: 1,
      userspaceExits: 0,
      interrupts: 1,
    });
    expect(state.counters.vmExits).toBe(1);
    expect(state.counters.dom0Involvements).toBe(0);
  });

  it('without ioeventfd the kick leaves the kernel as KVM_EXIT_MMIO (6) to QEMU, and costs more', () => {
    const slow = kvm({ disk: 'virtio-blk', ioeventfd: false }, ['disk.write']);
    const fast = kvm({ disk: 'virtio-blk' }, ['disk.write']);
    expect(en(stepOf(slow.events, 0).find((e) => e.kind === 'exit-to-userspace'))).toMatch(/KVM_EXIT_MMIO \(6\)/);
    expect(slow.state.guests.vm.virtqueues.requestq1.userspaceExits).toBe(1);
    expect(slow.state.guests.vm.overheadCycles).toBeGreaterThan(fast.state.guests.vm.overheadCycles);
  });

  it('vhost-net moves packets in the host kernel: no QEMU on the path, no exit to userspace', () => {
    const { events, state } = kvm({ net: 'vhost-net' }, ['net.send', 'net.recv']);
    for (const s of [0, 1]) {
      expect(stepOf(events, s).some((e) => e.lane === 'vmm')).toBe(false);
      expect(stepOf(events, s).some((e) => e.actor === 'kvm-host:vhost-net')).toBe(true);
    }
    expect(stepOf(events, -1).some((e) => /vhost-<QEMU pid>/.test(en(e)))).toBe(true);
    expect(state.guests.vm.virtqueues.transmitq1).toMatchObject({
      backend: 'vhost-net',
      notifications: 1,
      userspaceExits: 0,
    });
    // A receive is the packet's arrival: no kick, the NIC comes first after the posted buffer.
    expect(lanePath(stepOf(events, 1)).slice(0, 3)).toEqual(['guest', 'hardware', 'hypervisor']);
    const viaQemu = kvm({ net: 'virtio-net' }, ['net.send']);
    expect(stepOf(viaQemu.events, 0).some((e) => e.actor === 'vmm:qemu:vm')).toBe(true);
    expect(viaQemu.state.guests.vm.overheadCycles).toBeGreaterThan(state.guests.vm.overheadCycles / 2);
  });

  it('emulated devices sit beside virtio: IDE returns KVM_EXIT_IO (2) to QEMU after exit 30', () => {
    const { events } = kvm({ net: 'virtio-net' }, ['disk.write', 'net.send']);
    const disk = stepOf(events, 0);
    expect(en(disk.find((e) => e.kind === 'vmexit'))).toMatch(/exit reason 30/);
    expect(en(disk.find((e) => e.kind === 'ioreq'))).toMatch(/KVM_EXIT_IO \(2\)/);
    expect(disk.filter((e) => e.lane === 'vmm').map((e) => e.actor)).toEqual(['vmm:qemu:vm', 'vmm:qemu:vm']);
    expect(disk.find((e) => e.actor === 'kvm-host:block-layer')).toBeDefined();
    expect(stepOf(events, 1).some((e) => e.kind === 'virtqueue')).toBe(true);
  });

  it('a QEMU crash takes one VM; the host kernel’s crash takes them all', () => {
    const two = (ops: string[]) => kvm({}, ops, [{ name: 'vm2', os: 'linux' }]);
    const one = two(['fault.qemu-crash']);
    expect(one.state.guests.vm.status).toBe('crashed');
    expect(one.state.guests.vm2.status).toBe('running');
    const all = two(['fault.control-domain-crash']);
    expect([all.state.guests.vm.status, all.state.guests.vm2.status]).toEqual(['stopped', 'stopped']);
    expect(all.state.host.os?.status).toBe('crashed');
  });

  it('refuses virtio and vhost away from KVM, and a queue size that is not a power of 2', () => {
    const paths = (config: Record<string, unknown>) => simulate(config).errors.map((e) => e.path);
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [{ name: 'a', os: 'linux', devices: { disk: 'virtio-blk', net: 'vhost-net' } }],
      }),
    ).toEqual(['guests[0].devices.disk', 'guests[0].devices.net']);
    expect(
      paths({
        host: HOST,
        hypervisor: { product: 'kvm' },
        guests: [{ name: 'a', os: 'linux', devices: { queueSize: 100 } }],
      }),
    ).toEqual(['guests[0].devices.queueSize']);
    expect(
      paths({
        host: HOST,
        hypervisor: { product: 'esxi' },
        guests: [{ name: 'a', os: 'linux' }],
        workload: [{ guest: 'a', ops: ['fault.qemu-crash'] }],
      }),
    ).toEqual(['host.os', 'workload[0].ops[0]']);
  });
});

describe('virtqueue rings (virtio 1.2 §2.7)', () => {
  it('sizes the parts of a split virtqueue as 16·Q, 6 + 2·Q and 6 + 8·Q bytes', () => {
    expect(ringBytes(256)).toEqual({ descriptors: 4096, available: 518, used: 2054 });
  });

  it('property: indices run freely mod 2^16, slots are idx mod Q, and in-flight chains never exceed what was made available', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.array(fc.boolean(), { maxLength: 300 }), (log2, script) => {
        const size = 2 ** log2;
        const q = newVirtqueue('virtio-blk', 'qemu', size);
        let outstanding = 0;
        for (const add of script) {
          if (add && outstanding < size) {
            const before = q.availIdx;
            expect(makeAvailable(q)).toBe(before % size);
            outstanding++;
          } else if (!add && outstanding > 0) {
            const before = q.usedIdx;
            expect(markUsed(q)).toBe(before % size);
            outstanding--;
          }
          expect(inFlight(q)).toBe(outstanding);
          expect(q.availIdx).toBeLessThan(65_536);
        }
      }),
    );
  });
});

describe('property: random KVM guests and workloads', () => {
  it('every virtqueue ends with nothing in flight, one interrupt per used chain, and userspace exits only without ioeventfd', () => {
    const ops = fc.array(fc.constantFrom('disk.read', 'disk.write', 'net.send', 'net.recv', 'insn.cpuid', 'compute'), {
      maxLength: 20,
    });
    const devices = fc.record({
      disk: fc.constantFrom('emulated', 'virtio-blk'),
      net: fc.constantFrom('emulated', 'virtio-net', 'vhost-net'),
      ioeventfd: fc.boolean(),
      queueSize: fc.constantFrom(1, 2, 4, 256),
    });
    fc.assert(
      fc.property(devices, ops, (d, work) => {
        const r = simulate({
          host: HOST,
          hypervisor: { product: 'kvm' },
          guests: [{ name: 'vm', os: 'linux', devices: d }],
          workload: [{ guest: 'vm', ops: work }],
        });
        expect(r.errors).toEqual([]);
        const state = r.state as {
          guests: {
            vm: {
              virtqueues: Record<
                string,
                {
                  availIdx: number;
                  usedIdx: number;
                  interrupts: number;
                  notifications: number;
                  userspaceExits: number;
                  backend: string;
                }
              >;
            };
          };
        };
        for (const q of Object.values(state.guests.vm.virtqueues)) {
          expect(q.availIdx).toBe(q.usedIdx);
          expect(q.interrupts).toBe(q.usedIdx);
          expect(q.notifications).toBeLessThanOrEqual(q.availIdx);
          expect(q.userspaceExits).toBe(d.ioeventfd || q.backend === 'vhost-net' ? 0 : q.notifications);
        }
        const disk = work.filter((o) => o.startsWith('disk.')).length;
        expect(state.guests.vm.virtqueues.requestq1?.availIdx ?? 0).toBe(d.disk === 'virtio-blk' ? disk : 0);
      }),
      { numRuns: 200 },
    );
  });
});
