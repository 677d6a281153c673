import { describe, expect, it } from 'vitest';
import { DESKTOP_HANDLERS, advance, startDesktop, type DesktopRun } from '../../../core/sim/desktop/run.ts';
import { desktopConfigSchema } from '../../../core/sim/desktop/schema.ts';
import { Trace } from '../../../core/sim/trace.ts';

/** Each op handler of the desktop run, alone, on a run state built for it. */
function start(pool: Record<string, unknown> = {}): DesktopRun {
  const config = desktopConfigSchema.parse({
    target: 'desktop',
    hosts: [{ name: 'h1', desktops: 4 }],
    pools: [{ name: 'p', type: 'non-persistent', size: 2, disconnectTimeout: 60, ...pool }],
    users: [{ name: 'alice', pool: 'p' }],
  });
  return startDesktop(config, new Trace());
}
const kinds = (run: DesktopRun) => run.trace.events.map((e) => `${e.op}:${e.kind}`);
const loggedIn = (pool?: Record<string, unknown>) => {
  const run = start(pool);
  DESKTOP_HANDLERS.login(run, { login: 'alice' });
  run.trace.events.length = 0;
  return run;
};

describe('desktop op handlers', () => {
  it('login: the broker assigns a desktop and the display protocol connects', () => {
    const run = start();
    DESKTOP_HANDLERS.login(run, { login: 'alice' });
    expect(run.sessions.get('alice')).toMatchObject({
      state: 'CONNECTED',
      desktop: 'p-1',
      protocol: 'blast',
      port: 8443,
    });
    expect(kinds(run)).toEqual([
      'session.login:login',
      'desktop.create:create',
      'broker.login:assign',
      'session.display:display',
    ]);
  });

  it('login: a client whose link is down reaches nothing', () => {
    const run = start();
    run.clients.get('alice')!.link = 'down';
    DESKTOP_HANDLERS.login(run, { login: 'alice' });
    expect(run.sessions.size).toBe(0);
    expect(kinds(run)).toEqual(['session.login:error']);
  });

  it('open: the document opens unsaved on the desktop; without a session it fails', () => {
    const none = start();
    DESKTOP_HANDLERS.open(none, { open: 'alice', doc: 'a.txt' });
    expect(kinds(none)).toEqual(['app.open:error']);
    const run = loggedIn();
    DESKTOP_HANDLERS.open(run, { open: 'alice', doc: 'a.txt' });
    expect(run.sessions.get('alice')).toMatchObject({ apps: ['a.txt'], unsaved: ['a.txt'] });
  });

  it("save: the file lands on the desktop's disk, not the client", () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.open(run, { open: 'alice', doc: 'a.txt' });
    DESKTOP_HANDLERS.save(run, { save: 'alice', doc: 'a.txt' });
    expect(run.sessions.get('alice')!.unsaved).toEqual([]);
    expect(run.pools.desktops.get('p-1')!.files).toEqual(['a.txt']);
    expect(kinds(run).slice(-3)).toEqual(['file.save:input', 'file.save:io', 'disk.write:io']);
  });

  it('logoff: unsaved work is lost and a floating desktop is refreshed', () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.open(run, { open: 'alice', doc: 'a.txt' });
    DESKTOP_HANDLERS.logoff(run, { logoff: 'alice' });
    expect(run.sessions.get('alice')).toMatchObject({
      state: 'LOGGED_OFF',
      work: 'lost',
      lostWork: ['a.txt'],
      apps: [],
    });
    expect(kinds(run).slice(-2)).toEqual(['session.logoff:logoff', 'desktop.refresh:refresh']);
  });

  it('outage: the link drops, the session keeps running disconnected, and two timers are set', () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.outage(run, { outage: 30 });
    expect(run.clients.get('alice')).toMatchObject({ link: 'down', linkUpAt: 30 });
    expect(run.sessions.get('alice')).toMatchObject({ state: 'DISCONNECTED', logoffDue: 60 });
    expect([...run.timers.keys()].sort()).toEqual(['link-up:alice', 'timeout:alice']);
  });

  it('outage: a zero disconnect timeout logs the session off at once', () => {
    const run = loggedIn({ disconnectTimeout: 0 });
    DESKTOP_HANDLERS.outage(run, { outage: 30 });
    expect(run.sessions.get('alice')!.state).toBe('LOGGED_OFF');
  });

  it('broker: down refuses new logins but leaves the running session alone', () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.broker(run, { broker: 'down' });
    expect(run.broker.status).toBe('down');
    expect(run.sessions.get('alice')!.state).toBe('CONNECTED');
    expect(kinds(run)).toEqual(['broker.down:fault']);
  });

  it('wait: changes nothing by itself (the clock is moved before the handler)', () => {
    const run = loggedIn();
    const before = structuredClone([...run.sessions]);
    DESKTOP_HANDLERS.wait();
    expect([...run.sessions]).toEqual(before);
    expect(run.trace.events).toEqual([]);
  });
});

describe('desktop clock', () => {
  it('brings the link back before the timeout: the client reconnects to the same session', () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.outage(run, { outage: 30 });
    advance(run, 45);
    expect(run.now).toBe(45);
    expect(run.sessions.get('alice')!.state).toBe('RECONNECTED');
    expect(run.timers.has('link-up:alice')).toBe(false);
  });

  it('fires the timeout first when the link comes back too late', () => {
    const run = loggedIn();
    DESKTOP_HANDLERS.outage(run, { outage: 120 });
    advance(run, 200);
    expect(run.sessions.get('alice')).toMatchObject({ state: 'LOGGED_OFF', loggedOffAt: 60 });
    expect(run.clients.get('alice')!.link).toBe('up');
  });
});
