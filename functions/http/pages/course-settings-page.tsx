import type { CourseOffering } from '../../../core/course/course.ts';
import type { Msg } from '../../../core/i18n.ts';
import type { CourseSettings } from '../../service/course-settings.ts';
import { SubmitWithStatus } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { CoursePicker, teacherStrings } from './teacher-pages.tsx';

export const COURSE_SETTINGS_TITLE: Msg = { ko: '강좌 설정', en: 'Course settings' };

/** The page's words, Korean first. */
const TEXT = {
  title: COURSE_SETTINGS_TITLE,
  reveal: { ko: '정답 정보 공개', en: 'When answers show' },
  revealHelp: {
    ko: '학습자는 실패한 검사의 “이렇게 하면 통과” 제안과 정확한 기대값을 힌트를 모두 펼친 뒤, 아래 횟수만큼 채점받은 뒤, 또는 (켜 두면) 마감이 지난 뒤에 봅니다. 자체 공개 정책이 있는 실습은 그것을 따릅니다. 교사진은 언제나 모두 봅니다.',
    en: 'A learner sees a failed check’s “this would pass” fix and the exact expected values once they have revealed every hint, after the number of graded attempts below, or (if on) after the deadline. A lab with its own reveal policy keeps it. Staff always see everything.',
  },
  afterAttempts: {
    ko: '이만큼 채점받으면 공개 (0: 첫 제출부터)',
    en: 'Show after this many graded attempts (0: from the first)',
  },
  afterDeadline: { ko: '마감이 지나면 공개', en: 'Show after the deadline' },
  save: { ko: '저장', en: 'Save' },
  on: { ko: '예', en: 'Yes' },
  off: { ko: '아니요', en: 'No' },
  readOnly: {
    ko: '이 설정은 강좌의 교사(담당 교사, 공동 교사)만 바꿀 수 있습니다.',
    en: 'Only the course’s teachers (the owner and co-teachers) can change these settings.',
  },
} satisfies Record<string, Msg>;

/**
 * Staff set the course's defaults here; the form sends them to the JSON API (teacher.js), where the rule lives.
 * A role that may not change them (a TA) sees the values without a form it could only have failed to save.
 */
export function CourseSettingsPage({
  ctx,
  courses,
  course,
  settings,
  mayChange,
}: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  settings: CourseSettings;
  mayChange: boolean;
}) {
  const { lang } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={TEXT.title[lang]}
      section="gradebook"
      scripts={['teacher.js']}
      clientStrings={teacherStrings(ctx)}
    >
      <h1>{TEXT.title[lang]}</h1>
      <CoursePicker ctx={ctx} courses={courses} current={course} base="/teach/settings" />
      <section class="card" aria-labelledby="reveal-title">
        <h2 id="reveal-title">{TEXT.reveal[lang]}</h2>
        <p class="small muted">{TEXT.revealHelp[lang]}</p>
        {mayChange ? (
          <RevealForm ctx={ctx} course={course} settings={settings} />
        ) : (
          <>
            <dl data-testid="reveal-values">
              <dt>{TEXT.afterAttempts[lang]}</dt>
              <dd>{settings.reveal.afterAttempts}</dd>
              <dt>{TEXT.afterDeadline[lang]}</dt>
              <dd>{(settings.reveal.afterDeadline ? TEXT.on : TEXT.off)[lang]}</dd>
            </dl>
            <p class="small muted" data-testid="settings-read-only">
              {TEXT.readOnly[lang]}
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}

function RevealForm({ ctx, course, settings }: { ctx: PageContext; course: CourseOffering; settings: CourseSettings }) {
  const { lang } = ctx;
  return (
    <form
      data-api-form
      data-method="PUT"
      data-action-template={`/api/courses/${encodeURIComponent(course.id)}/settings/reveal`}
      data-testid="reveal-form"
    >
      <p>
        <label for="reveal-attempts">{TEXT.afterAttempts[lang]}</label>{' '}
        <input
          id="reveal-attempts"
          name="afterAttempts"
          type="number"
          min={0}
          max={1000}
          step={1}
          required
          value={String(settings.reveal.afterAttempts)}
        />
      </p>
      <p>
        <input id="reveal-deadline" name="afterDeadline" type="checkbox" checked={settings.reveal.afterDeadline} />{' '}
        <label for="reveal-deadline">{TEXT.afterDeadline[lang]}</label>
      </p>
      <SubmitWithStatus label={TEXT.save[lang]} primary />
    </form>
  );
}
