import { msg, utcDateTime, type Lang } from '../../../core/i18n.ts';
import type { CourseOffering } from '../../../core/course/course.ts';
import type { LtiOutboxRecord, LtiPlatform } from '../../ports/lti-store.ts';
import { DataTable, SubmitWithStatus } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { CoursePicker, teacherStrings } from './teacher-pages.tsx';

/** This page's strings, Korean first (the LTI words stay as the LMSs show them). */
const S = {
  title: msg('LMS 연동 (LTI 1.3)', 'LMS integration (LTI 1.3)'),
  urlsTitle: msg('LMS에 붙여 넣을 주소', 'URLs to paste into the LMS'),
  urlsIntro: msg(
    'Canvas의 "LTI key"나 Moodle의 "External tool" 설정에 아래 값을 넣으세요. 자세한 안내는 docs/lti.md에 있습니다.',
    'Enter these in Canvas ("LTI key") or Moodle ("External tool"). docs/lti.md walks through both.',
  ),
  field: msg('LMS 항목', 'LMS field'),
  value: msg('값', 'Value'),
  targetLink: msg('Target link URI / Tool URL', 'Target link URI / Tool URL'),
  loginUrl: msg('OpenID Connect 로그인 시작 URL', 'OpenID Connect initiation URL'),
  redirect: msg('Redirect URI', 'Redirect URI'),
  jwks: msg('공개 키 세트(JWKS) URL', 'Public keyset (JWKS) URL'),
  deepLink: msg('Deep Linking URL', 'Deep Linking URL'),
  registerTitle: msg('LMS 등록', 'Register an LMS'),
  registerIntro: msg(
    'LMS가 보여 주는 값을 옮겨 적으세요. issuer와 client ID 조합마다 한 번 등록합니다.',
    'Copy what the LMS shows. Each issuer and client ID pair is registered once.',
  ),
  issuer: msg('Issuer (Platform ID)', 'Issuer (Platform ID)'),
  clientId: msg('Client ID', 'Client ID'),
  deploymentIds: msg('Deployment ID (여럿이면 쉼표로 구분)', 'Deployment IDs (comma separated)'),
  jwksUrl: msg('LMS 공개 키 세트 URL', "The LMS's public keyset URL"),
  authUrl: msg('인증 요청 URL', 'Authentication request URL'),
  tokenUrl: msg('액세스 토큰 URL', 'Access token URL'),
  register: msg('등록', 'Register'),
  platformsTitle: msg('내가 등록한 LMS', 'LMSs you registered'),
  platformsNone: msg('아직 등록한 LMS가 없습니다.', 'You have not registered an LMS yet.'),
  deployments: msg('Deployment ID', 'Deployment IDs'),
  registeredAt: msg('등록 시각 (UTC)', 'Registered (UTC)'),
  registeredBy: msg('등록한 사람', 'Registered by'),
  remove: msg('삭제', 'Delete'),
  deleteTitle: msg('LMS 등록 삭제', 'Delete an LMS registration'),
  deleteWhat: msg(
    '이 LMS에서의 실행은 거부되고, 이 LMS로 만든 강좌의 명단 동기화와 점수 전송이 멈춥니다(보내지 못한 점수는 실패한 점수로 남습니다). 강좌와 구성원, 제출, 성적은 그대로 남으며, 같은 issuer와 client ID를 다시 등록하면 이어집니다. 삭제는 그 강좌들의 감사 로그에 기록됩니다.',
    'Launches from this LMS will be refused, and the courses made from it stop syncing their roster and posting scores (scores not sent wait as failed scores). The courses, their members, submissions and grades stay; registering the same issuer and client ID again resumes them. The deletion is recorded in those courses’ audit logs.',
  ),
  deleteConfirm: msg('등록 삭제', 'Delete the registration'),
  cancel: msg('취소', 'Cancel'),
  deleted: msg('LMS 등록을 삭제했습니다.', 'The LMS registration was deleted.'),
  rosterTitle: msg('명단 동기화 (NRPS)', 'Roster sync (NRPS)'),
  rosterIntro: msg(
    'LMS 강좌의 활성 구성원을 이 강좌에 등록합니다. 학습자는 학습자로, 교수자는 공동 교사로 들어옵니다. LMS에서 빠진 학습자는 LMS 연동으로 얻은 등록을 잃습니다(제출과 성적은 남습니다). 여러 번 해도 같습니다.',
    "Enrols the LMS course's active members here: learners as learners, instructors as co-teachers. Learners the LMS dropped lose the membership the LMS gave them (their submissions and grades stay). Running it again changes nothing.",
  ),
  sync: msg('LMS 명단 가져오기', 'Sync the roster from the LMS'),
  failedTitle: msg('LMS에 보내지 못한 점수', 'Scores the LMS did not accept'),
  failedNone: msg(
    '없습니다. 모든 점수가 LMS에 전달되었거나 전달 중입니다.',
    'None: every score reached the LMS or is on its way.',
  ),
  learner: msg('학습자', 'Learner'),
  lab: msg('실습', 'Lab'),
  score: msg('점수', 'Score'),
  attempts: msg('시도', 'Attempts'),
  error: msg('마지막 오류', 'Last error'),
  retry: msg('다시 보내기', 'Send again'),
};
const t = (lang: Lang) =>
  Object.fromEntries(Object.entries(S).map(([k, v]) => [k, v[lang]])) as Record<keyof typeof S, string>;

/** Where a registration's delete form posts: first to ask for the confirmation, then (`confirm=yes`) to delete. */
export const PLATFORM_DELETE_PATH = '/teach/lti/platforms/delete';
/** The delete form: an issuer and a client id (768 characters at most), percent-encoded, and `confirm`. */
export const PLATFORM_DELETE_FORM_MAX_BYTES = 8 * 1024;
export const PLATFORM_DELETE_TITLE = S.deleteTitle;

const when = (ctx: PageContext, iso: string) => <time datetime={iso}>{utcDateTime(iso)[ctx.lang]}</time>;

/** The hidden fields that name a registration in a delete form. */
function PlatformKeyFields({ platform }: { platform: LtiPlatform }) {
  return (
    <>
      <input type="hidden" name="issuer" value={platform.issuer} />
      <input type="hidden" name="clientId" value={platform.clientId} />
    </>
  );
}

/** The teacher's own registrations, each with a delete button (a plain form: the confirmation page comes first). */
function PlatformList({ ctx, platforms }: { ctx: PageContext; platforms: readonly LtiPlatform[] }) {
  const s = t(ctx.lang);
  if (platforms.length === 0) return <p class="muted">{s.platformsNone}</p>;
  return (
    <DataTable
      label={s.platformsTitle}
      testId="lti-platforms"
      headers={[s.issuer, s.clientId, s.deployments, s.registeredAt, s.registeredBy, s.remove]}
    >
      {platforms.map((p) => (
        <tr>
          <th scope="row">
            <code>{p.issuer}</code>
          </th>
          <td>
            <code>{p.clientId}</code>
          </td>
          <td>{p.deploymentIds.join(', ')}</td>
          <td>{when(ctx, p.createdAt)}</td>
          <td>{p.ownerId}</td>
          <td>
            <form class="inline-form" method="post" action={PLATFORM_DELETE_PATH}>
              <PlatformKeyFields platform={p} />
              <button type="submit" class="secondary">
                {s.remove}
              </button>
            </form>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Asks before a registration is deleted, saying what stops and what stays. */
export function LtiPlatformDeletePage({ ctx, platform }: { ctx: PageContext; platform: LtiPlatform }) {
  const s = t(ctx.lang);
  return (
    <Layout ctx={ctx} title={s.deleteTitle} section="lti">
      <h1>{s.deleteTitle}</h1>
      <dl data-testid="lti-platform-delete">
        <dt>{s.issuer}</dt>
        <dd>
          <code>{platform.issuer}</code>
        </dd>
        <dt>{s.clientId}</dt>
        <dd>
          <code>{platform.clientId}</code>
        </dd>
        <dt>{s.deployments}</dt>
        <dd>{platform.deploymentIds.join(', ')}</dd>
        <dt>{s.registeredAt}</dt>
        <dd>{when(ctx, platform.createdAt)}</dd>
      </dl>
      <p>{s.deleteWhat}</p>
      <form method="post" action={PLATFORM_DELETE_PATH}>
        <PlatformKeyFields platform={platform} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="primary">
          {s.deleteConfirm}
        </button>{' '}
        <a href="/teach/lti">{s.cancel}</a>
      </form>
    </Layout>
  );
}

/**
 * A teacher's LTI page: the tool's URLs, their registrations (listed, deleted) and the registration form, and the
 * course's roster sync and failed scores.
 */
export function LtiAdminPage({
  ctx,
  origin,
  courses,
  course,
  failed,
  platforms,
  deleted = false,
}: {
  ctx: PageContext;
  origin: string;
  courses: readonly CourseOffering[];
  course: CourseOffering | undefined;
  failed: readonly LtiOutboxRecord[];
  /** The caller's own registrations. */
  platforms: readonly LtiPlatform[];
  /** Just back from deleting a registration. */
  deleted?: boolean;
}) {
  const s = t(ctx.lang);
  const urls: [string, string][] = [
    [s.targetLink, `${origin}/lti/launch`],
    [s.loginUrl, `${origin}/lti/login`],
    [s.redirect, `${origin}/lti/launch`],
    [s.jwks, `${origin}/.well-known/jwks.json`],
    [s.deepLink, `${origin}/lti/launch`],
  ];
  const fields: [keyof typeof S, string][] = [
    ['issuer', 'text'],
    ['clientId', 'text'],
    ['deploymentIds', 'text'],
    ['jwksUrl', 'url'],
    ['authUrl', 'url'],
    ['tokenUrl', 'url'],
  ];
  const courseApi = course ? `/api/courses/${encodeURIComponent(course.id)}/lti` : '';
  return (
    <Layout ctx={ctx} title={s.title} section="lti" scripts={['teacher.js']} clientStrings={teacherStrings(ctx)}>
      <h1>{s.title}</h1>
      <h2>{s.urlsTitle}</h2>
      <p>{s.urlsIntro}</p>
      <DataTable label={s.urlsTitle} testId="lti-urls" headers={[s.field, s.value]}>
        {urls.map(([label, url]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>
              <code>{url}</code>
            </td>
          </tr>
        ))}
      </DataTable>

      <h2>{s.platformsTitle}</h2>
      {deleted ? (
        <p role="status" data-testid="lti-platform-deleted">
          {s.deleted}
        </p>
      ) : null}
      <PlatformList ctx={ctx} platforms={platforms} />

      <h2>{s.registerTitle}</h2>
      <p>{s.registerIntro}</p>
      <form data-api-form data-method="POST" data-action-template="/lti/platforms" data-testid="lti-register">
        {fields.map(([name, type]) => (
          <p>
            <label for={`lti-${name}`}>{s[name]}</label>
            <br />
            <input id={`lti-${name}`} name={name} type={type} required size={60} />
          </p>
        ))}
        <button type="submit">{s.register}</button> <span data-role="status" role="status"></span>
      </form>

      {course ? (
        <>
          <CoursePicker ctx={ctx} courses={courses} current={course} base="/teach/lti" />
          <h2>{s.rosterTitle}</h2>
          <p>{s.rosterIntro}</p>
          <form class="inline-form" data-api-form data-method="POST" data-action-template={`${courseApi}/roster-sync`}>
            <SubmitWithStatus label={s.sync} />
          </form>
          <h2>{s.failedTitle}</h2>
          {failed.length === 0 ? (
            <p class="muted">{s.failedNone}</p>
          ) : (
            <DataTable
              label={s.failedTitle}
              testId="lti-failed"
              headers={[s.learner, s.lab, s.score, s.attempts, s.error, s.retry]}
            >
              {failed.map((r) => (
                <tr>
                  <td>{r.learnerId}</td>
                  <td>{r.labId}</td>
                  <td>{r.score.scoreGiven}</td>
                  <td>{r.attempts}</td>
                  <td>
                    <code>{r.lastError}</code>
                  </td>
                  <td>
                    <form
                      class="inline-form"
                      data-api-form
                      data-method="POST"
                      data-reload
                      data-action-template={`${courseApi}/failed-scores/{id}/retry`}
                    >
                      <input type="hidden" name="id" value={r.id} />
                      <SubmitWithStatus label={s.retry} />
                    </form>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      ) : null}
    </Layout>
  );
}
