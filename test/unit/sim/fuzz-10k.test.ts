import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DISK_MODELS, NET_MODELS, PLAIN_OPS } from '../../../core/sim/server/schema.ts';
import { HYPERVISORS, HYPERVISOR_NAMES } from '../../../core/sim/hypervisors.ts';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import { simulate } from '../../../core/sim/simulate.ts';
import { TARGETS, type TargetName } from '../../../core/sim/target.ts';
import { INSTRUCTION_NAMES } from '../../../core/sim/x86/instructions.ts';
import { RAID_LEVELS, LEVEL_INFO, usableBytes } from '../../../core/sim/storage/raid-levels.ts';
import { PROTOCOLS, DEVICES } from '../../../core/sim/desktop/protocol.ts';
import { ISOLATION_MODES } from '../../../core/sim/application/isolation.ts';

/**
 * 10,000 random configurations through `simulate`, spread over the five targets: for each target a generator of
 * mostly valid configurations (built from the target's schema: names that refer to each other, sizes within
 * range, workloads of every op kind), plus random junk. No run may throw; every run stays within SIM_LIMITS;
 * every refusal is bilingual with a path. The time taken and the valid runs per target are printed.
 */

const RUNS = 10_000;
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const names = (prefix: string, min: number, max: number) =>
  fc.integer({ min, max }).map((n) => Array.from({ length: n }, (_, i) => `${prefix}${i}`));
const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join('.'));

// ---- server ----
const serverOp = fc.oneof(
  pick([...PLAIN_OPS, 'syscall.read', 'syscall.write']),
  pick(INSTRUCTION_NAMES).map((n) => `insn.${n}`),
  fc.record({ compute: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ 'mem.alloc': fc.integer({ min: 0, max: 4096 }) }),
  fc.record({ 'proc.fork': fc.integer({ min: 0, max: 50 }) }),
);
const server = fc
  .record({
    product: fc.option(pick(HYPERVISOR_NAMES), { nil: undefined }),
    cpuVirtualization: pick(['hardware-assist', 'binary-translation', 'trap-and-emulate']),
    vendor: pick(['intel', 'amd']),
    cores: fc.integer({ min: 1, max: 64 }),
    assist: fc.record({ present: fc.boolean(), enabledInFirmware: fc.boolean() }),
    memoryGiB: fc.integer({ min: 8, max: 512 }),
    hostOs: pick(['linux', 'windows', 'macos']),
    guests: fc.array(
      fc.record({
        os: pick(['linux', 'windows', 'freebsd']),
        mode: pick(['hvm', 'pv', 'pvh']),
        paravirtualized: fc.boolean(),
        vcpus: fc.integer({ min: 1, max: 8 }),
        memoryGiB: fc.integer({ min: 1, max: 16 }),
        devices: fc.record({
          disk: pick(DISK_MODELS),
          net: pick(NET_MODELS),
          ioeventfd: fc.boolean(),
          queueSize: pick([1, 2, 256, 32_768]),
        }),
      }),
      { maxLength: 5 },
    ),
    containers: fc.array(
      fc.record({
        isolation: pick(['process', 'vm']),
        memoryMiB: fc.integer({ min: 1, max: 2048 }),
        pids: fc.integer({ min: 1, max: 50 }),
      }),
      { maxLength: 3 },
    ),
    work: fc.array(fc.tuple(fc.nat(), fc.array(serverOp, { maxLength: 10 })), { maxLength: 4 }),
  })
  .map((r) => {
    // Bend towards coherence: a host OS only under a hosted hypervisor or none, PV modes only on Xen.
    const type = r.product ? HYPERVISORS[r.product].type : undefined;
    const os =
      type === 'type-1'
        ? undefined
        : type === 'type-2'
          ? r.product === 'parallels'
            ? 'macos'
            : r.product === 'vmware-workstation'
              ? 'linux'
              : r.hostOs
          : r.product === 'kvm'
            ? 'linux'
            : r.hostOs;
    const xen = r.product === 'xen';
    // Device models where they exist: virtio and vhost on KVM, VMBus on Hyper-V, emulated elsewhere.
    const model = (m: string) =>
      r.product === 'kvm'
        ? m === 'vmbus'
          ? 'emulated'
          : m
        : r.product === 'hyper-v'
          ? m === 'emulated'
            ? m
            : 'vmbus'
          : 'emulated';
    const guests = r.product
      ? r.guests.map((g, i) => ({
          name: `g${i}`,
          os: g.os,
          mode: xen ? g.mode : 'hvm',
          kernel: { paravirtualized: g.os !== 'windows' && g.paravirtualized },
          devices: { ...g.devices, disk: model(g.devices.disk), net: model(g.devices.net) },
          vcpus: g.vcpus,
          memoryGiB: g.memoryGiB,
        }))
      : [];
    const containers = os
      ? r.containers.map((c, i) => ({
          name: `c${i}`,
          image: { os: 'linux' },
          isolation: c.isolation,
          cgroups: { memoryMiB: c.memoryMiB, pids: c.pids },
        }))
      : [];
    const subjects = [...guests.map((g) => ({ guest: g.name })), ...containers.map((c) => ({ container: c.name }))];
    const controlDomain = xen || r.product === 'hyper-v' || r.product === 'kvm';
    const allowed = (o: unknown) =>
      (o !== 'fault.dom0-crash' || xen) &&
      (o !== 'fault.host-os-crash' || os !== undefined) &&
      (o !== 'fault.control-domain-crash' || controlDomain) &&
      (o !== 'fault.qemu-crash' || r.product === 'kvm');
    return {
      target: 'server',
      host: {
        cpu: { vendor: r.vendor, cores: r.cores, hardwareAssist: r.assist },
        memoryGiB: r.memoryGiB,
        ...(os ? { os: { family: os } } : {}),
      },
      ...(r.product
        ? {
            hypervisor: {
              product: r.product,
              cpuVirtualization:
                r.product === 'esxi' || r.cpuVirtualization !== 'binary-translation'
                  ? r.cpuVirtualization
                  : 'hardware-assist',
            },
          }
        : {}),
      guests,
      containers,
      workload: subjects.length
        ? r.work.map(([i, ops]) => {
            const subject = subjects[i % subjects.length];
            return {
              ...subject,
              ops: ops.filter((o) => allowed(o) && (o !== 'fault.qemu-crash' || 'guest' in subject)),
            };
          })
        : [],
    };
  });

// ---- storage ----
const LUN_BLOCKS = 2;
const storage = fc
  .record({
    level: pick(RAID_LEVELS),
    extra: fc.nat(3),
    blockSize: pick([1, 2, 4, 8]),
    sizeBlocks: fc.integer({ min: 2, max: 16 }),
    ops: fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('write'), lba: fc.nat(20), data: fc.string({ minLength: 1, maxLength: 24 }) }),
        fc.record({ op: fc.constant('read'), lba: fc.nat(20), length: fc.integer({ min: 1, max: 32 }) }),
        fc.record({ op: fc.constant('fail'), disk: fc.nat(7) }),
        fc.record({ op: fc.constant('replace'), disk: fc.nat(7) }),
        fc.record({
          op: fc.constant('lun.write'),
          lba: fc.nat(8),
          hex: fc
            .uint8Array({ minLength: 1, maxLength: 8 })
            .map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ')),
        }),
        fc.record({ op: fc.constant('lun.read'), lba: fc.nat(8), length: fc.integer({ min: 1, max: 16 }) }),
      ),
      { maxLength: 10 },
    ),
    provisioning: pick(['thick', 'thin']),
  })
  .map((r) => {
    const info = LEVEL_INFO[r.level];
    let n = info.minDisks + r.extra;
    if (info.evenDisks && n % 2) n++;
    const disks = Array.from({ length: n }, (_, i) => `d${i}`);
    // Keep I/O inside the array and the LUN (most of the time: a read may still run past the end).
    const arrayBytes = usableBytes(r.level, n, r.sizeBlocks * r.blockSize);
    const lunBytes = LUN_BLOCKS * r.blockSize;
    const inside = (lba: number, len: number, size: number) =>
      lba % Math.max(1, Math.floor((size - len) / r.blockSize) + 1);
    const workload = r.ops.map((o) => {
      if (o.op === 'fail' || o.op === 'replace') return { op: o.op, disk: `d${o.disk % n}` };
      if (o.op === 'lun.write') {
        const hex = o.hex.split(' ').slice(0, lunBytes).join(' ');
        return { op: o.op, lun: 'l1', host: 'h1', lba: inside(o.lba, hex.split(' ').length, lunBytes), hex };
      }
      if (o.op === 'lun.read')
        return {
          op: o.op,
          lun: 'l1',
          host: 'h1',
          lba: inside(o.lba, o.length, lunBytes),
          length: Math.min(o.length, lunBytes),
        };
      if (o.op === 'write') {
        const data = o.data.slice(0, Math.max(1, Math.floor(arrayBytes / 4)));
        return { op: o.op, array: 'a1', lba: inside(o.lba, new TextEncoder().encode(data).length, arrayBytes), data };
      }
      return {
        op: o.op,
        array: 'a1',
        lba: inside(o.lba, o.length, arrayBytes),
        length: Math.min(o.length, arrayBytes),
      };
    });
    return {
      target: 'storage',
      blockSize: r.blockSize,
      disks: { count: n, sizeBlocks: r.sizeBlocks },
      arrays: [{ name: 'a1', level: r.level, disks }],
      pool: { name: 'p1', arrays: ['a1'] },
      luns: [{ name: 'l1', sizeBlocks: LUN_BLOCKS, provisioning: r.provisioning, hosts: ['h1'] }],
      hosts: [{ name: 'h1' }],
      workload,
    };
  });

// ---- network ----
const vnfFunction = fc.oneof(
  fc.record({
    type: fc.constant('firewall'),
    default: pick(['allow', 'deny']),
    rules: fc.array(
      fc.record({ action: pick(['allow', 'deny']), match: fc.record({ dport: fc.nat(1024) }, { requiredKeys: [] }) }),
      { maxLength: 3 },
    ),
  }),
  fc.record({ type: fc.constant('loadbalancer'), backends: fc.array(ipv4, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('nat'), snat: ipv4 }),
  fc.record({ type: fc.constant('switch') }),
  fc.record({
    type: fc.constant('router'),
    routes: fc.array(
      fc.record({
        dst: ipv4.map((ip) => `${ip.split('.').slice(0, 2).join('.')}.0.0/16`),
        vlan: fc.integer({ min: 1, max: 4094 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({
    type: fc.constant('dpi'),
    signatures: fc.array(
      fc.record({ name: pick(['evil', 'worm']), contains: pick(['EVIL', 'x']), action: pick(['tag', 'drop']) }),
      { maxLength: 2 },
    ),
  }),
);
const network = fc
  .record({
    hosts: names('h', 1, 3),
    vlan: fc.integer({ min: 1, max: 4094 }),
    vnfs: fc.array(fc.tuple(vnfFunction, fc.integer({ min: 1, max: 3 }), pick(['vm', 'container', 'appliance'])), {
      minLength: 1,
      maxLength: 4,
    }),
    endpoints: fc.array(ipv4, { maxLength: 3 }),
    autoHeal: fc.boolean(),
    mtu: fc.integer({ min: 576, max: 9216 }),
    ops: fc.array(
      fc.oneof(
        fc.record({
          send: fc.record({
            src: ipv4,
            dst: ipv4,
            dport: fc.nat(1024),
            size: fc.integer({ min: 20, max: 9000 }),
            payload: pick(['hello', 'EVIL bytes']),
          }),
        }),
        fc.record({ fail: fc.nat(3), instance: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ heal: fc.nat(3) }),
        fc.record({ scale: fc.nat(3), instances: fc.integer({ min: 1, max: 4 }) }),
      ),
      { maxLength: 8 },
    ),
  })
  .map((r) => {
    // A hardware appliance is one box on no NFVI host.
    const vnfs = r.vnfs.map(([fn, instances, form], i) => ({
      name: `f${i}`,
      ...fn,
      instances: form === 'appliance' ? 1 : instances,
      form,
      port: { vlan: r.vlan },
    }));
    const vnf = (i: number) => vnfs[i % vnfs.length].name;
    return {
      target: 'network',
      hosts: r.hosts.map((name) => ({ name, capacity: 8 })),
      underlay: { mtu: r.mtu },
      segments: [{ name: 'tenant', vlan: r.vlan }],
      vnfs,
      paths: [{ name: 'p', hops: vnfs.map((v) => v.name) }],
      classifier: { rules: [{ path: 'p' }] },
      endpoints: r.endpoints.map((ip, i) => ({ name: `e${i}`, ip, vlan: r.vlan })),
      mano: { autoHeal: r.autoHeal },
      ops: r.ops.map((o, i) => {
        if ('send' in o) return { send: { ...o.send, name: `pkt${i}`, vlan: r.vlan } };
        if ('fail' in o) return { fail: vnf(o.fail), instance: o.instance };
        if ('heal' in o) return { heal: vnf(o.heal) };
        return { scale: vnf(o.scale), instances: o.instances };
      }),
    };
  });

// ---- desktop ----
const desktop = fc
  .record({
    hosts: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 3 }),
    pools: fc.array(
      fc.record({
        type: pick(['persistent', 'non-persistent']),
        size: fc.integer({ min: 1, max: 6 }),
        protocol: pick(Object.keys(PROTOCOLS)),
        disconnectTimeout: fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.constant('never')),
        onLogoff: pick(['refresh', 'delete']),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    users: fc.array(fc.tuple(fc.nat(), pick(DEVICES), fc.boolean()), { minLength: 1, maxLength: 6 }),
    ops: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 600 }),
        fc.nat(),
        fc.oneof(
          fc.constant({ kind: 'login' }),
          pick(['a.docx', 'b.txt']).map((doc) => ({ kind: 'open', doc })),
          pick(['a.docx', 'b.txt']).map((doc) => ({ kind: 'save', doc })),
          fc.constant({ kind: 'logoff' }),
          fc.integer({ min: 1, max: 900 }).map((s) => ({ kind: 'outage', s })),
          pick(['down', 'up']).map((b) => ({ kind: 'broker', b })),
          fc.integer({ min: 0, max: 600 }).map((s) => ({ kind: 'wait', s })),
        ),
      ),
      { maxLength: 12 },
    ),
  })
  .map((r) => {
    const users = r.users.map(([p, device, autoReconnect], i) => ({
      name: `u${i}`,
      pool: `pool${p % r.pools.length}`,
      device,
      autoReconnect,
    }));
    let t = 0;
    const ops = r.ops.map(([dt, u, op]) => {
      t += dt % 120; // times never go back
      const user = users[u % users.length].name;
      const at = { at: t };
      switch (op.kind) {
        case 'login':
          return { ...at, login: user };
        case 'open':
          return { ...at, open: user, doc: (op as { doc: string }).doc };
        case 'save':
          return { ...at, save: user, doc: (op as { doc: string }).doc };
        case 'logoff':
          return { ...at, logoff: user };
        case 'outage':
          return { ...at, outage: (op as { s: number }).s };
        case 'broker':
          return { ...at, broker: (op as { b: string }).b };
        default:
          return { wait: (op as { s: number }).s };
      }
    });
    return {
      target: 'desktop',
      hosts: r.hosts.map((desktops, i) => ({ name: `dc${i}`, desktops })),
      pools: r.pools.map((p, i) => ({ name: `pool${i}`, ...p })),
      users,
      ops,
    };
  });

// ---- application ----
const winPath = pick([
  'C:/App/config.ini',
  'C:/Windows/System32/kernel32.dll',
  'C:/Program Files/Java/rt.jar',
  'C:/Users/u/doc.txt',
]);
const regKey = pick(['HKCU/Software/App/Theme', 'HKLM/Software/Java/Version']);
const application = fc
  .record({
    host: fc.record({
      files: fc.dictionary(winPath, fc.string({ maxLength: 10 }), { maxKeys: 2 }),
      registry: fc.dictionary(regKey, fc.string({ maxLength: 10 }), { maxKeys: 1 }),
    }),
    apps: fc.array(
      fc.record({
        delivery: pick(['virtual', 'native']),
        isolation: fc.option(pick(ISOLATION_MODES), { nil: undefined }),
        runtime: fc.option(fc.record({ name: pick(['Java', 'DotNet']), version: pick(['8', '17', '4.8']) }), {
          nil: undefined,
        }),
        files: fc.dictionary(winPath, fc.string({ maxLength: 10 }), { maxKeys: 2 }),
        registry: fc.dictionary(regKey, fc.string({ maxLength: 10 }), { maxKeys: 2 }),
        needs: fc.array(winPath, { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    ops: fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(
          fc.constant({ kind: 'run' }),
          winPath.map((path) => ({ kind: 'read', path })),
          fc.tuple(winPath, fc.string({ maxLength: 10 })).map(([path, content]) => ({ kind: 'write', path, content })),
          regKey.map((key) => ({ kind: 'regRead', key })),
          fc.tuple(regKey, fc.string({ maxLength: 10 })).map(([key, value]) => ({ kind: 'regWrite', key, value })),
        ),
      ),
      { maxLength: 10 },
    ),
  })
  .map((r) => {
    const apps = r.apps.map((a, i) => ({
      name: `app${i}`,
      delivery: a.delivery,
      ...(a.delivery === 'virtual' && a.isolation ? { isolation: a.isolation } : {}),
      ...(a.runtime ? { runtime: a.runtime } : {}),
      files: a.files,
      registry: a.registry,
      needs: a.needs,
    }));
    const ops = r.ops.map(([i, op]) => {
      const { kind, ...rest } = op as { kind: string } & Record<string, string>;
      return { [kind]: apps[i % apps.length].name, ...rest };
    });
    return { target: 'application', host: r.host, apps, ops };
  });

// ---- junk: arbitrary JSON, with or without a known target ----
const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc
    .tuple(
      pick([...TARGETS, 'mainframe', undefined]),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
    )
    .map(([target, o]) => ({ ...o, target })),
);

const GENERATORS: Array<[TargetName | 'junk', fc.Arbitrary<unknown>]> = [
  ['server', server],
  ['storage', storage],
  ['network', network],
  ['desktop', desktop],
  ['application', application],
  ['junk', junk],
];

describe('10,000 random configurations over the five targets', () => {
  it('never throw, stay within the limits, and explain every refusal in both languages with a path', () => {
    const runs = new Map<string, { runs: number; valid: number }>(GENERATORS.map(([k]) => [k, { runs: 0, valid: 0 }]));
    const started = performance.now();
    fc.assert(
      fc.property(
        fc.oneof(...GENERATORS.map(([kind, arb]) => arb.map((config) => ({ kind, config })))),
        fc.integer(),
        ({ kind, config }, seed) => {
          const r = simulate(config, { seed });
          const tally = runs.get(kind)!;
          tally.runs++;
          if (r.ok) tally.valid++;
          expect(r.stats.events).toBeLessThanOrEqual(SIM_LIMITS.maxEvents);
          expect(r.events.length).toBeLessThanOrEqual(SIM_LIMITS.maxEvents);
          expect(r.stats.work).toBeLessThanOrEqual(SIM_LIMITS.maxWork);
          if (r.ok) {
            expect(r.errors).toEqual([]);
            expect(r.state).not.toBeNull();
          } else {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) {
              expect(typeof e.path).toBe('string');
              expect(e.message.ko.trim().length).toBeGreaterThan(0);
              expect(e.message.en.trim().length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    const table = [...runs].map(([k, t]) => `${k}: ${t.valid}/${t.runs} valid`).join(', ');
    console.log(`fuzz-10k: ${RUNS} runs in ${seconds.toFixed(1)} s — ${table}`);

    expect([...runs.values()].reduce((a, t) => a + t.runs, 0)).toBe(RUNS);
    // The target generators aim at valid configurations: most of their runs get through to a simulation.
    for (const [k, t] of runs)
      if (k !== 'junk') expect(t.valid / t.runs, `${k}: ${t.valid}/${t.runs}`).toBeGreaterThan(0.5);
  }, 120_000);
});
