import { describe, it, expect } from 'vitest';
import { simulate, simulateText, targetOf } from '../../../core/sim/simulate.ts';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { SERVER_WORK_PER_EVENT } from '../../../core/sim/server/budget.ts';
import { TARGETS } from '../../../core/sim/target.ts';
import { Trace, WorkLimitExceeded, limitMessage } from '../../../core/sim/trace.ts';

describe('simulate', () => {
  it('defaults to the server target and rejects unknown targets', () => {
    expect(targetOf({})).toBe('server');
    expect(targetOf({ target: 'storage' })).toBe('storage');
    expect(targetOf({ target: 'mainframe' })).toBeUndefined();
    const r = simulate({ target: 'mainframe' });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ path: 'target', message: { en: expect.stringContaining(TARGETS.join(', ')) } });
  });

  it.each([[null], [42], ['text'], [[]], [[1, 2]]])(
    'refuses %j as a configuration without throwing',
    (input: unknown) => {
      const r = simulate(input);
      expect(r.ok).toBe(false);
      expect(r.state).toBeNull();
      expect(r.errors[0].message.ko).toMatch(/객체/);
    },
  );

  it('registers a simulator for the server target, keyed by its own name', () => {
    for (const [name, sim] of Object.entries(SIMULATORS)) expect(sim.target).toBe(name);
    expect(SIMULATORS.server).toBeDefined();
  });

  it('reports schema errors before running, with lines when given text', () => {
    const r = simulateText('host:\n  cpu:\n    cores: -1\n');
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ path: 'host.cpu.cores', line: 3 });
    expect(r.events).toEqual([]);
  });

  it('turns text errors into issues', () => {
    const r = simulateText('a: [');
    expect(r.ok).toBe(false);
    expect(r.errors[0].line).toBe(1);
  });

  it('turns a crossed work limit into a bilingual issue and keeps the events so far', () => {
    // A server event weighs SERVER_WORK_PER_EVENT units (the work budget bounds time), so two events fill this budget.
    const limits = { ...SIM_LIMITS, maxWork: 2 * SERVER_WORK_PER_EVENT };
    const r = simulate(
      { host: { os: { family: 'linux' } }, containers: [{ name: 'c', image: { os: 'linux' } }] },
      { limits },
    );
    expect(r.ok).toBe(false);
    expect(r.errors[0].message).toEqual(limitMessage('maxWork', 2 * SERVER_WORK_PER_EVENT));
    // The third event would pass the budget, so it is refused before it is recorded.
    expect(r.events).toHaveLength(2);
    expect(r.stats.work).toBe(2 * SERVER_WORK_PER_EVENT);
  });

  it('meters events and work in the trace', () => {
    const t = new Trace({ ...SIM_LIMITS, maxEvents: 2 });
    t.emit({ actor: 'a', lane: 'guest', kind: 'issue', op: 'x', cycles: 5 });
    t.step = 3;
    const e = t.emit({ actor: 'b', lane: 'hardware', kind: 'io', op: 'x' });
    expect(e).toMatchObject({ seq: 1, step: 3, cycles: 0 });
    expect(t.totalCycles).toBe(5);
    expect(t.totalWork).toBe(2);
    expect(() => t.emit({ actor: 'c', lane: 'guest', kind: 'issue', op: 'x' })).toThrow(WorkLimitExceeded);
  });
});
