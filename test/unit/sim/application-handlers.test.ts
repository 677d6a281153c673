import { describe, expect, it } from 'vitest';
import { APPLICATION_HANDLERS, startApplication, type ApplicationRun } from '../../../core/sim/application/run.ts';
import { applicationConfigSchema } from '../../../core/sim/application/schema.ts';
import { Trace } from '../../../core/sim/trace.ts';

/** Each op handler of the application run, alone, on a run state built for it. */
function start(app: Record<string, unknown> = {}): ApplicationRun {
  const config = applicationConfigSchema.parse({
    target: 'application',
    host: { files: { 'C:/shared.ini': 'host' }, registry: { 'HKCU/Theme': 'light' } },
    apps: [{ name: 'a', isolation: 'writecopy', files: { 'C:/a/app.exe': 'v1' }, ...app }],
  });
  return startApplication(config, new Trace());
}
const running = (app?: Record<string, unknown>) => {
  const run = start(app);
  APPLICATION_HANDLERS.run(run, { run: 'a' });
  run.trace.events.length = 0;
  return run;
};
const ops = (run: ApplicationRun) => run.trace.events.map((e) => `${e.lane}:${e.kind}`);

describe('application op handlers', () => {
  it('run: starts an app whose needs resolve', () => {
    const run = start({ needs: ['C:/shared.ini'] });
    APPLICATION_HANDLERS.run(run, { run: 'a' });
    expect(run.apps.get('a')!.state).toMatchObject({ status: 'running', failure: null });
  });

  it('run: fails on a needed file its isolation hides', () => {
    const run = start({ isolation: 'full', needs: ['C:/shared.ini'] });
    APPLICATION_HANDLERS.run(run, { run: 'a' });
    expect(run.apps.get('a')!.state).toMatchObject({
      status: 'failed',
      failure: { reason: 'missing-file', path: 'C:/shared.ini' },
    });
  });

  it('read: refused while the app is not running', () => {
    const run = start();
    APPLICATION_HANDLERS.read(run, { read: 'a', path: 'C:/shared.ini' });
    expect(ops(run)).toEqual(['vmm:publish', 'app:error']);
    expect(run.apps.get('a')!.state.reads).toEqual([]);
  });

  it('read: resolves sandbox → package → host and records where it was found', () => {
    const run = running();
    APPLICATION_HANDLERS.read(run, { read: 'a', path: 'C:/shared.ini' });
    APPLICATION_HANDLERS.read(run, { read: 'a', path: 'C:/a/app.exe' });
    expect(run.apps.get('a')!.state.reads.map((r) => r.layer)).toEqual(['host', 'package']);
  });

  it('write: WriteCopy redirects to the sandbox and leaves the host alone', () => {
    const run = running();
    APPLICATION_HANDLERS.write(run, { write: 'a', path: 'C:/shared.ini', content: 'app' });
    expect(run.host.file.get('C:/shared.ini')).toBe('host');
    expect(run.apps.get('a')!.sandbox.file.get('C:/shared.ini')).toBe('app');
    expect(ops(run)).toEqual(['app:syscall', 'vmm:redirect']);
  });

  it('write: Merged writes through to the host', () => {
    const run = running({ isolation: 'merged' });
    APPLICATION_HANDLERS.write(run, { write: 'a', path: 'C:/shared.ini', content: 'app' });
    expect(run.host.file.get('C:/shared.ini')).toBe('app');
    expect(ops(run)).toEqual(['app:syscall', 'vmm:pass', 'host-os:io']);
  });

  it('regRead and regWrite: the same rule for registry values', () => {
    const run = running();
    APPLICATION_HANDLERS.regWrite(run, { regWrite: 'a', key: 'HKCU/Theme', value: 'dark' });
    APPLICATION_HANDLERS.regRead(run, { regRead: 'a', key: 'HKCU/Theme' });
    expect(run.host.registry.get('HKCU/Theme')).toBe('light');
    expect(run.apps.get('a')!.state.reads).toEqual([
      { kind: 'registry', path: 'HKCU/Theme', layer: 'sandbox', value: 'dark' },
    ]);
  });
});
