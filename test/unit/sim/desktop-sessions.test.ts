import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../core/sim/simulate.ts';
import type { DesktopState } from '../../../core/sim/desktop/state.ts';
import { example, validState } from './example-fixture.ts';

const state = (config: unknown) => validState<DesktopState>(config);
const states = (s: DesktopState, user: string) => s.sessions[user].history.map((h) => h.state);

/** A one-user deployment to vary: `ops` run against user `u` in pool `p`. */
const single = (pool: object, ops: object[]) => ({
  target: 'desktop',
  hosts: [{ name: 'dc1', desktops: 4 }],
  pools: [{ name: 'p', type: 'persistent', size: 2, ...pool }],
  users: [{ name: 'u', pool: 'p' }],
  ops,
});

describe('desktop: sessions through network outages', () => {
  const s = state(example('desktop-pool-network-blip'));

  it('a blip shorter than the disconnect timeout: the session keeps running and the client comes back to the same work', () => {
    expect(states(s, 'alice').slice(0, 3)).toEqual(['CONNECTED', 'DISCONNECTED', 'RECONNECTED']);
    expect(s.sessions.alice.history[2].at).toBe(160);
  });

  it('an outage longer than the timeout logs both off and loses unsaved work', () => {
    for (const user of ['alice', 'bob']) {
      expect(states(s, user).slice(3)).toEqual(['DISCONNECTED', 'LOGGED_OFF', 'CONNECTED']);
      expect(s.sessions[user].history[4].at).toBe(600);
      expect(s.sessions[user].work).toBe('lost');
      expect(s.sessions[user].lostWork).toEqual(['notes.txt', 'draft.txt']);
    }
  });

  it('persistent: Alice returns to her own desktop with her saved file; non-persistent: Bob’s desktop was refreshed', () => {
    expect(s.sessions.alice.desktop).toBe('office-1');
    expect(s.desktops['office-1']).toMatchObject({ assignedTo: 'alice', files: ['plan.docx'], refreshes: 0 });
    expect(s.sessions.bob.filesDiscarded).toEqual(['plan.docx']);
    expect(s.desktops[s.sessions.bob.desktop]).toMatchObject({ files: [], refreshes: 1, assignedTo: null });
  });

  it('nothing is stored on any client; files land on desktop disks', () => {
    for (const c of Object.values(s.clients)) expect(c.storage).toBe(0);
    const writes = simulate(example('desktop-pool-network-blip')).events.filter((e) => e.op === 'disk.write');
    expect(writes.map((e) => e.lane)).toEqual(['hypervisor', 'hypervisor']);
  });

  it('input does not reach a disconnected session', () => {
    const r = simulate(
      single({ disconnectTimeout: 600 }, [{ login: 'u' }, { outage: 100 }, { at: 10, open: 'u', doc: 'a.txt' }]),
    );
    expect(r.events.find((e) => e.op === 'app.open')).toMatchObject({ outcome: 'failed', lane: 'client' });
    expect((r.state as DesktopState).sessions.u).toMatchObject({ state: 'DISCONNECTED', apps: [] });
  });

  it('without auto-reconnect a manual login through the broker returns to the same session', () => {
    const config = single({ disconnectTimeout: 600 }, [
      { login: 'u' },
      { open: 'u', doc: 'a.txt' },
      { at: 5, outage: 60 },
      { at: 100, login: 'u', device: 'tablet' },
    ]);
    config.users[0] = { name: 'u', pool: 'p', autoReconnect: false } as never;
    const s = state(config);
    expect(states(s, 'u')).toEqual(['CONNECTED', 'DISCONNECTED', 'RECONNECTED']);
    expect(s.sessions.u).toMatchObject({ device: 'tablet', unsaved: ['a.txt'], work: 'kept' });
    expect(s.broker.decisions.map((d) => d.action)).toEqual(['assign', 'reconnect']);
  });

  it('property: the session survives exactly when the outage is shorter than the timeout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (outage, timeout) => {
        const s = state(
          single({ disconnectTimeout: timeout }, [
            { login: 'u' },
            { open: 'u', doc: 'w.txt' },
            { at: 10, outage },
            { wait: 5000 },
          ]),
        );
        const survived = outage < timeout;
        expect(s.sessions.u.state).toBe(survived ? 'RECONNECTED' : 'LOGGED_OFF');
        expect(s.sessions.u.work).toBe(survived ? 'kept' : 'lost');
        if (!survived) expect(s.sessions.u.loggedOffAt).toBe(10 + timeout);
      }),
      { numRuns: 150 },
    );
  });

  it('a timeout of never keeps a disconnected session forever', () => {
    const s = state(
      single({ disconnectTimeout: 'never' }, [{ login: 'u' }, { outage: 100, users: ['u'] }, { wait: 50 }]),
    );
    expect(s.sessions.u).toMatchObject({ state: 'DISCONNECTED', logoffDue: null });
    expect(s.clients.u.link).toBe('down');
    expect(s.clock).toBe(50);
  });
});

describe('desktop: broker and capacity', () => {
  const s = state(example('desktop-capacity-broker'));

  it('refuses a login beyond host capacity with the reason', () => {
    const refusal = s.broker.decisions.find((d) => d.user === 'dave')!;
    expect(refusal).toMatchObject({ action: 'refuse', reason: 'no-capacity', at: 10 });
    expect(refusal.message.en).toContain('4/4 vCPU');
    expect(s.hosts.dc1).toMatchObject({ desktops: 1, vcpus: 4, capacity: { vcpus: 4 } });
  });

  it('a down broker stops new logins but not established sessions', () => {
    expect(s.broker.decisions.filter((d) => d.reason === 'broker-down').map((d) => d.user)).toEqual(['dave']);
    expect(s.sessions.carol.state).toBe('CONNECTED');
    expect(s.desktops[s.sessions.carol.desktop].files).toEqual(['build.log']);
  });

  it('after logoff a floating desktop is refreshed and handed to the next user', () => {
    expect(s.sessions.dave).toMatchObject({ state: 'CONNECTED', desktop: 'eng-2', protocol: 'rdp', port: 3389 });
    expect(s.desktops['eng-2'].refreshes).toBe(1);
  });

  it('a pool at its size refuses further logins', () => {
    const config = single({ size: 1 }, [{ login: 'u' }, { login: 'v' }]);
    config.users.push({ name: 'v', pool: 'p' });
    expect(state(config).broker.decisions[1]).toMatchObject({ action: 'refuse', reason: 'pool-full' });
  });

  it('a browser connects only over Blast', () => {
    const s = state(
      single({ protocol: 'pcoip' }, [
        { login: 'u', device: 'browser' },
        { login: 'u', device: 'browser', protocol: 'blast' },
      ]),
    );
    expect(s.broker.decisions.map((d) => d.reason ?? d.action)).toEqual(['protocol-unsupported', 'assign']);
    expect(s.sessions.u.port).toBe(8443);
  });

  it('non-persistent pools with onLogoff delete free the host', () => {
    const s = state(single({ type: 'non-persistent', onLogoff: 'delete' }, [{ login: 'u' }, { logoff: 'u' }]));
    expect(s.desktops).toEqual({});
    expect(s.hosts.dc1.desktops).toBe(0);
  });
});

describe('desktop: configuration errors', () => {
  it('points at unknown users, pools and time going backwards, in both languages', () => {
    const r = simulate(
      single({}, [
        { at: 50, login: 'u' },
        { at: 10, login: 'zed' },
        { outage: 5, users: ['nobody'] },
      ]),
    );
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['ops[1].login', 'ops[1].at', 'ops[2].users[0]']);
    expect(r.errors[1].message.ko).toContain('거꾸로');
  });

  it('names the operation and the field at fault instead of a bare "invalid input"', () => {
    const r = simulate(single({}, [{ logn: 'u' }, { login: 'u', device: 'fax' }]));
    expect(r.errors.map((e) => e.path)).toEqual(['ops[0]', 'ops[1]']);
    expect(r.errors[0].message.en).toMatch(/one of these keys: login, open/);
    expect(r.errors[1].message.en).toMatch(/^login operation, device: .*thin-client/);
    expect(r.errors[1].message.ko).toMatch(/^login 연산의 device/);
  });

  it('rejects an unknown protocol by schema', () => {
    const r = simulate(single({ protocol: 'vnc' }, []));
    expect(r.errors[0].path).toBe('pools[0].protocol');
  });
});
