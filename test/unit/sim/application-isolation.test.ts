import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../core/sim/simulate.ts';
import type { ApplicationState } from '../../../core/sim/application/state.ts';
import { example, validState } from './example-fixture.ts';

const state = (config: unknown) => validState<ApplicationState>(config);

describe('application: conflicting runtimes', () => {
  it('installed natively, the second install overwrites the runtime and the first app fails', () => {
    const s = state(example('application-conflicting-runtimes'));
    expect(s.conflicts).toEqual([{ runtime: 'Java', versions: ['8', '17'], apps: ['payroll', 'designer'] }]);
    expect(s.apps.payroll).toMatchObject({
      status: 'failed',
      failure: { reason: 'runtime-mismatch', path: 'C:/Program Files/Java/release' },
    });
    expect(s.apps.payroll.failure!.message.en).toContain('found 17');
    expect(s.apps.designer.status).toBe('running');
    expect(s.host.files['C:/Program Files/Java/release']).toBe('17');
    expect(s.host.unchanged).toBe(false);
  });

  it('the same apps as virtual packages run side by side, each seeing its own runtime', () => {
    const config = example('application-conflicting-runtimes');
    for (const app of config.apps) delete app.delivery;
    const s = state(config);
    expect(s.conflicts).toEqual([]);
    expect(s.apps.payroll.status).toBe('running');
    expect(s.apps.designer.status).toBe('running');
    expect(s.apps.payroll.package!.files['C:/Program Files/Java/release']).toBe('8');
    expect(s.apps.designer.package!.registry['HKLM/SOFTWARE/Java/CurrentVersion']).toBe('17');
    expect(s.host.unchanged).toBe(true);
  });
});

describe('application: isolation modes', () => {
  const s = state(example('application-writecopy-vs-merged'));

  it('WriteCopy: writes land in the sandbox and the app reads them back from there; the host keeps its copy', () => {
    expect(s.apps.payroll.sandbox.files['C:/Users/kim/settings.ini']).toBe('theme=dark');
    expect(s.apps.payroll.sandbox.registry['HKCU/Software/Shared/Theme']).toBe('dark');
    expect(s.apps.payroll.reads).toEqual([
      { kind: 'file', path: 'C:/Users/kim/settings.ini', layer: 'sandbox', value: 'theme=dark' },
    ]);
    expect(s.host.files['C:/Users/kim/settings.ini']).toBe('theme=light');
    expect(s.host.registry['HKCU/Software/Shared/Theme']).toBe('light');
  });

  it('Merged: writes reach the real host, and another app does not see a WriteCopy sandbox', () => {
    expect(s.host.changed).toEqual(['C:/Users/kim/designer.log']);
    expect(s.apps.designer.sandbox.files).toEqual({});
    expect(s.apps.designer.reads[0]).toMatchObject({ layer: 'host', value: 'theme=light' });
  });

  it('the trace shows the VFS redirect in the vmm lane and real I/O in the host-os lane', () => {
    const events = simulate(example('application-writecopy-vs-merged')).events.filter(
      (e) => e.step === 2 || e.step === 5,
    );
    expect(events.map((e) => `${e.step}:${e.lane}:${e.kind}`)).toEqual([
      '2:app:syscall',
      '2:vmm:redirect',
      '5:app:syscall',
      '5:vmm:pass',
      '5:host-os:io',
    ]);
  });

  it('Full: the host is invisible, so a system DLL the app needs is missing', () => {
    const config = example('application-writecopy-vs-merged');
    config.apps[0].isolation = 'full';
    const s = state(config);
    expect(s.apps.payroll).toMatchObject({
      status: 'failed',
      failure: { reason: 'missing-file', path: 'C:/Windows/System32/kernel32.dll' },
    });
  });

  it('Full without system needs: reads never reach the host', () => {
    const config = example('application-writecopy-vs-merged');
    config.apps[0].isolation = 'full';
    config.apps[0].needs = [];
    const s = state(config);
    expect(s.apps.payroll.status).toBe('running');
    const r = simulate({
      ...config,
      ops: [{ run: 'payroll' }, { read: 'payroll', path: 'C:/Users/kim/settings.ini' }],
    });
    expect((r.state as ApplicationState).apps.payroll.reads[0]).toMatchObject({ layer: null, value: null });
    expect(r.events.filter((e) => e.lane === 'host-os' && e.subject === 'payroll')).toEqual([]);
  });

  it('paths are case-insensitive and accept backslashes', () => {
    const config = example('application-writecopy-vs-merged');
    config.ops = [{ run: 'payroll' }, { read: 'payroll', path: 'c:\\users\\KIM\\Settings.ini' }];
    expect(state(config).apps.payroll.reads[0]).toMatchObject({ layer: 'host', value: 'theme=light' });
  });

  it('an app must run before it reads or writes', () => {
    const config = example('application-writecopy-vs-merged');
    config.ops = [{ write: 'payroll', path: 'C:/x.txt', content: 'x' }];
    const r = simulate(config);
    expect(r.events.at(-1)).toMatchObject({ op: 'file.write', outcome: 'failed' });
    expect((r.state as ApplicationState).apps.payroll.writes).toEqual([]);
  });

  it('property: whatever WriteCopy/Full apps write, the host is unchanged and each app reads its own last write', () => {
    const write = fc.record({
      app: fc.constantFrom('a', 'b'),
      path: fc.constantFrom('C:/data/x.txt', 'C:/Users/kim/settings.ini', 'C:/Program Files/Java/release'),
      content: fc.string({ maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.constantFrom('writecopy', 'full'), fc.array(write, { maxLength: 20 }), (isolation, writes) => {
        const config = example('application-writecopy-vs-merged');
        config.apps = [
          { name: 'a', isolation, runtime: { name: 'Java', version: '8' } },
          { name: 'b', isolation: 'writecopy', runtime: { name: 'Java', version: '17' } },
        ];
        config.ops = [
          { run: 'a' },
          { run: 'b' },
          ...writes.map((w) => ({ write: w.app, path: w.path, content: w.content })),
          ...writes.map((w) => ({ read: w.app, path: w.path })),
        ];
        const s = state(config);
        expect(s.host.unchanged).toBe(true);
        for (const app of ['a', 'b']) {
          for (const read of s.apps[app].reads) {
            const last = writes.filter((w) => w.app === app && w.path === read.path).at(-1)!;
            expect(read).toMatchObject({ layer: 'sandbox', value: last.content });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('application: configuration errors', () => {
  it('reports unknown apps and an isolation mode on a native app, in both languages', () => {
    const config = example('application-conflicting-runtimes');
    config.apps[0].isolation = 'full';
    config.ops.push({ run: 'ghost' });
    const r = simulate(config);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['apps[0].isolation', 'ops[2].run']);
    for (const e of r.errors) expect(e.message.ko).not.toBe(e.message.en);
  });

  it('rejects an unknown isolation mode by schema', () => {
    const config = example('application-writecopy-vs-merged');
    config.apps[1].isolation = 'partial';
    expect(simulate(config).errors[0].path).toBe('apps[1].isolation');
  });
});
