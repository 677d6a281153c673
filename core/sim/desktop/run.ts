import { msg, type Msg } from '../../i18n.ts';
import { dispatch, type OpHandlers, type OpNamed } from '../op-union.ts';
import type { Trace } from '../trace.ts';
import { Broker } from './broker.ts';
import { DesktopPools } from './pool.ts';
import { PROTOCOLS, type Device } from './protocol.ts';
import { DESKTOP_OP_KINDS, type DesktopConfig, type DesktopOp, type DesktopOpKind } from './schema.ts';
import { isAttached, isLive, moveTo, type Session } from './session.ts';
import type { DesktopState } from './state.ts';

/** A pending event of the simulated clock: a disconnected session's logoff, or a client's link coming back. */
export interface Timer {
  at: number;
  kind: 'timeout' | 'link-up';
  user: string;
}

export interface Client {
  device: Device;
  link: 'up' | 'down';
  /** When the current outage ends. */
  linkUpAt: number;
}

/** Everything a desktop run holds between two ops: what each handler reads and changes. */
export interface DesktopRun {
  config: DesktopConfig;
  trace: Trace;
  pools: DesktopPools;
  broker: Broker;
  sessions: Map<string, Session>;
  clients: Map<string, Client>;
  users: Map<string, DesktopConfig['users'][number]>;
  /** At most one pending timer per kind and user: a later outage or disconnect replaces the earlier one. */
  timers: Map<string, Timer>;
  /** Simulated time, seconds. */
  now: number;
}

export function startDesktop(config: DesktopConfig, trace: Trace): DesktopRun {
  const pools = new DesktopPools(config.hosts, config.pools, trace);
  return {
    config,
    trace,
    pools,
    broker: new Broker(pools, trace),
    sessions: new Map(),
    clients: new Map(config.users.map((u) => [u.name, { device: u.device, link: 'up', linkUpAt: 0 }])),
    users: new Map(config.users.map((u) => [u.name, u])),
    timers: new Map(),
    now: 0,
  };
}

type Handlers = OpHandlers<DesktopRun, DesktopOp, DesktopOpKind>;

/** One handler per op; the clock has already been advanced to the op's time. */
export const DESKTOP_HANDLERS = {
  login: (run, op) => login(run, op.login, op),
  open(run, op) {
    const s = attached(run, op.open, 'app.open');
    if (!s) return;
    if (!s.apps.includes(op.doc)) s.apps.push(op.doc);
    if (!s.unsaved.includes(op.doc)) s.unsaved.push(op.doc);
    run.trace.emit({
      actor: `desktop:${s.desktop}`,
      lane: 'guest',
      kind: 'app',
      op: 'app.open',
      subject: op.open,
      detail: msg(`${op.doc} (저장 안 됨)`, `${op.doc} (unsaved)`),
      outcome: 'ok',
    });
  },
  save(run, op) {
    const s = attached(run, op.save, 'file.save');
    if (!s) return;
    const desktop = run.pools.desktops.get(s.desktop)!;
    s.unsaved = s.unsaved.filter((d) => d !== op.doc);
    if (!s.apps.includes(op.doc)) s.apps.push(op.doc);
    if (!desktop.files.includes(op.doc)) desktop.files.push(op.doc);
    const { trace } = run;
    trace.emit({
      actor: `client:${op.save}`,
      lane: 'client',
      kind: 'input',
      op: 'file.save',
      subject: op.save,
      detail: msg(`키 입력 (${s.protocol})`, `keys over ${s.protocol}`),
    });
    trace.emit({
      actor: `desktop:${s.desktop}`,
      lane: 'guest',
      kind: 'io',
      op: 'file.save',
      subject: op.save,
      detail: op.doc,
    });
    trace.emit({
      actor: `hypervisor:${s.host}`,
      lane: 'hypervisor',
      kind: 'io',
      op: 'disk.write',
      subject: s.desktop,
      detail: msg(`${op.doc} → ${s.desktop}의 가상 디스크`, `${op.doc} → virtual disk of ${s.desktop}`),
      outcome: 'ok',
      note: msg(
        '파일은 데이터센터의 데스크톱 디스크에 저장됩니다. 클라이언트에는 아무것도 남지 않습니다.',
        'The file lands on the desktop’s disk in the data center; nothing is stored on the client.',
      ),
    });
  },
  logoff(run, op) {
    if (attached(run, op.logoff, 'session.logoff')) logoff(run, op.logoff, 'user');
  },
  outage(run, op) {
    for (const user of op.users ?? run.config.users.map((u) => u.name)) {
      const client = run.clients.get(user)!;
      client.link = 'down';
      client.linkUpAt = Math.max(client.linkUpAt, run.now + op.outage);
      schedule(run, { at: client.linkUpAt, kind: 'link-up', user });
      run.trace.emit({
        actor: `network:${user}`,
        lane: 'network',
        kind: 'link-down',
        op: 'network.outage',
        subject: user,
        detail: `${op.outage} s`,
        outcome: 'lost',
      });
      disconnect(run, user);
    }
  },
  broker(run, op) {
    run.broker.status = op.broker;
    run.trace.emit({
      actor: 'broker',
      lane: 'controller',
      kind: op.broker === 'down' ? 'fault' : 'restore',
      op: `broker.${op.broker}`,
      outcome: op.broker === 'down' ? 'failed' : 'ok',
      note:
        op.broker === 'down'
          ? msg(
              '브로커가 멈췄습니다. 이미 연결된 세션은 브로커 없이 계속됩니다.',
              'The broker is down. Established sessions carry on without it.',
            )
          : undefined,
    });
  },
  /** Only the clock moves (advance() did it). */
  wait: () => undefined,
} satisfies Handlers;

/** Run one op: the clock first (firing what falls due), then the op's handler. */
export function step(run: DesktopRun, op: DesktopOp): void {
  advance(run, Math.max(run.now, op.at ?? run.now) + ('wait' in op ? op.wait : 0));
  dispatch(DESKTOP_OP_KINDS, DESKTOP_HANDLERS, run, op);
}

/**
 * The `desktop` target's run: the ops in order on a simulated clock (seconds), with the timers they set (disconnect
 * timeouts, links coming back) firing in between.
 */
export function runDesktop(config: DesktopConfig, trace: Trace): DesktopState {
  const run = startDesktop(config, trace);
  config.ops.forEach((op, i) => {
    trace.step = i;
    step(run, op);
  });
  return desktopState(run);
}

export function desktopState(run: DesktopRun): DesktopState {
  return {
    clock: run.now,
    sessions: Object.fromEntries(run.sessions),
    desktops: Object.fromEntries(run.pools.desktops),
    hosts: Object.fromEntries(
      run.config.hosts.map((h) => [
        h.name,
        {
          ...run.pools.usage(h.name),
          capacity: { desktops: h.desktops ?? null, vcpus: h.vcpus ?? null, memoryGb: h.memoryGb ?? null },
        },
      ]),
    ),
    clients: Object.fromEntries(
      [...run.clients].map(([name, cl]) => [name, { device: cl.device, link: cl.link, storage: 0 as const }]),
    ),
    broker: { status: run.broker.status, decisions: run.broker.decisions },
  };
}

const schedule = (run: DesktopRun, t: Timer) => run.timers.set(`${t.kind}:${t.user}`, t);

function fail(run: DesktopRun, user: string, op: string, note: Msg): void {
  run.trace.emit({
    actor: `client:${user}`,
    lane: 'client',
    kind: 'error',
    op,
    subject: user,
    outcome: 'failed',
    note,
  });
}

/** Run the clock to `to`, firing due timers in time order (a timeout before a link coming back at the same second). */
export function advance(run: DesktopRun, to: number): void {
  for (;;) {
    let due: Timer | undefined;
    for (const t of run.timers.values()) {
      const earlier = !due || t.at < due.at || (t.at === due.at && t.kind === 'timeout' && due.kind !== 'timeout');
      if (t.at <= to && earlier) due = t;
    }
    if (!due) break;
    run.timers.delete(`${due.kind}:${due.user}`);
    run.trace.spend(run.timers.size);
    run.now = due.at;
    fire(run, due);
  }
  run.now = to;
}

/** A timer falls due: a stale one (replaced, or its session moved on) does nothing. */
function fire(run: DesktopRun, t: Timer): void {
  const s = run.sessions.get(t.user);
  if (t.kind === 'timeout') {
    if (s?.state === 'DISCONNECTED' && s.logoffDue === t.at) logoff(run, t.user, 'timeout');
    return;
  }
  const client = run.clients.get(t.user)!;
  if (client.link === 'up' || client.linkUpAt !== t.at) return;
  client.link = 'up';
  run.trace.emit({
    actor: `network:${t.user}`,
    lane: 'network',
    kind: 'link-up',
    op: 'network.restore',
    subject: t.user,
  });
  if (s?.state === 'DISCONNECTED' && run.users.get(t.user)!.autoReconnect) {
    s.logoffDue = null;
    moveTo(s, 'RECONNECTED', run.now);
    run.trace.emit({
      actor: `client:${t.user}`,
      lane: 'client',
      kind: 'reconnect',
      op: 'session.reconnect',
      subject: t.user,
      detail: `${s.protocol} → ${s.desktop}:${s.port}`,
      outcome: 'ok',
      note: msg(
        `클라이언트가 스스로 다시 연결해 같은 세션(열린 앱과 작업 그대로)으로 돌아왔습니다. 브로커는 필요 없습니다.`,
        'The client reconnected by itself to the same session, apps and work intact; no broker needed.',
      ),
    });
  }
}

function logoff(run: DesktopRun, user: string, cause: 'user' | 'timeout'): void {
  const s = run.sessions.get(user)!;
  const { now } = run;
  const lost = s.unsaved;
  s.lostWork.push(...lost);
  if (lost.length) s.work = 'lost';
  run.trace.emit({
    actor: `desktop:${s.desktop}`,
    lane: 'guest',
    kind: 'logoff',
    op: `session.logoff`,
    subject: user,
    detail: cause,
    outcome: lost.length ? 'lost' : 'ok',
    note:
      cause === 'timeout'
        ? msg(
            `연결이 끊긴 지 ${now - (s.disconnectedAt ?? now)}초가 지나 제한 시간에 걸려 로그오프했습니다.${lost.length ? ` 저장하지 않은 ${lost.join(', ')}은(는) 사라졌습니다.` : ''}`,
            `Disconnected for ${now - (s.disconnectedAt ?? now)} s: the disconnect timeout logged the session off.${lost.length ? ` Unsaved ${lost.join(', ')} is lost.` : ''}`,
          )
        : msg(
            `로그오프했습니다.${lost.length ? ` 저장하지 않은 ${lost.join(', ')}은(는) 사라졌습니다.` : ''}`,
            `Logged off.${lost.length ? ` Unsaved ${lost.join(', ')} is lost.` : ''}`,
          ),
  });
  s.apps = [];
  s.unsaved = [];
  s.logoffDue = null;
  s.loggedOffAt = now;
  moveTo(s, 'LOGGED_OFF', now);
  s.filesDiscarded.push(...run.pools.release(s.desktop));
}

/** The link dropped: an attached session keeps running, disconnected, until the pool's timeout logs it off. */
function disconnect(run: DesktopRun, user: string): void {
  const s = run.sessions.get(user);
  if (!isAttached(s)) return;
  const { now } = run;
  const timeout = run.config.pools.find((p) => p.name === s.pool)!.disconnectTimeout;
  s.disconnectedAt = now;
  moveTo(s, 'DISCONNECTED', now);
  s.logoffDue = timeout === 'never' ? null : now + timeout;
  run.trace.emit({
    actor: `desktop:${s.desktop}`,
    lane: 'guest',
    kind: 'disconnect',
    op: 'session.disconnect',
    subject: user,
    detail: s.apps.length
      ? msg(`계속 실행 중: ${s.apps.join(', ')}`, `still running: ${s.apps.join(', ')}`)
      : undefined,
    outcome: 'lost',
    note: msg(
      `연결이 끊겼지만 세션은 데이터센터에서 계속 실행됩니다${timeout === 'never' ? '' : ` (${timeout}초 뒤 로그오프)`}.`,
      `The connection dropped, but the session keeps running in the data center${timeout === 'never' ? '' : ` (logged off after ${timeout} s)`}.`,
    ),
  });
  if (s.logoffDue === now) logoff(run, user, 'timeout');
  else if (s.logoffDue !== null) schedule(run, { at: s.logoffDue, kind: 'timeout', user });
}

function login(run: DesktopRun, user: string, op: OpNamed<DesktopOp, 'login'>): void {
  const { trace, now } = run;
  const client = run.clients.get(user)!;
  if (client.link === 'down') {
    fail(
      run,
      user,
      'session.login',
      msg(
        '네트워크가 끊겨 클라이언트가 데이터센터에 닿지 못합니다.',
        'The network is down: the client cannot reach the data center.',
      ),
    );
    return;
  }
  const cfg = run.users.get(user)!;
  const device = op.device ?? client.device;
  client.device = device;
  const before = run.sessions.get(user);
  const protocol = isLive(before) ? before.protocol : (op.protocol ?? run.pools.pool(cfg.pool).protocol);
  trace.emit({
    actor: `client:${user}`,
    lane: 'client',
    kind: 'login',
    op: 'session.login',
    subject: user,
    detail: `${device}, ${protocol}`,
  });
  const d = run.broker.login(now, cfg, before, device, protocol);
  if (d.action === 'refuse') return;
  if (d.action === 'reconnect' && isLive(before)) {
    before.device = device;
    before.logoffDue = null;
    moveTo(before, 'RECONNECTED', now);
  } else {
    const desktop = run.pools.desktops.get(d.desktop!)!;
    desktop.user = user;
    run.sessions.set(user, {
      state: 'CONNECTED',
      desktop: d.desktop!,
      pool: cfg.pool,
      host: desktop.host,
      device,
      protocol,
      port: PROTOCOLS[protocol],
      apps: [],
      unsaved: [],
      work: before?.work ?? 'kept',
      lostWork: before?.lostWork ?? [],
      filesDiscarded: before?.filesDiscarded ?? [],
      startedAt: now,
      disconnectedAt: null,
      logoffDue: null,
      loggedOffAt: null,
      history: [...(before?.history ?? []), { at: now, state: 'CONNECTED' }],
    });
  }
  const s = run.sessions.get(user)!;
  trace.emit({
    actor: `network:${user}`,
    lane: 'network',
    kind: 'display',
    op: 'session.display',
    subject: user,
    detail: msg(
      `${protocol.toUpperCase()} 포트 ${s.port} → ${s.desktop} (호스트 ${s.host})`,
      `${protocol.toUpperCase()} port ${s.port} → ${s.desktop} on ${s.host}`,
    ),
    outcome: 'ok',
  });
}

/** Input reaches the desktop only over a live connection. */
function attached(run: DesktopRun, user: string, op: string): Session | undefined {
  const s = run.sessions.get(user);
  if (isAttached(s) && run.clients.get(user)!.link === 'up') return s;
  fail(
    run,
    user,
    op,
    s?.state === 'DISCONNECTED'
      ? msg(
          '세션 연결이 끊겨 입력이 데스크톱에 닿지 않습니다.',
          'The session is disconnected: no input reaches the desktop.',
        )
      : msg('연결된 세션이 없습니다.', 'There is no connected session.'),
  );
  return undefined;
}
