import { msg, type Msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { Broker } from './broker.ts';
import { DesktopPools } from './pool.ts';
import { PROTOCOLS } from './protocol.ts';
import type { DesktopConfig, DesktopOp } from './schema.ts';
import { isAttached, isLive, moveTo, type Session } from './session.ts';
import type { DesktopState } from './state.ts';

interface Timer {
  at: number;
  kind: 'timeout' | 'link-up';
  user: string;
}

export function runDesktop(c: DesktopConfig, trace: Trace): DesktopState {
  const pools = new DesktopPools(c.hosts, c.pools, trace);
  const broker = new Broker(pools, trace);
  const sessions = new Map<string, Session>();
  const clients = new Map(c.users.map((u) => [u.name, { device: u.device, link: 'up' as 'up' | 'down', linkUpAt: 0 }]));
  const userCfg = new Map(c.users.map((u) => [u.name, u]));
  /** At most one pending timer per kind and user: a later outage or disconnect replaces the earlier one. */
  const timers = new Map<string, Timer>();
  const schedule = (t: Timer) => timers.set(`${t.kind}:${t.user}`, t);
  let now = 0;

  const fail = (user: string, op: string, note: Msg) =>
    trace.emit({ actor: `client:${user}`, lane: 'client', kind: 'error', op, subject: user, outcome: 'failed', note });

  const logoff = (user: string, cause: 'user' | 'timeout') => {
    const s = sessions.get(user)!;
    const lost = s.unsaved;
    s.lostWork.push(...lost);
    if (lost.length) s.work = 'lost';
    trace.emit({
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
    s.filesDiscarded.push(...pools.release(s.desktop));
  };

  const fire = (t: Timer) => {
    const s = sessions.get(t.user);
    if (t.kind === 'timeout') {
      if (s?.state === 'DISCONNECTED' && s.logoffDue === t.at) logoff(t.user, 'timeout');
      return;
    }
    const client = clients.get(t.user)!;
    if (client.link === 'up' || client.linkUpAt !== t.at) return;
    client.link = 'up';
    trace.emit({ actor: `network:${t.user}`, lane: 'network', kind: 'link-up', op: 'network.restore', subject: t.user });
    if (s?.state === 'DISCONNECTED' && userCfg.get(t.user)!.autoReconnect) {
      s.logoffDue = null;
      moveTo(s, 'RECONNECTED', now);
      trace.emit({
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
  };

  /** Run the clock to `to`, firing due timers in time order (a timeout before a link coming back at the same second). */
  const advance = (to: number) => {
    for (;;) {
      let due: Timer | undefined;
      for (const t of timers.values()) {
        const earlier = !due || t.at < due.at || (t.at === due.at && t.kind === 'timeout' && due.kind !== 'timeout');
        if (t.at <= to && earlier) due = t;
      }
      if (!due) break;
      timers.delete(`${due.kind}:${due.user}`);
      trace.spend(timers.size);
      now = due.at;
      fire(due);
    }
    now = to;
  };

  const disconnect = (user: string) => {
    const s = sessions.get(user);
    if (!isAttached(s)) return;
    const timeout = c.pools.find((p) => p.name === s.pool)!.disconnectTimeout;
    s.disconnectedAt = now;
    moveTo(s, 'DISCONNECTED', now);
    s.logoffDue = timeout === 'never' ? null : now + timeout;
    trace.emit({
      actor: `desktop:${s.desktop}`,
      lane: 'guest',
      kind: 'disconnect',
      op: 'session.disconnect',
      subject: user,
      detail: s.apps.length ? msg(`계속 실행 중: ${s.apps.join(', ')}`, `still running: ${s.apps.join(', ')}`) : undefined,
      outcome: 'lost',
      note: msg(
        `연결이 끊겼지만 세션은 데이터센터에서 계속 실행됩니다${timeout === 'never' ? '' : ` (${timeout}초 뒤 로그오프)`}.`,
        `The connection dropped, but the session keeps running in the data center${timeout === 'never' ? '' : ` (logged off after ${timeout} s)`}.`,
      ),
    });
    if (s.logoffDue === now) logoff(user, 'timeout');
    else if (s.logoffDue !== null) schedule({ at: s.logoffDue, kind: 'timeout', user });
  };

  const login = (user: string, op: Extract<DesktopOp, { login: string }>) => {
    const client = clients.get(user)!;
    if (client.link === 'down') {
      fail(user, 'session.login', msg('네트워크가 끊겨 클라이언트가 데이터센터에 닿지 못합니다.', 'The network is down: the client cannot reach the data center.'));
      return;
    }
    const cfg = userCfg.get(user)!;
    const device = op.device ?? client.device;
    client.device = device;
    const before = sessions.get(user);
    const protocol = isLive(before) ? before.protocol : (op.protocol ?? pools.pool(cfg.pool).protocol);
    trace.emit({ actor: `client:${user}`, lane: 'client', kind: 'login', op: 'session.login', subject: user, detail: `${device}, ${protocol}` });
    const d = broker.login(now, cfg, before, device, protocol);
    if (d.action === 'refuse') return;
    if (d.action === 'reconnect' && isLive(before)) {
      before.device = device;
      before.logoffDue = null;
      moveTo(before, 'RECONNECTED', now);
    } else {
      const desktop = pools.desktops.get(d.desktop!)!;
      desktop.user = user;
      sessions.set(user, {
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
    const s = sessions.get(user)!;
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
  };

  /** Input reaches the desktop only over a live connection. */
  const attached = (user: string, op: string): Session | undefined => {
    const s = sessions.get(user);
    if (isAttached(s) && clients.get(user)!.link === 'up') return s;
    fail(
      user,
      op,
      s?.state === 'DISCONNECTED'
        ? msg('세션 연결이 끊겨 입력이 데스크톱에 닿지 않습니다.', 'The session is disconnected: no input reaches the desktop.')
        : msg('연결된 세션이 없습니다.', 'There is no connected session.'),
    );
    return undefined;
  };

  const apply = (op: DesktopOp) => {
    if ('login' in op) return login(op.login, op);
    if ('open' in op) {
      const s = attached(op.open, 'app.open');
      if (!s) return;
      if (!s.apps.includes(op.doc)) s.apps.push(op.doc);
      if (!s.unsaved.includes(op.doc)) s.unsaved.push(op.doc);
      trace.emit({ actor: `desktop:${s.desktop}`, lane: 'guest', kind: 'app', op: 'app.open', subject: op.open, detail: msg(`${op.doc} (저장 안 됨)`, `${op.doc} (unsaved)`), outcome: 'ok' });
      return;
    }
    if ('save' in op) {
      const s = attached(op.save, 'file.save');
      if (!s) return;
      const desktop = pools.desktops.get(s.desktop)!;
      s.unsaved = s.unsaved.filter((d) => d !== op.doc);
      if (!s.apps.includes(op.doc)) s.apps.push(op.doc);
      if (!desktop.files.includes(op.doc)) desktop.files.push(op.doc);
      trace.emit({ actor: `client:${op.save}`, lane: 'client', kind: 'input', op: 'file.save', subject: op.save, detail: msg(`키 입력 (${s.protocol})`, `keys over ${s.protocol}`) });
      trace.emit({ actor: `desktop:${s.desktop}`, lane: 'guest', kind: 'io', op: 'file.save', subject: op.save, detail: op.doc });
      trace.emit({
        actor: `hypervisor:${s.host}`,
        lane: 'hypervisor',
        kind: 'io',
        op: 'disk.write',
        subject: s.desktop,
        detail: msg(`${op.doc} → ${s.desktop}의 가상 디스크`, `${op.doc} → virtual disk of ${s.desktop}`),
        outcome: 'ok',
        note: msg('파일은 데이터센터의 데스크톱 디스크에 저장됩니다. 클라이언트에는 아무것도 남지 않습니다.', 'The file lands on the desktop’s disk in the data center; nothing is stored on the client.'),
      });
      return;
    }
    if ('logoff' in op) {
      if (attached(op.logoff, 'session.logoff')) logoff(op.logoff, 'user');
      return;
    }
    if ('outage' in op) {
      for (const user of op.users ?? c.users.map((u) => u.name)) {
        const client = clients.get(user)!;
        client.link = 'down';
        client.linkUpAt = Math.max(client.linkUpAt, now + op.outage);
        schedule({ at: client.linkUpAt, kind: 'link-up', user });
        trace.emit({ actor: `network:${user}`, lane: 'network', kind: 'link-down', op: 'network.outage', subject: user, detail: `${op.outage} s`, outcome: 'lost' });
        disconnect(user);
      }
      return;
    }
    if ('broker' in op) {
      broker.status = op.broker;
      trace.emit({
        actor: 'broker',
        lane: 'controller',
        kind: op.broker === 'down' ? 'fault' : 'restore',
        op: `broker.${op.broker}`,
        outcome: op.broker === 'down' ? 'failed' : 'ok',
        note:
          op.broker === 'down'
            ? msg('브로커가 멈췄습니다. 이미 연결된 세션은 브로커 없이 계속됩니다.', 'The broker is down. Established sessions carry on without it.')
            : undefined,
      });
    }
  };

  c.ops.forEach((op, step) => {
    trace.step = step;
    advance(Math.max(now, op.at ?? now) + ('wait' in op ? op.wait : 0));
    apply(op);
  });

  return {
    clock: now,
    sessions: Object.fromEntries(sessions),
    desktops: Object.fromEntries(pools.desktops),
    hosts: Object.fromEntries(
      c.hosts.map((h) => [
        h.name,
        { ...pools.usage(h.name), capacity: { desktops: h.desktops ?? null, vcpus: h.vcpus ?? null, memoryGb: h.memoryGb ?? null } },
      ]),
    ),
    clients: Object.fromEntries([...clients].map(([name, cl]) => [name, { device: cl.device, link: cl.link, storage: 0 as const }])),
    broker: { status: broker.status, decisions: broker.decisions },
  };
}
