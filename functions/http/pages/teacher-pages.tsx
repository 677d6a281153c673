import { raw } from 'hono/html';
import type { Misconception } from '../../../core/labs/misconceptions.ts';
import type { Lang } from '../../../core/i18n.ts';
import type { MisconceptionCount } from '../../../core/course/analytics.ts';
import type { CourseOffering } from '../../../core/course/course.ts';
import type { LabAnalytics } from '../../../core/course/analytics.ts';
import type { Gradebook, LearnerGrades } from '../../../core/course/gradebook.ts';
import { utcDateTime } from '../../../core/i18n.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { fillText, paramRanges } from '../../../core/labs/variant.ts';
import { renderBarChartSvg } from '../../../core/diagrams/bar-chart-svg.ts';
import { ColumnHeader, DataTable, SubmitWithStatus } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { COURSE_SETTINGS_TITLE } from './course-settings-page.tsx';

/** The strings teacher.js needs. */
export const teacherStrings = (ctx: PageContext) => ({
  actionDone: ctx.t.actionDone,
  statusNetwork: ctx.t.statusNetwork,
  regradeConfirm: ctx.t.regradeConfirm,
  regradeAsking: ctx.t.regradeAsking,
  regradeStillRunning: ctx.t.regradeStillRunning,
});

/** The per-learner view of a course's gradebook. */
const learnerHref = (courseId: string, learnerId: string) =>
  `/teach/learners/${encodeURIComponent(learnerId)}?course=${encodeURIComponent(courseId)}`;

/** A cell's score, linked to the submission that counts, late and overridden marked. */
function GradeLink({ ctx, cell }: { ctx: PageContext; cell: NonNullable<Gradebook['rows'][number]['cells'][number]> }) {
  const { t } = ctx;
  return (
    <a href={`/submissions/${cell.submissionId}`}>
      {cell.score}
      {cell.late ? (
        <span class="late" title={t.late}>
          L
        </span>
      ) : null}
      {cell.override ? (
        <span class="ovr" title={t.override}>
          *
        </span>
      ) : null}
    </a>
  );
}

export function CoursePicker({
  ctx,
  courses,
  current,
  base,
}: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  current: CourseOffering;
  base: string;
}) {
  if (courses.length < 2) {
    return (
      <p class="muted">
        {ctx.t.course}: <strong>{current.title}</strong> · {ctx.t.joinCode} <code>{current.joinCode}</code>
      </p>
    );
  }
  return (
    <form method="get" action={base} class="inline-form">
      <label for="course-pick">{ctx.t.course}</label>
      <select id="course-pick" name="course">
        {courses.map((c) => (
          <option value={c.id} selected={c.id === current.id}>
            {c.title} ({c.joinCode})
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {ctx.t.open}
      </button>
    </form>
  );
}

/** Learners × labs with the counting grade of each cell (late and overridden marked), CSV and regrade actions. */
export function GradebookPage({
  ctx,
  courses,
  course,
  book,
}: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  book: Gradebook;
}) {
  const { t, lang } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t.gradebookTitle}
      section="gradebook"
      scripts={['teacher.js']}
      clientStrings={teacherStrings(ctx)}
    >
      <h1>{t.gradebookTitle}</h1>
      <CoursePicker ctx={ctx} courses={courses} current={course} base="/teach" />
      <p>
        <a
          class="button secondary"
          href={`/api/courses/${encodeURIComponent(course.id)}/gradebook?format=csv&lang=${lang}`}
          download={`gradebook-${course.id}.csv`}
          data-testid="csv-link"
        >
          {t.downloadCsv}
        </a>{' '}
        <a href={`/teach/settings?course=${encodeURIComponent(course.id)}`} data-testid="settings-link">
          {COURSE_SETTINGS_TITLE[lang]}
        </a>{' '}
        <a class="button secondary" href={`/teach/regrade-requests?course=${encodeURIComponent(course.id)}`}>
          {t.courseAdmin}
        </a>
      </p>
      <DataTable
        label={t.gradebookTitle}
        testId="gradebook"
        tableClass="gradebook"
        headers={[
          t.learner,
          ...book.labs.map((lab) => new ColumnHeader(lab.title[lang], { 'data-lab': lab.id })),
          t.average,
        ]}
      >
        {book.rows.map((row) => (
          <tr data-learner={row.learnerId}>
            <th scope="row">
              <a href={learnerHref(course.id, row.learnerId)}>{row.learnerId}</a>
            </th>
            {row.cells.map((cell, i) => (
              <td class="grade-cell" data-lab={book.labs[i]?.id}>
                {cell ? <GradeLink ctx={ctx} cell={cell} /> : <span class="muted">—</span>}
              </td>
            ))}
            <td>{row.average}</td>
          </tr>
        ))}
      </DataTable>
      <p class="small muted">
        L = {t.late} · * = {t.override}
      </p>
      <h2>{t.regrade}</h2>
      {/* teacher.js asks for a confirmation, then follows the job's progress (never "done" for work only queued). */}
      <form
        class="inline-form"
        data-api-form
        data-regrade
        data-method="POST"
        data-action-template={`/api/courses/${encodeURIComponent(course.id)}/labs/{lab}/regrade`}
        data-testid="regrade-form"
      >
        <label for="regrade-lab">{t.lab}</label>
        <select id="regrade-lab" name="lab">
          {book.labs.map((lab) => (
            <option value={lab.id}>{lab.title[lang]}</option>
          ))}
        </select>
        <SubmitWithStatus label={t.regrade} />
      </form>
    </Layout>
  );
}

/** One learner's grades in a course: each lab's counting score and when it was submitted, previous/next learner. */
export function LearnerGradesPage({
  ctx,
  course,
  book,
  learner,
}: {
  ctx: PageContext;
  course: CourseOffering;
  book: Gradebook;
  learner: LearnerGrades;
}) {
  const { t, lang } = ctx;
  const { row, previous, next } = learner;
  const title = t.learnerGradesTitle(row.learnerId);
  return (
    <Layout ctx={ctx} title={title} section="gradebook">
      <h1>{title}</h1>
      <nav class="pager" aria-label={t.learner}>
        {previous ? (
          <a href={learnerHref(course.id, previous)} rel="prev" data-testid="previous-learner">
            ← {t.previousLearner} ({previous})
          </a>
        ) : null}{' '}
        <a href={`/teach?course=${encodeURIComponent(course.id)}`}>{t.backToGradebook}</a>{' '}
        {next ? (
          <a href={learnerHref(course.id, next)} rel="next" data-testid="next-learner">
            {t.nextLearner} ({next}) →
          </a>
        ) : null}
      </nav>
      <DataTable
        label={title}
        testId="learner-grades"
        headers={[t.lab, t.score, t.submittedAt]}
        foot={
          <tr>
            <th scope="row">{t.average}</th>
            <td data-testid="learner-average">{row.average}</td>
            <td></td>
          </tr>
        }
      >
        {book.labs.map((lab, i) => {
          const cell = row.cells[i];
          return (
            <tr data-lab={lab.id}>
              <th scope="row">{lab.title[lang]}</th>
              <td>{cell ? <GradeLink ctx={ctx} cell={cell} /> : <span class="muted">{t.noGrade}</span>}</td>
              <td>{cell ? <time datetime={cell.submittedAt}>{utcDateTime(cell.submittedAt)[lang]}</time> : ''}</td>
            </tr>
          );
        })}
      </DataTable>
      <p class="small muted">
        L = {t.late} · * = {t.override}
      </p>
    </Layout>
  );
}

/** "9 of 31 learners think a container needs a hypervisor", per lab (core/course/analytics.ts). */
function MisconceptionList({
  counts,
  learners,
  catalogue,
  lang,
}: {
  counts: readonly MisconceptionCount[];
  learners: number;
  catalogue: readonly Misconception[];
  lang: Lang;
}) {
  if (!counts.length) return null;
  const title = (id: string) => catalogue.find((m) => m.id === id)?.title[lang] ?? id;
  return (
    <ul class="small" data-testid="misconceptions">
      {counts.map((m) => (
        <li data-misconception={m.id}>
          {lang === 'ko'
            ? `학습자 ${learners}명 중 ${m.learners}명: ${title(m.id)}`
            : `${m.learners} of ${learners} learners: ${title(m.id)}`}
        </li>
      ))}
    </ul>
  );
}

/** Per lab: pass rate of each check and the most failed one; across labs: the histogram of counting scores. */
export function AnalyticsPage({
  ctx,
  courses,
  course,
  analytics,
  labs,
  misconceptions = [],
}: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  analytics: readonly LabAnalytics[];
  labs: readonly Lab[];
  misconceptions?: readonly Misconception[];
}) {
  const { t, lang } = ctx;
  const labById = new Map(labs.map((l) => [l.id, l]));
  // Titles hold per-learner placeholders: the class's page shows the range each is drawn from.
  const checkTitle = (labId: string, checkId: string): string => {
    const lab = labById.get(labId);
    const title = lab?.checks.find((c) => c.id === checkId)?.title[lang];
    return lab && title ? fillText(title, paramRanges(lab)) : checkId;
  };
  const histogram = analytics.reduce(
    (sum, a) => sum.map((v, i) => v + (a.histogram[i] ?? 0)),
    new Array<number>(10).fill(0),
  );
  const withData = analytics.filter((a) => a.attempts > 0);
  return (
    <Layout ctx={ctx} title={t.analyticsTitle} section="analytics">
      <h1>{t.analyticsTitle}</h1>
      <CoursePicker ctx={ctx} courses={courses} current={course} base="/teach/analytics" />
      <section class="card" aria-labelledby="hist-title">
        <h2 id="hist-title">{t.histogram}</h2>
        <div class="diagram-scroll" data-testid="histogram">
          {raw(
            renderBarChartSvg(
              histogram.map((value, i) => ({ label: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`, value })),
              { title: t.histogram, desc: t.histogramDesc, id: 'score-histogram' },
            ),
          )}
        </div>
      </section>
      {withData.length === 0 ? <p class="card">{t.noData}</p> : null}
      {withData.map((a) => (
        <section class="card" data-lab={a.labId} aria-labelledby={`an-${a.labId}`}>
          <h2 id={`an-${a.labId}`}>{labById.get(a.labId)?.title[lang] ?? a.labId}</h2>
          <p>
            {t.attempt}: {a.attempts} · {t.learner}: {a.learners}
            {a.mostFailed ? (
              <>
                {' · '}
                {t.mostFailed}: <strong data-testid="most-failed">{checkTitle(a.labId, a.mostFailed)}</strong>
              </>
            ) : null}
          </p>
          <MisconceptionList counts={a.misconceptions} learners={a.learners} catalogue={misconceptions} lang={lang} />
          <div class="chart-row">
            <div class="diagram-scroll">
              {raw(
                renderBarChartSvg(
                  // Bars carry the check's number in the table beside: titles are too long for an axis.
                  a.checks.map((c, i) => ({ label: `${i + 1}`, value: Math.round(c.rate * 100) })),
                  {
                    title: `${t.passRate}: ${labById.get(a.labId)?.title[lang] ?? a.labId}`,
                    desc: t.passRate,
                    id: `rate-${a.labId}`,
                    max: 100,
                    unit: '%',
                  },
                ),
              )}
            </div>
            <div class="table-wrap" tabindex={0} role="region" aria-label={t.passRate}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t.check}</th>
                    <th scope="col">{t.passRate}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.checks.map((c, i) => (
                    <tr data-check={c.checkId}>
                      <td>{i + 1}</td>
                      <td>{checkTitle(a.labId, c.checkId)}</td>
                      <td>
                        {Math.round(c.rate * 100)}% ({c.passed}/{c.total})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      ))}
    </Layout>
  );
}

/** The course a teacher page is about: `?course=` if they teach it, else their first course. */
export function pickCourse(
  courses: readonly CourseOffering[],
  requested: string | undefined,
): CourseOffering | undefined {
  return courses.find((c) => c.id === requested) ?? courses[0];
}
