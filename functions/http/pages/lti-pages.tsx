import { msg, type Lang } from '../../../core/i18n.ts';
import type { CourseOffering } from '../../../core/course/course.ts';
import type { LtiOutboxRecord } from '../../ports/lti-store.ts';
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
  rosterTitle: msg('명단 동기화 (NRPS)', 'Roster sync (NRPS)'),
  rosterIntro: msg(
    'LMS 강좌의 활성 구성원을 이 강좌에 등록합니다. 학습자는 학습자로, 교수자는 공동 교사로 들어옵니다. 여러 번 해도 같습니다.',
    "Enrols the LMS course's active members here: learners as learners, instructors as co-teachers. Running it again changes nothing.",
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

/** A teacher's LTI page: the tool's URLs, the platform registration, and the course's roster sync and failed scores. */
export function LtiAdminPage({
  ctx,
  origin,
  courses,
  course,
  failed,
}: {
  ctx: PageContext;
  origin: string;
  courses: readonly CourseOffering[];
  course: CourseOffering | undefined;
  failed: readonly LtiOutboxRecord[];
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
