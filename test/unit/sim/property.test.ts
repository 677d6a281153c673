import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigText } from '../../../core/config-text.ts';
import { SIM_LIMITS, type SimLimits } from '../../../core/sim/limits.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { simulate, targetOf } from '../../../core/sim/simulate.ts';
import type { SimResult, TargetName } from '../../../core/sim/target.ts';
import { LANES } from '../../../core/sim/trace.ts';
import { INSTRUCTION_NAMES } from '../../../core/sim/x86/instructions.ts';
import { HYPERVISORS, HYPERVISOR_NAMES } from '../../../core/sim/hypervisors.ts';

/**
 * Random configurations never make a simulator throw, and every run stays within its limits. Generic over every
 * registered target: each is fed its example files with random mutations (so runs get past validation), plus
 * arbitrary JSON. The server target also gets structurally valid random configurations.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const TIGHT: SimLimits = { ...SIM_LIMITS, maxEvents: 300, maxWork: 2_000, maxOps: 40, maxGuests: 6 };
const LANE_SET = new Set<string>(LANES);

function assertWellFormed(result: SimResult, limits: SimLimits): void {
  if (result.ok) {
    expect(result.errors).toEqual([]);
    expect(result.state).not.toBeNull();
    expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(typeof e.path).toBe('string');
      expect(e.message.ko.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  }
  expect(result.events.length).toBeLessThanOrEqual(limits.maxEvents);
  expect(result.stats.work).toBeLessThanOrEqual(limits.maxWork);
  result.events.forEach((e, i) => {
    expect(e.seq).toBe(i);
    expect(LANE_SET.has(e.lane)).toBe(true);
    expect(Number.isFinite(e.cycles) && e.cycles >= 0).toBe(true);
  });
}

const examplesDir = join(process.cwd(), 'content', 'examples');
const examplesByTarget = new Map<TargetName, unknown[]>();
for (const f of readdirSync(examplesDir).filter((n) => /\.(ya?ml|json)$/.test(n))) {
  const parsed = parseConfigText(readFileSync(join(examplesDir, f), 'utf8'));
  if (!parsed.ok) continue;
  const t = targetOf(parsed.value);
  if (t) examplesByTarget.set(t, [...(examplesByTarget.get(t) ?? []), parsed.value]);
}

type Path = Array<string | number>;
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** Replace, delete or duplicate the value at one path of a deep copy. */
function mutate(base: unknown, pick: number, kind: number, value: unknown): unknown {
  const copy = structuredClone(base);
  const all = paths(copy).filter((p) => p.length > 0 && p[0] !== 'target');
  if (!all.length) return copy;
  const path = all[pick % all.length];
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const key = path[path.length - 1];
  if (kind === 0) parent[key] = value;
  else if (kind === 1) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  else parent[key] = structuredClone(parent[key]);
  return copy;
}

const smallJson = fc.oneof(
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom('', 'xen', 'linux', 'windows', 'pv', 'hvm', 'disk.write', 'raid5', 'vm', '__proto__'),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

describe.each(Object.keys(SIMULATORS) as TargetName[])('random configurations of target %s', (target) => {
  const examples = examplesByTarget.get(target) ?? [];

  it.runIf(examples.length > 0)('never throw, and stay within limits, when its examples are mutated', () => {
    fc.assert(
      fc.property(
        fc.nat(examples.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(2), smallJson), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer(),
        (which, mutations, tight, seed) => {
          let config = examples[which];
          for (const [pick, kind, value] of mutations) config = mutate(config, pick, kind, value);
          const limits: SimLimits = tight ? TIGHT : SIM_LIMITS;
          assertWellFormed(simulate(config, { seed, limits }), limits);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary JSON naming it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), (obj) => {
        assertWellFormed(simulate({ ...obj, target }), SIM_LIMITS);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe('random valid server configurations', () => {
  const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  const op = fc.oneof(
    fc.constantFrom(
      'compute',
      'pagetable.update',
      'disk.read',
      'disk.write',
      'net.send',
      'net.recv',
      'fault.guest-crash',
      'fault.dom0-crash',
      'fault.host-os-crash',
      'syscall.read',
      'mem.alloc',
      'proc.fork',
    ),
    fc.constantFrom(...INSTRUCTION_NAMES).map((n) => `insn.${n}`),
    fc.record({ 'mem.alloc': fc.integer({ min: 0, max: 5000 }) }),
    fc.record({ 'proc.fork': fc.integer({ min: 0, max: 100 }) }),
  );
  const config = fc.record({
    host: fc.record({
      cpu: fc.record({
        vendor: fc.constantFrom('intel', 'amd'),
        cores: fc.integer({ min: 1, max: 64 }),
        hardwareAssist: fc.record({ present: fc.boolean(), enabledInFirmware: fc.boolean() }),
      }),
      memoryGiB: fc.integer({ min: 16, max: 512 }),
      os: fc.option(fc.record({ family: fc.constantFrom('linux', 'windows', 'macos') }), { nil: undefined }),
    }),
    hypervisor: fc.option(
      fc.record({
        product: fc.constantFrom(...HYPERVISOR_NAMES),
        cpuVirtualization: fc.constantFrom('hardware-assist', 'binary-translation', 'trap-and-emulate'),
      }),
      { nil: undefined },
    ),
    guests: fc.uniqueArray(
      fc.record({
        name,
        os: fc.constantFrom('linux', 'windows', 'freebsd'),
        kernel: fc.record({ paravirtualized: fc.boolean() }),
        mode: fc.constantFrom('hvm', 'pv', 'pvh'),
        vcpus: fc.integer({ min: 1, max: 8 }),
        memoryGiB: fc.integer({ min: 1, max: 16 }),
      }),
      { selector: (g) => g.name, maxLength: 4 },
    ),
    containers: fc.uniqueArray(
      fc.record({
        name: name.map((n) => `c${n}`),
        image: fc.record({ os: fc.constantFrom('linux', 'windows') }),
        isolation: fc.constantFrom('process', 'vm'),
        cgroups: fc.record(
          {
            memoryMiB: fc.integer({ min: 1, max: 1024 }),
            cpus: fc.double({ min: 0.1, max: 4, noNaN: true }),
            pids: fc.integer({ min: 1, max: 20 }),
          },
          { requiredKeys: [] },
        ),
      }),
      { selector: (c) => c.name, maxLength: 3 },
    ),
    overcommit: fc.record({ cpu: fc.integer({ min: 2, max: 16 }), memory: fc.constantFrom(1, 1.5, 2) }),
  });

  /** Bend a random configuration towards a coherent one (host OS only where it belongs, PV modes only on Xen…), so most runs get past the checks. */
  const coherent = config.map((cfg) => {
    const product = cfg.hypervisor?.product;
    const type = product ? HYPERVISORS[product].type : undefined;
    let os = cfg.host.os;
    if (type === 'type-1') os = undefined;
    else if (type === 'type-2')
      os = {
        family:
          product === 'parallels' ? 'macos' : product === 'vmware-workstation' ? 'linux' : (os?.family ?? 'windows'),
      };
    else if (product === 'kvm' && os) os = { family: 'linux' };
    else if (!product) os = os ?? { family: 'linux' };
    const hypervisor = cfg.hypervisor && {
      product: cfg.hypervisor.product,
      cpuVirtualization:
        (cfg.hypervisor.cpuVirtualization === 'binary-translation' && product !== 'esxi') ||
        (type === 'type-2' && cfg.hypervisor.cpuVirtualization === 'trap-and-emulate')
          ? 'hardware-assist'
          : cfg.hypervisor.cpuVirtualization,
    };
    const xen = product === 'xen';
    const guests = product
      ? cfg.guests.map((g) => ({
          ...g,
          mode: xen ? g.mode : 'hvm',
          kernel: { paravirtualized: g.os !== 'windows' && g.kernel.paravirtualized },
        }))
      : [];
    return { ...cfg, host: { ...cfg.host, os }, hypervisor, guests, containers: os ? cfg.containers : [] };
  });

  it('never throw, stay within limits, and keep statuses and counters consistent', () => {
    fc.assert(
      fc.property(
        coherent,
        fc.array(fc.tuple(fc.nat(), fc.array(op, { maxLength: 12 })), { maxLength: 5 }),
        fc.boolean(),
        (cfg, work, tight) => {
          const subjects = [
            ...cfg.guests.map((g) => ({ guest: g.name })),
            ...cfg.containers.map((c) => ({ container: c.name })),
          ];
          // Host-wide faults only where their target exists (otherwise they are configuration errors).
          const faults = (o: unknown) =>
            (o !== 'fault.dom0-crash' || cfg.hypervisor?.product === 'xen') &&
            (o !== 'fault.host-os-crash' || cfg.host.os !== undefined);
          const workload = subjects.length
            ? work.map(([i, ops]) => ({ ...subjects[i % subjects.length], ops: ops.filter(faults) }))
            : [];
          const limits: SimLimits = tight ? TIGHT : SIM_LIMITS;
          const result = simulate({ target: 'server', ...cfg, workload }, { limits });
          assertWellFormed(result, limits);
          if (!result.ok) return;
          const state = result.state as {
            guests: Record<string, { status: string; stealPercent: number }>;
            containers: Record<string, { status: string }>;
            counters: Record<string, number>;
          };
          for (const g of Object.values(state.guests)) {
            expect(['running', 'failed', 'stopped', 'crashed']).toContain(g.status);
            expect(g.stealPercent).toBeGreaterThanOrEqual(0);
            expect(g.stealPercent).toBeLessThan(100);
          }
          for (const c of Object.values(state.containers))
            expect(['running', 'failed', 'stopped', 'crashed', 'killed']).toContain(c.status);
          expect(state.counters.violations).toBe(
            result.events.filter((e) => e.step >= 0 && e.outcome === 'violation').length,
          );
          expect(state.counters.vmExits).toBe(result.events.filter((e) => e.step >= 0 && e.kind === 'vmexit').length);
          // Plain containers never involve a hypervisor.
          const plain = new Set(cfg.containers.filter((c) => c.isolation === 'process').map((c) => c.name));
          expect(
            result.events.some((e) => plain.has(e.subject ?? '') && (e.lane === 'hypervisor' || e.lane === 'vmm')),
          ).toBe(false);
        },
      ),
      { numRuns: RUNS + 100 },
    );
  });
});
