import { msg, type Msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import type { DesktopPools } from './pool.ts';
import { PROTOCOLS, supports, type Device, type Protocol } from './protocol.ts';
import { isLive, type Session } from './session.ts';

/**
 * The connection broker finds a desktop for each login: the user's running session if there is one (reconnect),
 * else a desktop from the user's pool. It only brokers: once a session is established, display traffic flows
 * between client and desktop without it, so a broker outage stops new logins but not running sessions.
 */
export interface BrokerDecision {
  at: number;
  user: string;
  action: 'assign' | 'reconnect' | 'refuse';
  desktop: string | null;
  reason: 'broker-down' | 'pool-full' | 'no-capacity' | 'protocol-unsupported' | null;
  message: Msg;
}

export class Broker {
  status: 'up' | 'down' = 'up';
  readonly decisions: BrokerDecision[] = [];

  constructor(
    private readonly pools: DesktopPools,
    private readonly trace: Trace,
  ) {}

  /** Record a login outcome. A down broker decides nothing: the client notices it cannot reach it. */
  private decide(d: BrokerDecision): BrokerDecision {
    this.decisions.push(d);
    const down = d.reason === 'broker-down';
    this.trace.emit({
      actor: down ? `client:${d.user}` : 'broker',
      lane: down ? 'client' : 'controller',
      kind: down ? 'unreachable' : d.action,
      op: 'broker.login',
      subject: d.user,
      detail: d.desktop ?? d.reason ?? undefined,
      outcome: down ? 'failed' : d.action === 'refuse' ? 'denied' : 'ok',
      note: d.message,
    });
    return d;
  }

  login(
    at: number,
    user: { name: string; pool: string },
    session: Session | undefined,
    device: Device,
    protocol: Protocol,
  ): BrokerDecision {
    const base = { at, user: user.name };
    if (this.status === 'down') {
      return this.decide({
        ...base,
        action: 'refuse',
        desktop: null,
        reason: 'broker-down',
        message: msg(
          '연결 브로커가 멈춰 있어 새 세션을 중개할 수 없습니다. 이미 연결된 세션은 계속 동작합니다.',
          'The connection broker is down, so no new session can be brokered. Established sessions keep running.',
        ),
      });
    }
    if (isLive(session)) {
      return this.decide({
        ...base,
        action: 'reconnect',
        desktop: session.desktop,
        reason: null,
        message: msg(
          `${user.name}의 세션이 ${session.desktop}에서 아직 실행 중이라 그 세션으로 다시 연결합니다.`,
          `${user.name}'s session is still running on ${session.desktop}: reconnecting to it.`,
        ),
      });
    }
    if (!supports(device, protocol)) {
      return this.decide({
        ...base,
        action: 'refuse',
        desktop: null,
        reason: 'protocol-unsupported',
        message: msg(
          `브라우저는 Blast(HTML Access, 포트 ${PROTOCOLS.blast})로만 접속할 수 있습니다.`,
          `A browser can only connect over Blast (HTML Access, port ${PROTOCOLS.blast}).`,
        ),
      });
    }
    const got = this.pools.acquire(user.name, user.pool);
    if ('reason' in got)
      return this.decide({ ...base, action: 'refuse', desktop: null, reason: got.reason, message: got.message });
    const pool = this.pools.pool(user.pool);
    return this.decide({
      ...base,
      action: 'assign',
      desktop: got.name,
      reason: null,
      message:
        pool.type === 'persistent'
          ? msg(
              `전용 데스크톱 ${got.name}을(를) 배정했습니다 (영구 풀).`,
              `Assigned dedicated desktop ${got.name} (persistent pool).`,
            )
          : msg(
              `남는 데스크톱 ${got.name}을(를) 배정했습니다 (비영구 풀).`,
              `Assigned floating desktop ${got.name} (non-persistent pool).`,
            ),
    });
  }
}
