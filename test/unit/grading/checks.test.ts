import { describe, it, expect } from 'vitest';
import { Trace, type TraceEventInput } from '../../../core/sim/trace.ts';
import type { SimResult } from '../../../core/sim/target.ts';
import { checkCount } from '../../../core/grading/checks/count.ts';
import { checkPath } from '../../../core/grading/checks/path.ts';
import { checkState } from '../../../core/grading/checks/state.ts';
import type { CheckContext } from '../../../core/grading/checks/types.ts';
import { checkSchema, type CheckOf } from '../../../core/labs/lab-schema.ts';
import { readPath, writePath } from '../../../core/grading/data-path.ts';

/** A run recorded with the real Trace: a PV guest updating its page table through Xen, then an HVM disk write. */
function run(state: unknown = null): SimResult {
  const t = new Trace();
  const e = (step: number, x: TraceEventInput) => t.emit({ ...x, step });
  e(0, { actor: 'guest:pv1', lane: 'guest', kind: 'issue', op: 'pagetable.update', subject: 'pv1' });
  e(0, {
    actor: 'guest:pv1',
    lane: 'guest',
    kind: 'hypercall',
    op: 'pagetable.update',
    subject: 'pv1',
    hypercall: { name: 'mmu_update', number: 1 },
  });
  e(0, { actor: 'hypervisor', lane: 'hypervisor', kind: 'emulate', op: 'pagetable.update', subject: 'pv1' });
  e(1, { actor: 'guest:web', lane: 'guest', kind: 'io', op: 'disk.write', subject: 'web' });
  e(1, { actor: 'hypervisor', lane: 'hypervisor', kind: 'vmexit', op: 'disk.write', subject: 'web' });
  e(1, { actor: 'dom0:qemu', lane: 'dom0', kind: 'emulate', op: 'disk.write', subject: 'web' });
  e(1, { actor: 'dom0:blkback', lane: 'dom0', kind: 'io', op: 'disk.write', subject: 'web' });
  e(1, { actor: 'hypervisor', lane: 'hypervisor', kind: 'vmentry', op: 'disk.write', subject: 'web' });
  e(1, { actor: 'hardware:disk', lane: 'hardware', kind: 'io', op: 'disk.write', subject: 'web', outcome: 'failed' });
  e(2, { actor: 'guest:web', lane: 'guest', kind: 'io', op: 'disk.write', subject: 'web' });
  const events = t.events;
  return {
    ok: true,
    target: 'server',
    errors: [],
    events,
    state,
    stats: { events: events.length, cycles: 0, work: 0 },
  };
}

const ctx = (sim: SimResult): CheckContext => ({
  run: sim,
  reference: () => sim,
  probe: () => sim,
  dataOf: () => undefined,
  starterData: () => undefined,
});
const base = {
  id: 'c',
  title: { ko: '검사', en: 'check' },
  points: 1,
  feedback: { pass: { ko: '통과', en: 'pass' }, fail: { ko: '실패', en: 'fail' } },
};
const make = <K extends 'path' | 'count' | 'state'>(c: Record<string, unknown>) =>
  checkSchema.parse({ ...base, ...c }) as CheckOf<K>;

describe('path checks', () => {
  it('collapse repeated lanes and compare in order', () => {
    const o = checkPath(
      make<'path'>({
        kind: 'path',
        select: { subject: 'web', op: 'disk.write' },
        expect: ['guest', 'hypervisor', 'dom0', 'hypervisor', 'hardware'],
      }),
      ctx(run()),
    );
    expect(o.passed).toBe(true);
    expect(o.observed).toBe('guest → hypervisor → dom0 → hypervisor → hardware');
    expect(o.events).toHaveLength(6);
  });

  it('fail on a different route and report it', () => {
    const o = checkPath(
      make<'path'>({
        kind: 'path',
        select: { subject: 'web', op: 'disk.write' },
        expect: ['guest', 'hypervisor', 'hardware'],
      }),
      ctx(run()),
    );
    expect(o.passed).toBe(false);
    expect(o.expected).toBe('guest → hypervisor → hardware');
  });

  it('select the nth operation and compare actors as a subsequence', () => {
    const second = checkPath(
      make<'path'>({ kind: 'path', select: { op: 'disk.write', nth: 2 }, expect: ['guest'] }),
      ctx(run()),
    );
    expect(second.passed).toBe(true);
    const sub = checkPath(
      make<'path'>({
        kind: 'path',
        by: 'actor',
        match: 'subsequence',
        select: { subject: 'web' },
        expect: ['guest:web', 'dom0:blkback', 'hardware:disk'],
      }),
      ctx(run()),
    );
    expect(sub.passed).toBe(true);
    const wrongOrder = checkPath(
      make<'path'>({
        kind: 'path',
        by: 'actor',
        match: 'subsequence',
        select: { subject: 'web' },
        expect: ['dom0:blkback', 'dom0:qemu'],
      }),
      ctx(run()),
    );
    expect(wrongOrder.passed).toBe(false);
  });

  it('fail with an explanation when the operation is missing', () => {
    const o = checkPath(
      make<'path'>({ kind: 'path', select: { subject: 'db', op: 'disk.write' }, expect: ['guest'] }),
      ctx(run()),
    );
    expect(o.passed).toBe(false);
    expect(o.observed).toEqual({
      ko: expect.stringContaining('db disk.write'),
      en: 'The trace has no db disk.write (#1) operation.',
    });
  });
});

describe('count checks', () => {
  it('match hypercalls by name or number, lanes, prefixes and outcomes', () => {
    const c = (where: object, bounds: object) =>
      checkCount(make<'count'>({ kind: 'count', where, ...bounds }), ctx(run())).passed;
    expect(c({ hypercall: 'mmu_update' }, { min: 1 })).toBe(true);
    expect(c({ hypercall: 1 }, { min: 1, max: 1 })).toBe(true);
    expect(c({ lane: 'dom0', op: 'pagetable.update' }, { max: 0 })).toBe(true);
    expect(c({ lane: 'dom0' }, { max: 0 })).toBe(false);
    expect(c({ actor: 'dom0:*' }, { min: 2, max: 2 })).toBe(true);
    expect(c({ outcome: 'failed' }, { min: 1, max: 1 })).toBe(true);
    expect(c({ outcome: 'ok', subject: 'web' }, { min: 6, max: 6 })).toBe(true);
    expect(c({ lane: ['dom0', 'hardware'] }, { min: 3, max: 3 })).toBe(true);
  });

  it('report the count observed and the bound expected in both languages', () => {
    const o = checkCount(make<'count'>({ kind: 'count', where: { lane: 'dom0' }, max: 0 }), ctx(run()));
    expect(o.observed).toEqual({ ko: '[lane=dom0] 이벤트 2개', en: '2 events with lane=dom0' });
    expect(o.expected).toEqual({ ko: '[lane=dom0] 이벤트 0개', en: 'no events with lane=dom0' });
    expect(o.events.map((e) => e.actor)).toEqual(['dom0:qemu', 'dom0:blkback']);
  });

  it('count their English noun: one event, at least 1 event, at most 1 event', () => {
    const one = checkCount(make<'count'>({ kind: 'count', where: { outcome: 'failed' }, min: 1 }), ctx(run()));
    expect(one.observed).toEqual({ ko: '[outcome=failed] 이벤트 1개', en: '1 event with outcome=failed' });
    expect(one.expected).toEqual({
      ko: '[outcome=failed] 이벤트 1개 이상',
      en: 'at least 1 event with outcome=failed',
    });
    const most = checkCount(make<'count'>({ kind: 'count', where: { lane: 'dom0' }, max: 1 }), ctx(run()));
    expect(most.expected).toEqual({ ko: '[lane=dom0] 이벤트 1개 이하', en: 'at most 1 event with lane=dom0' });
  });
});

describe('state checks', () => {
  const state = {
    guests: { web: { status: 'running', mem: 512 }, db: { status: 'crashed', mem: 1024 } },
    arrays: { a1: { usableBlocks: 40, disks: [1, 2, 3, 4] } },
  };
  const s = (expect: object[]) => checkState(make<'state'>({ kind: 'state', expect }), ctx(run(state)));

  it('evaluate every operator', () => {
    expect(s([{ path: 'guests.web.status', op: 'eq', value: 'running' }]).passed).toBe(true);
    expect(s([{ path: 'guests.db.status', op: 'ne', value: 'running' }]).passed).toBe(true);
    expect(s([{ path: 'arrays.a1.usableBlocks', op: 'gte', value: 40 }]).passed).toBe(true);
    expect(s([{ path: 'arrays.a1.usableBlocks', op: 'gt', value: 40 }]).passed).toBe(false);
    expect(s([{ path: 'arrays.a1.usableBlocks', op: 'lte', value: 39 }]).passed).toBe(false);
    expect(s([{ path: 'guests.db.status', op: 'in', value: ['crashed', 'stopped'] }]).passed).toBe(true);
    expect(s([{ path: 'arrays.a1.disks', op: 'contains', value: 3 }]).passed).toBe(true);
    expect(s([{ path: 'arrays.a1.disks', op: 'size', value: 4 }]).passed).toBe(true);
    expect(s([{ path: 'guests', op: 'size', value: { min: 3 } }]).passed).toBe(false);
    expect(
      s([
        { path: 'guests.web', op: 'exists' },
        { path: 'guests.mail', op: 'absent' },
      ]).passed,
    ).toBe(true);
    expect(s([{ path: 'arrays.a1.disks[1]', op: 'eq', value: 2 }]).passed).toBe(true);
  });

  it('require every match of a wildcard and name the ones that fail', () => {
    const o = s([{ path: 'guests.*.status', op: 'eq', value: 'running' }]);
    expect(o.passed).toBe(false);
    expect(o.observed).toBe('guests.db.status = "crashed"');
    expect(o.expected).toBe('guests.*.status eq "running"');
    expect(s([{ path: 'guests.*.mem', op: 'gte', value: 512 }]).passed).toBe(true);
    expect(s([{ path: 'nothing.*.x', op: 'eq', value: 1 }]).passed).toBe(false);
  });

  it('compare with another path of the same state (ref)', () => {
    expect(s([{ path: 'guests.web.mem', op: 'lt', ref: 'guests.db.mem' }]).passed).toBe(true);
    const o = s([{ path: 'guests.web.status', op: 'eq', ref: 'guests.db.status' }]);
    expect(o.passed).toBe(false);
    expect(o.observed).toBe('guests.web.status = "running" / guests.db.status = "crashed"');
    expect(s([{ path: 'guests.web.status', op: 'eq', ref: 'guests.mail.status' }]).passed).toBe(false);
  });

  it('fail without a final state', () => {
    expect(s([{ path: 'guests.web', op: 'exists' }]).passed).toBe(true);
    const o = checkState(
      make<'state'>({ kind: 'state', expect: [{ path: 'x', op: 'absent' }] }),
      ctx({ ...run(), ok: false, state: null }),
    );
    expect(o.passed).toBe(false);
  });
});

describe('data paths', () => {
  it('write through [name=x] selectors and create missing objects, never past a missing element', () => {
    const data: Record<string, unknown> = { guests: [{ name: 'web' }, { name: 'db' }] };
    expect(writePath(data, 'guests[name=db].workload', ['a'])).toBe(true);
    expect(writePath(data, 'guests[name=mail].workload', ['a'])).toBe(false);
    expect(writePath(data, 'host.firmware.vtx', true)).toBe(true);
    expect(data).toEqual({
      guests: [{ name: 'web' }, { name: 'db', workload: ['a'] }],
      host: { firmware: { vtx: true } },
    });
    expect(readPath(data, 'guests[name=db].workload[0]')).toEqual([
      { path: 'guests[name=db].workload[0]', found: true, value: 'a' },
    ]);
  });
});
