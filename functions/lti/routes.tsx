import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import { CLAIM, type DeepLinkingClaims } from '../../core/lti/claims.ts';
import type { Msg } from '../../core/i18n.ts';
import type { User } from '../auth/user.ts';
import type { AppEnv } from '../http/deps.ts';
import { SESSION_COOKIE } from '../http/middleware/auth.ts';
import { errors } from '../http/errors.ts';
import { guardBody } from '../http/middleware/body.ts';
import { bilingualIssues } from '../http/zod-issues.ts';
import { failedScores, retryFailedScore } from './failed-scores.ts';
import { syncRoster } from './roster-sync.ts';
import {
  deepLinkingResponse,
  initiateLogin,
  launch,
  LtiRefusal,
  platformInput,
  registerPlatform,
  type LtiDeps,
} from './service.ts';
import { TOOL_ALG } from './tool-key.ts';

export interface LtiRouteDeps extends Omit<LtiDeps, 'baseUrl'> {
  /** This tool's public origin; absent, the request's (local mode). Behind CloudFront: the site origin. */
  baseUrl?: string;
  /** A virtlab session token for a launched user (the cookie the pages read); absent → a page with a link. */
  startSession?: (user: User) => Promise<string | undefined>;
  labs: readonly { id: string; title: string }[];
  secureCookies?: boolean;
}

/** A JSON body (a form from another site cannot send one: the API's CSRF rule), small. */
const json = guardBody({ types: ['application/json'], maxBytes: 8192 });

function Page(props: { title: string; children: unknown }) {
  return (
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <title>{props.title}</title>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** Every refusal: one page in both languages, status 400 (401 for a bad signature), nothing stored. */
function refusalPage(c: Context<AppEnv>, code: string, text: Msg) {
  return c.html(
    <Page title="LTI">
      <main>
        <h1 lang="ko">LMS에서 실행할 수 없습니다</h1>
        <p lang="ko">{text.ko}</p>
        <h1 lang="en">This launch from your LMS was refused</h1>
        <p lang="en">{text.en}</p>
        <p>
          <code>{code}</code>
        </p>
      </main>
    </Page>,
    code === 'bad_signature' ? 401 : 400,
  );
}

/**
 * The LTI 1.3 tool's routes: `/.well-known/jwks.json`, `/lti/login`, `/lti/launch`, `/lti/deep-link`, the
 * teachers' registration API `POST /lti/platforms` and the course's LTI tools under `/api/courses/{id}/lti/`.
 * Mounted by `createApp` (its `authenticate` sets `c.get('user')` for the teachers' routes and its error handler
 * answers their refusals; launches carry their own proof and answer pages).
 */
export function ltiRoutes(deps: LtiRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const withBase = (c: Context<AppEnv>): LtiDeps => ({ ...deps, baseUrl: deps.baseUrl ?? new URL(c.req.url).origin });

  app.get('/.well-known/jwks.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json({ keys: [deps.toolKey.publicJwk] });
  });

  app.post('/lti/platforms', json, async (c) => {
    const user = c.get('user');
    if (!user) throw errors.unauthenticated();
    const body: unknown = JSON.parse(c.get('bodyText') || 'null');
    const parsed = platformInput.safeParse(body);
    if (!parsed.success) throw errors.invalid(bilingualIssues(parsed.error, body));
    return c.json(await registerPlatform(withBase(c), user, parsed.data), 201);
  });

  // The course's LTI tools for its staff: the scores the LMS refused (dead letters), their retry, the roster sync.
  app.get('/api/courses/:courseId/lti/failed-scores', async (c) => {
    const user = c.get('user');
    if (!user) throw errors.unauthenticated();
    return c.json({ scores: await failedScores(deps, user, c.req.param('courseId')) });
  });
  app.post('/api/courses/:courseId/lti/failed-scores/:id/retry', json, async (c) => {
    const user = c.get('user');
    if (!user) throw errors.unauthenticated();
    await retryFailedScore(deps, user, c.req.param('courseId'), c.req.param('id'));
    return c.json({ retried: true });
  });
  app.post('/api/courses/:courseId/lti/roster-sync', json, async (c) => {
    const user = c.get('user');
    if (!user) throw errors.unauthenticated();
    return c.json(await syncRoster(withBase(c), user, c.req.param('courseId')));
  });

  const login = async (c: Context<AppEnv>) => {
    const params: Record<string, string | undefined> = { ...c.req.query() };
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody().catch(() => ({}));
      for (const [k, v] of Object.entries(form)) if (typeof v === 'string') params[k] = v;
    }
    try {
      return c.redirect(await initiateLogin(withBase(c), params), 302);
    } catch (err) {
      if (err instanceof LtiRefusal) return refusalPage(c, err.code, err.text);
      throw err;
    }
  };
  app.get('/lti/login', login);
  app.post('/lti/login', login);

  app.post('/lti/launch', async (c) => {
    const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const field = (k: string) => (typeof form[k] === 'string' ? form[k] : undefined);
    try {
      const out = await launch(withBase(c), { id_token: field('id_token'), state: field('state') });
      const token = await deps.startSession?.(out.user);
      if (token)
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          path: '/',
          // The launch arrives in the LMS's iframe or a new tab; SameSite=None needs Secure (HTTPS only).
          sameSite: deps.secureCookies ? 'None' : 'Lax',
          secure: deps.secureCookies ?? false,
        });
      if (out.kind === 'deepLinking')
        return c.html(await pickerPage(deps, out.platform.issuer, out.platform.clientId, out.claims));
      const to = out.labId ? `/labs/${out.labId}${out.courseId ? `?courseId=${out.courseId}` : ''}` : '/';
      if (token) return c.redirect(to, 303);
      return c.html(
        <Page title="virtlab">
          <p>
            {out.user.name}: <a href={to}>virtlab</a>
          </p>
        </Page>,
      );
    } catch (err) {
      if (err instanceof LtiRefusal) return refusalPage(c, err.code, err.text);
      throw err;
    }
  });

  app.post('/lti/deep-link', async (c) => {
    const form: Record<string, unknown> = await c.req.parseBody({ all: true }).catch(() => ({}));
    const ticket = typeof form.ticket === 'string' ? form.ticket : '';
    const chosen = ([] as unknown[]).concat(form.lab ?? []).filter((v): v is string => typeof v === 'string');
    let carried: { iss: string; cid: string; claims: DeepLinkingClaims };
    try {
      const { payload } = await jwtVerify(ticket, deps.toolKey.publicKey, {
        algorithms: [TOOL_ALG],
        audience: 'virtlab-deep-link',
        currentDate: deps.clock(),
      });
      carried = payload as unknown as typeof carried;
    } catch {
      return refusalPage(c, 'bad_ticket', {
        ko: '선택 시간이 지났거나 요청이 변조되었습니다. LMS에서 다시 시작하세요.',
        en: 'The selection expired or was tampered with. Start again from the LMS.',
      });
    }
    const platform = await deps.lti.getPlatform(carried.iss, carried.cid);
    if (!platform) return refusalPage(c, 'unknown_platform', { ko: '등록되지 않은 LMS입니다.', en: 'Unknown LMS.' });
    const labs = deps.labs.filter((l) => chosen.includes(l.id));
    const { returnUrl, jwt } = await deepLinkingResponse(withBase(c), platform, carried.claims, labs);
    // DL §4.5: the response JWT is form-posted to deep_link_return_url as the `JWT` parameter.
    return c.html(
      <Page title="virtlab">
        <form method="post" action={returnUrl} id="dl">
          <input type="hidden" name="JWT" value={jwt} />
          <button type="submit">LMS로 돌아가기 / Return to the LMS</button>
        </form>
        <script>document.getElementById('dl').submit();</script>
      </Page>,
    );
  });

  return app;
}

/**
 * The lab picker of a deep linking request. The request's claims ride along in a ticket signed with the tool key
 * (10 minutes, audience `virtlab-deep-link`), so nothing is stored and a forged selection fails verification.
 */
async function pickerPage(deps: LtiRouteDeps, iss: string, cid: string, claims: DeepLinkingClaims) {
  const now = Math.floor(deps.clock().getTime() / 1000);
  const ticket = await new SignJWT({ iss, cid, claims })
    .setProtectedHeader({ alg: TOOL_ALG })
    .setAudience('virtlab-deep-link')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(deps.toolKey.privateKey);
  const multiple = claims[CLAIM.deepLinkingSettings].accept_multiple !== false;
  return (
    <Page title="virtlab: 실습 선택 / choose labs">
      <main>
        <h1>실습 선택 / Choose labs</h1>
        <form method="post" action="/lti/deep-link">
          <input type="hidden" name="ticket" value={ticket} />
          {deps.labs.map((l) => (
            <label>
              <input type={multiple ? 'checkbox' : 'radio'} name="lab" value={l.id} /> {l.title}
              <br />
            </label>
          ))}
          <button type="submit">추가 / Add</button>
        </form>
      </main>
    </Page>
  );
}
