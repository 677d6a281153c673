import { msg, type Msg } from '../i18n.ts';
import {
  CLAIM,
  LTI_VERSION,
  MESSAGE_TYPE,
  deepLinkingClaimsSchema,
  resourceLinkClaimsSchema,
  type DeepLinkingClaims,
  type ResourceLinkClaims,
} from './claims.ts';

/** What virtlab registered for one platform (the facts the launch is checked against). */
export interface RegisteredPlatform {
  issuer: string;
  clientId: string;
  deploymentIds: readonly string[];
}

export type LaunchRefusal =
  | 'invalid_claims'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_azp'
  | 'unknown_deployment'
  | 'wrong_message_type'
  | 'wrong_version'
  | 'expired'
  | 'issued_in_future'
  | 'too_old'
  | 'nonce_mismatch';

export type LaunchCheck =
  | { ok: true; kind: 'resourceLink'; claims: ResourceLinkClaims }
  | { ok: true; kind: 'deepLinking'; claims: DeepLinkingClaims }
  | { ok: false; code: LaunchRefusal; message: Msg };

export interface LaunchExpectations {
  platform: RegisteredPlatform;
  /** The nonce virtlab sent with this state at login (SF §5.1.1.2); compared here, made single-use by the store. */
  nonce: string;
  now: Date;
  /** Leeway for exp/iat between clocks, seconds (default 60). */
  skewSeconds?: number;
  /** An id_token issued longer ago than this is refused even when not expired (default 600 s). */
  maxAgeSeconds?: number;
}

const refuse = (code: LaunchRefusal, message: Msg): LaunchCheck => ({ ok: false, code, message });

/**
 * The checks of SF §5.1.3 (authentication response validation) and Core §5.3 (required message claims) on an
 * id_token whose signature the caller has already verified against the platform's keys. Pure: the clock comes in.
 */
export function checkLaunchClaims(payload: unknown, expect: LaunchExpectations): LaunchCheck {
  if (typeof payload !== 'object' || payload === null)
    return refuse('invalid_claims', msg('id_token 내용이 올바르지 않습니다.', 'The id_token is not a claims object.'));
  const p = payload as Record<string, unknown>;
  const { platform } = expect;

  // SF §5.1.3 step 2: the issuer is the registered platform's.
  if (p.iss !== platform.issuer)
    return refuse(
      'wrong_issuer',
      msg('등록된 플랫폼이 발급한 토큰이 아닙니다.', 'The token was not issued by the registered platform.'),
    );
  // SF §5.1.3 step 3: aud contains our client_id; step 4-5: azp required with several audiences and equal to it.
  const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
  if (!aud.includes(platform.clientId))
    return refuse(
      'wrong_audience',
      msg('이 도구(client_id)를 위한 토큰이 아닙니다.', 'The token is not addressed to this tool (client_id).'),
    );
  if ((aud.length > 1 || p.azp !== undefined) && p.azp !== platform.clientId)
    return refuse(
      'wrong_azp',
      msg('토큰의 azp가 이 도구의 client_id와 다릅니다.', "The token's azp is not this tool's client_id."),
    );
  // Core §5.3.1: the message type decides the rest.
  const type = p[CLAIM.messageType];
  if (type !== MESSAGE_TYPE.resourceLink && type !== MESSAGE_TYPE.deepLinkingRequest)
    return refuse(
      'wrong_message_type',
      msg('지원하지 않는 LTI 메시지 유형입니다.', 'This LTI message type is not supported.'),
    );
  // Core §5.3.2
  if (p[CLAIM.version] !== LTI_VERSION)
    return refuse('wrong_version', msg('LTI 1.3.0 메시지가 아닙니다.', 'Not an LTI 1.3.0 message.'));
  // Core §5.3.3: the deployment must be one registered for this platform and client.
  const deployment = p[CLAIM.deploymentId];
  if (typeof deployment !== 'string' || !platform.deploymentIds.includes(deployment))
    return refuse(
      'unknown_deployment',
      msg('등록되지 않은 배포(deployment_id)입니다.', 'Unknown deployment_id for this platform.'),
    );

  // SF §5.1.3 steps 7-8: exp and iat, with a bounded leeway; a token too old is refused even if exp is far.
  const now = Math.floor(expect.now.getTime() / 1000);
  const skew = expect.skewSeconds ?? 60;
  const maxAge = expect.maxAgeSeconds ?? 600;
  if (typeof p.exp !== 'number' || p.exp + skew <= now)
    return refuse(
      'expired',
      msg('토큰이 만료되었습니다. LMS에서 다시 실행하세요.', 'The token has expired. Launch again from the LMS.'),
    );
  if (typeof p.iat !== 'number' || p.iat - skew > now)
    return refuse('issued_in_future', msg('토큰 발급 시각이 미래입니다.', 'The token was issued in the future.'));
  if (now - p.iat > maxAge)
    return refuse(
      'too_old',
      msg('토큰이 너무 오래되었습니다. LMS에서 다시 실행하세요.', 'The token is too old. Launch again from the LMS.'),
    );
  // SF §5.1.3 step 9: the nonce is the one sent with this login's state.
  if (typeof p.nonce !== 'string' || p.nonce !== expect.nonce)
    return refuse(
      'nonce_mismatch',
      msg('nonce가 이 로그인과 일치하지 않습니다.', 'The nonce does not match this login.'),
    );

  if (type === MESSAGE_TYPE.resourceLink) {
    const parsed = resourceLinkClaimsSchema.safeParse(p);
    if (!parsed.success) return invalid(parsed.error.issues);
    return { ok: true, kind: 'resourceLink', claims: parsed.data };
  }
  const parsed = deepLinkingClaimsSchema.safeParse(p);
  if (!parsed.success) return invalid(parsed.error.issues);
  return { ok: true, kind: 'deepLinking', claims: parsed.data };
}

function invalid(issues: readonly { path: readonly PropertyKey[] }[]): LaunchCheck {
  const where = issues
    .slice(0, 3)
    .map((i) => i.path.map(String).join('.'))
    .join(', ');
  return refuse(
    'invalid_claims',
    msg(`필수 LTI 클레임이 없거나 잘못되었습니다: ${where}`, `Required LTI claims are missing or invalid: ${where}`),
  );
}
