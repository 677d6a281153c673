import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MigrationState } from '../../../core/sim/migration/state.ts';
import { simulate } from '../../../core/sim/simulate.ts';
import { example, validState } from './example-fixture.ts';

const config = (p: {
  memoryPages: number;
  dirtyRate: number;
  bandwidth: number;
  maxDowntimeMs: number;
  maxRounds: number;
}) => ({
  target: 'migration',
  vm: { name: 'vm1', memoryPages: p.memoryPages, dirtyRate: p.dirtyRate },
  link: { bandwidth: p.bandwidth },
  migration: { maxDowntimeMs: p.maxDowntimeMs, maxRounds: p.maxRounds },
});

const scenario = fc.record({
  memoryPages: fc.integer({ min: 1, max: 500 }),
  dirtyRate: fc.integer({ min: 0, max: 2000 }),
  bandwidth: fc.integer({ min: 1, max: 1000 }),
  maxDowntimeMs: fc.integer({ min: 0, max: 500 }),
  maxRounds: fc.constant(1000),
});

describe('migration pre-copy model', () => {
  it('converges iff the dirty rate is below the bandwidth, when the memory does not fit in the downtime at once', () => {
    fc.assert(
      fc.property(scenario, (p) => {
        fc.pre(p.memoryPages * 1000 > p.bandwidth * p.maxDowntimeMs);
        const s = validState<MigrationState>(config(p));
        expect(s.converged).toBe(p.dirtyRate < p.bandwidth);
        expect(s.outcome).toBe(s.converged ? 'migrated' : 'failed');
      }),
    );
  });

  it('downtime is the remaining pages over the bandwidth, and every memory page is sent at least once', () => {
    fc.assert(
      fc.property(scenario, (p) => {
        const s = validState<MigrationState>(config(p));
        expect(s.rounds[0].pagesSent).toBe(p.memoryPages);
        expect(s.totalPagesSent).toBeGreaterThanOrEqual(p.memoryPages);
        if (s.converged) {
          const remaining = s.rounds.at(-1)!.dirtied;
          expect(s.downtimeMs).toBe(Math.ceil((remaining * 1000) / p.bandwidth));
          expect(s.downtimeMs).toBeLessThanOrEqual(p.maxDowntimeMs);
          expect(s.totalPagesSent).toBe(s.rounds.reduce((n, r) => n + r.pagesSent, 0) + remaining);
        }
        // Each later round sends what the previous one dirtied.
        s.rounds.slice(1).forEach((r, i) => expect(r.pagesSent).toBe(s.rounds[i].dirtied));
      }),
    );
  });

  it('block migration adds the disk to round 1', () => {
    const c = {
      ...config({ memoryPages: 100, dirtyRate: 0, bandwidth: 50, maxDowntimeMs: 0, maxRounds: 5 }),
      storage: { mode: 'copied', diskBytes: 4096 * 10 + 1 },
    };
    expect(simulate(c).errors[0].path).toBe('vm.pageSize');
    const s = validState<MigrationState>({ ...c, vm: { ...c.vm, pageSize: 4096 } });
    expect(s.rounds[0].pagesSent).toBe(111);
  });
});

describe('migration examples', () => {
  it('pre-copy converges after several shrinking rounds', () => {
    const s = validState<MigrationState>(example('migration-precopy'));
    expect(s.outcome).toBe('migrated');
    expect(s.rounds.length).toBeGreaterThan(1);
    s.rounds.slice(1).forEach((r, i) => expect(r.dirtied).toBeLessThan(s.rounds[i].dirtied));
  });

  it('does not converge without auto-converge, and converges with it by throttling', () => {
    const c = example('migration-non-convergence');
    const s = validState<MigrationState>(c);
    expect(s).toMatchObject({ outcome: 'migrated', converged: true });
    expect(s.throttlePercent).toBeGreaterThanOrEqual(20);
    delete c.migration.autoConverge;
    const without = validState<MigrationState>(c);
    expect(without).toMatchObject({ outcome: 'failed', converged: false, throttlePercent: 0 });
    expect(without.rounds).toHaveLength(c.migration.maxRounds);
  });
});

describe('migration refusals and faults', () => {
  it('refuses a VM with an SR-IOV VF, in both languages, with a fix', () => {
    const c = example('migration-precopy');
    c.vm.devices.push({ name: 'vf0', kind: 'sriov-vf' });
    const r = simulate(c);
    const s = r.state as MigrationState;
    expect(s).toMatchObject({ outcome: 'refused', host: 'host-a', rounds: [] });
    expect(s.reason!.en).toMatch(/vf0/);
    expect(s.reason!.ko).toMatch(/vf0/);
    const denied = r.events.find((e) => e.outcome === 'denied')!;
    expect(denied.fix!.en).toMatch(/hot-unplug|paravirtual/);
  });

  it('post-copy switches over when pre-copy makes no progress; a source crash then loses the VM', () => {
    const c = example('migration-non-convergence');
    delete c.migration.autoConverge;
    c.migration.postCopy = true;
    const s = validState<MigrationState>(c);
    expect(s).toMatchObject({ outcome: 'migrated', method: 'post-copy', host: 'host-b', downtimeMs: 0 });
    expect(s.postCopyPages).toBeGreaterThan(0);
    const crashed = validState<MigrationState>({ ...c, fault: 'source-crash' });
    expect(crashed).toMatchObject({ outcome: 'failed', method: 'post-copy', host: null });
    // Pre-copy leaves nothing on the source: the same crash after a converged migration loses nothing.
    expect(validState<MigrationState>({ ...example('migration-precopy'), fault: 'source-crash' })).toMatchObject({
      outcome: 'migrated',
      host: 'host-b',
    });
  });
});
