import { SignJWT } from 'jose';
import * as z from 'zod';
import { msg, type Msg } from '../../core/i18n.ts';
import { CLAIM, MESSAGE_TYPE, loginInitiationSchema, type DeepLinkingClaims } from '../../core/lti/claims.ts';
import { checkLaunchClaims } from '../../core/lti/launch.ts';
import { mapLtiRoles } from '../../core/lti/roles.ts';
import type { User } from '../auth/user.ts';
import type { LtiPlatform, LtiStore } from '../ports/lti-store.ts';
import type { Store } from '../ports/store.ts';
import { forbidden, DomainError } from '../service/errors.ts';
import { platformKeyInput } from './platforms.ts';
import { LTI_ADDED_BY } from '../../core/lti/roster-leavers.ts';
import type { FetchLike, PlatformKeys } from './platform-keys.ts';
import { TOOL_ALG, type ToolKey } from './tool-key.ts';

/** What the LTI use cases need. `baseUrl` is this tool's public origin (the redirect_uri is built from it). */
export interface LtiDeps {
  lti: LtiStore;
  store: Store;
  clock: () => Date;
  ids: () => string;
  /** An unguessable token (state, nonce): 128 bits or more, URL-safe. */
  randomToken: () => string;
  toolKey: ToolKey;
  platformKeys: PlatformKeys;
  /** Outbound HTTP to the platforms' token and roster services. */
  fetch: FetchLike;
  baseUrl: string;
  /** Lab ids that exist (a launch or a deep link naming another is refused). */
  labIds: readonly string[];
}

/** A refusal of the LTI flow: shown as a bilingual error page; nothing is stored. */
export class LtiRefusal extends Error {
  override name = 'LtiRefusal';
  constructor(
    readonly code: string,
    readonly text: Msg,
  ) {
    super(`${code}: ${text.en}`);
  }
}

const STATE_TTL_SECONDS = 600;

/** What a teacher registers (POST /lti/platforms). Deployment ids: a list, or one text from the form (comma or space separated). */
export const platformInput = platformKeyInput.extend({
  deploymentIds: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.string().min(1).max(256)).min(1).max(50),
  ),
  jwksUrl: z.string().trim().url().max(2048),
  authUrl: z.string().trim().url().max(2048),
  tokenUrl: z.string().trim().url().max(2048),
});

export type PlatformInput = z.infer<typeof platformInput>;

/** A teacher registers a platform; (issuer, client id) is unique. */
export async function registerPlatform(deps: LtiDeps, user: User, input: PlatformInput): Promise<LtiPlatform> {
  if (!user.roles.includes('teacher'))
    throw forbidden(msg('교사만 LMS를 등록할 수 있습니다.', 'Only teachers can register an LMS.'), 'teacher_only');
  const platform: LtiPlatform = { ...input, ownerId: user.id, createdAt: deps.clock().toISOString() };
  if (!(await deps.lti.putPlatform(platform)))
    throw new DomainError(
      'conflict',
      msg('이 issuer와 client_id는 이미 등록되어 있습니다.', 'This issuer and client_id are already registered.'),
      { reason: 'platform_exists' },
    );
  return platform;
}

/**
 * SF §5.1.1: third-party initiated login. Answers the URL of the platform's authorization endpoint with the
 * authentication request of SF §5.1.1.2 (scope openid, response_type id_token, response_mode form_post,
 * prompt none) and a fresh state and nonce, remembered for 10 minutes.
 */
export async function initiateLogin(deps: LtiDeps, params: Record<string, string | undefined>): Promise<string> {
  const parsed = loginInitiationSchema.safeParse(params);
  if (!parsed.success)
    throw new LtiRefusal(
      'invalid_login',
      msg(
        'LTI 로그인 요청에 iss, login_hint, target_link_uri가 필요합니다.',
        'The LTI login request needs iss, login_hint and target_link_uri.',
      ),
    );
  const p = parsed.data;
  let platform: LtiPlatform | undefined;
  if (p.client_id) platform = await deps.lti.getPlatform(p.iss, p.client_id);
  else {
    const all = await deps.lti.listPlatformsByIssuer(p.iss);
    platform = all.length === 1 ? all[0] : undefined;
  }
  if (!platform) throw unknownPlatform();
  if (p.lti_deployment_id && !platform.deploymentIds.includes(p.lti_deployment_id))
    throw new LtiRefusal(
      'unknown_deployment',
      msg('등록되지 않은 배포(deployment_id)입니다.', 'Unknown deployment_id for this platform.'),
    );
  if (!p.target_link_uri.startsWith(deps.baseUrl))
    throw new LtiRefusal(
      'wrong_target',
      msg('target_link_uri가 이 도구를 가리키지 않습니다.', 'target_link_uri does not point at this tool.'),
    );

  const state = deps.randomToken();
  const nonce = deps.randomToken();
  const expiresAt = new Date(deps.clock().getTime() + STATE_TTL_SECONDS * 1000).toISOString();
  await deps.lti.putLoginState({
    state,
    nonce,
    issuer: platform.issuer,
    clientId: platform.clientId,
    targetLinkUri: p.target_link_uri,
    expiresAt,
  });
  const url = new URL(platform.authUrl);
  const q = url.searchParams;
  q.set('scope', 'openid');
  q.set('response_type', 'id_token');
  q.set('response_mode', 'form_post');
  q.set('prompt', 'none');
  q.set('client_id', platform.clientId);
  q.set('redirect_uri', `${deps.baseUrl}/lti/launch`);
  q.set('login_hint', p.login_hint);
  q.set('state', state);
  q.set('nonce', nonce);
  if (p.lti_message_hint) q.set('lti_message_hint', p.lti_message_hint);
  return url.toString();
}

const unknownPlatform = () =>
  new LtiRefusal(
    'unknown_platform',
    msg(
      '등록되지 않은 LMS입니다. 교사가 먼저 등록해야 합니다.',
      'This LMS is not registered. A teacher must register it first.',
    ),
  );

export type LaunchOutcome =
  | { kind: 'resourceLink'; user: User; courseId: string | undefined; labId: string | undefined }
  | { kind: 'deepLinking'; user: User; platform: LtiPlatform; claims: DeepLinkingClaims };

/**
 * SF §5.1.3: the authentication response. Order: the state is known and live, the signature verifies against the
 * platform's JWKS, the claims pass `checkLaunchClaims`, and only then is the nonce spent and anything written —
 * a refused launch stores nothing.
 */
export async function launch(deps: LtiDeps, form: { id_token?: string; state?: string }): Promise<LaunchOutcome> {
  if (!form.id_token || !form.state)
    throw new LtiRefusal('invalid_launch', msg('id_token과 state가 필요합니다.', 'id_token and state are required.'));
  const now = deps.clock();
  const saved = await deps.lti.getLoginState(form.state);
  if (!saved || saved.expiresAt <= now.toISOString())
    throw new LtiRefusal(
      'unknown_state',
      msg(
        '로그인 상태(state)가 없거나 만료되었습니다. LMS에서 다시 실행하세요.',
        'The login state is unknown or expired. Launch again from the LMS.',
      ),
    );
  const platform = await deps.lti.getPlatform(saved.issuer, saved.clientId);
  if (!platform) throw unknownPlatform();

  let payload: unknown;
  try {
    payload = await deps.platformKeys.verify(form.id_token, platform.jwksUrl);
  } catch {
    throw new LtiRefusal(
      'bad_signature',
      msg(
        'id_token 서명을 플랫폼의 공개 키로 확인할 수 없습니다.',
        "The id_token's signature does not verify with the platform's keys.",
      ),
    );
  }
  const checked = checkLaunchClaims(payload, { platform, nonce: saved.nonce, now });
  if (!checked.ok) throw new LtiRefusal(checked.code, checked.message);
  const claims = checked.claims;
  // SF §5.1.3 step 9: a nonce is used once. Kept until the token could no longer be accepted.
  if (!(await deps.lti.useNonce(platform.issuer, claims.nonce, new Date((claims.exp + 600) * 1000))))
    throw new LtiRefusal(
      'nonce_reused',
      msg(
        '이미 사용된 실행 요청입니다. LMS에서 다시 실행하세요.',
        'This launch was already used. Launch again from the LMS.',
      ),
    );

  const role = mapLtiRoles(claims[CLAIM.roles]);
  const sub = claims.sub ?? `anonymous-${deps.ids()}`;
  const link = await deps.lti.linkUser({
    issuer: platform.issuer,
    sub,
    userId: `lti-${deps.ids()}`,
    name: claims.name ?? sub,
    role,
  });
  const user: User = { id: link.userId, name: link.name, roles: [role] };
  if (checked.kind === 'deepLinking') return { kind: 'deepLinking', user, platform, claims: checked.claims };

  const rl = checked.claims;
  const context = rl[CLAIM.context];
  const courseId = await courseFor(deps, platform, context, user);
  const membershipsUrl = rl[CLAIM.nrps]?.context_memberships_url;
  if (courseId && context && membershipsUrl)
    await deps.lti.putCourseLink({
      courseId,
      issuer: platform.issuer,
      clientId: platform.clientId,
      contextId: context.id,
      membershipsUrl,
    });
  const custom = rl[CLAIM.custom] ?? {};
  const fromCustom = typeof custom.lab_id === 'string' ? custom.lab_id : undefined;
  const fromTarget = new URL(rl[CLAIM.targetLinkUri] ?? saved.targetLinkUri).searchParams.get('lab') ?? undefined;
  const wanted = fromCustom ?? fromTarget;
  const labId = wanted && deps.labIds.includes(wanted) ? wanted : undefined;
  const ags = rl[CLAIM.agsEndpoint];
  if (
    courseId &&
    labId &&
    role === 'learner' &&
    ags?.lineitem &&
    ags.scope.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')
  ) {
    await deps.lti.putGradeLink({
      courseId,
      labId,
      learnerId: user.id,
      issuer: platform.issuer,
      clientId: platform.clientId,
      ltiSub: sub,
      lineItemUrl: ags.lineitem,
    });
  }
  return { kind: 'resourceLink', user, courseId, labId };
}

/** Core §5.4.1: the context becomes a virtlab course (created at its first launch) with the user a member. */
async function courseFor(
  deps: LtiDeps,
  platform: LtiPlatform,
  context: { id: string; title?: string } | undefined,
  user: User,
): Promise<string | undefined> {
  if (!context) return undefined;
  const candidate = deps.ids();
  const courseId = await deps.lti.linkContext(platform.issuer, platform.clientId, context.id, candidate);
  if (courseId === candidate) {
    const now = deps.clock().toISOString();
    await deps.store.createCourse({
      id: courseId,
      title: context.title ?? context.id,
      teacherId: platform.ownerId,
      joinCode: `LTI${deps.randomToken().slice(0, 13).toUpperCase()}`,
      createdAt: now,
    });
    // As a course a teacher opens: the owner's membership lists it among their courses.
    await deps.store.enroll({ courseId, userId: platform.ownerId, role: 'teacher', joinedAt: now });
  }
  await joinFromLms(deps, courseId, user.id, user.roles.includes('teacher') ? 'teacher' : 'learner');
  return courseId;
}

/** What making an LMS member a member of the course did. */
export type JoinOutcome = 'enrolled' | 'staff' | 'already' | 'skipped';

/**
 * An LMS member joins the course: a learner is enrolled; an instructor becomes a co-teacher (core/course/roles.ts:
 * grades, regrades, settings and roster, but not the staff or the course itself, which stay the registering
 * teacher's). Idempotent: a member already there is left as they are; a learner is never made staff, nor staff a
 * learner (`skipped`).
 */
export async function joinFromLms(
  deps: Pick<LtiDeps, 'store' | 'clock'>,
  courseId: string,
  userId: string,
  role: 'learner' | 'teacher',
): Promise<JoinOutcome> {
  const now = deps.clock().toISOString();
  const current = await deps.store.getEnrollment(courseId, userId);
  if (current) return (current.role !== 'learner') === (role === 'teacher') ? 'already' : 'skipped';
  if (role === 'learner')
    return (await deps.store.enroll({ courseId, userId, role, joinedAt: now, addedBy: LTI_ADDED_BY }))
      ? 'enrolled'
      : 'already';
  return (await deps.store.putStaff({ courseId, userId, role: 'co-teacher', joinedAt: now, addedBy: LTI_ADDED_BY }))
    ? 'staff'
    : 'skipped';
}

/**
 * DL §4.5: the LtiDeepLinkingResponse JWT, signed by the tool key, carrying one ltiResourceLink content item per
 * chosen lab (DL §3.1), each with `custom.lab_id` so the later launch finds its lab.
 */
export async function deepLinkingResponse(
  deps: LtiDeps,
  platform: LtiPlatform,
  claims: DeepLinkingClaims,
  labs: readonly { id: string; title: string }[],
): Promise<{ returnUrl: string; jwt: string }> {
  const settings = claims[CLAIM.deepLinkingSettings];
  const chosen = labs.filter((l) => deps.labIds.includes(l.id));
  const items = (settings.accept_multiple === false ? chosen.slice(0, 1) : chosen).map((l) => ({
    type: 'ltiResourceLink',
    title: l.title,
    url: `${deps.baseUrl}/lti/launch`,
    custom: { lab_id: l.id },
  }));
  const jwt = await new SignJWT({
    nonce: deps.randomToken(),
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: claims[CLAIM.deploymentId],
    [CLAIM.contentItems]: items,
    ...(settings.data !== undefined ? { [CLAIM.dlData]: settings.data } : {}),
  })
    .setProtectedHeader({ alg: TOOL_ALG, kid: deps.toolKey.kid, typ: 'JWT' })
    .setIssuer(platform.clientId) // DL §4.5: iss is the tool's client_id, aud the platform's issuer
    .setAudience(platform.issuer)
    .setIssuedAt(Math.floor(deps.clock().getTime() / 1000))
    .setExpirationTime(Math.floor(deps.clock().getTime() / 1000) + 600)
    .sign(deps.toolKey.privateKey);
  return { returnUrl: settings.deep_link_return_url, jwt };
}
