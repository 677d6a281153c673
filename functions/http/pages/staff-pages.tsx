import type { Child } from 'hono/jsx';
import { AUDIT_ACTIONS, type AuditAction, type AuditRecord } from '../../../core/course/audit.ts';
import type { CourseOffering } from '../../../core/course/course.ts';
import type { RegradeRequest } from '../../../core/course/regrade-request.ts';
import { ASSIGNABLE_STAFF_ROLES, STAFF_ROLE_NAMES } from '../../../core/course/roles.ts';
import { utcDateTime } from '../../../core/i18n.ts';
import type { ConfigIssue } from '../../../core/validation.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import type { RosterImport } from '../../service/roster.ts';
import type { StaffMember } from '../../service/staff.ts';
import { DataTable, SubmitWithStatus } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { CoursePicker, teacherStrings } from './teacher-pages.tsx';

/**
 * The pages of running a course: the regrade request queue (staff who may grade), the staff (owner), the roster
 * import (owner, co-teacher) and the audit log (owner). Each reads through the service that enforces the role;
 * changes go through the API (teacher.js), except the roster import, a plain form (a file upload and its preview).
 */

export type StaffPageKind = 'regrades' | 'staff' | 'roster' | 'audit';

const PATHS: Record<StaffPageKind, string> = {
  regrades: '/teach/regrade-requests',
  staff: '/teach/staff',
  roster: '/teach/roster',
  audit: '/teach/audit',
};

const courseQuery = (course: CourseOffering) => `?course=${encodeURIComponent(course.id)}`;

/** The frame of each page: title, course picker and the links between these pages. */
function StaffFrame({
  ctx,
  courses,
  course,
  kind,
  title,
  children,
}: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  kind: StaffPageKind;
  title: string;
  children?: Child;
}) {
  const { t } = ctx;
  const names: Record<StaffPageKind, string> = {
    regrades: t.regradeQueueTitle,
    staff: t.staffTitle,
    roster: t.rosterTitle,
    audit: t.auditTitle,
  };
  return (
    <Layout ctx={ctx} title={title} section="admin" scripts={['teacher.js']} clientStrings={teacherStrings(ctx)}>
      <h1>{title}</h1>
      <CoursePicker ctx={ctx} courses={courses} current={course} base={PATHS[kind]} />
      <nav aria-label={t.courseAdmin} class="tags">
        {(Object.keys(PATHS) as StaffPageKind[]).map((k) => (
          <a href={PATHS[k] + courseQuery(course)} aria-current={k === kind ? 'page' : undefined}>
            {names[k]}
          </a>
        ))}
      </nav>
      {children}
    </Layout>
  );
}

const when = (ctx: PageContext, iso: string) => <time datetime={iso}>{utcDateTime(iso)[ctx.lang]}</time>;

export function RegradeQueuePage(props: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  requests: readonly RegradeRequest[];
  labs: readonly Lab[];
}) {
  const { ctx, requests } = props;
  const { t, lang } = ctx;
  const labTitle = new Map(props.labs.map((l) => [l.id, l.title[lang]]));
  return (
    <StaffFrame {...props} kind="regrades" title={t.regradeQueueTitle}>
      {requests.length === 0 ? (
        <p data-testid="regrade-queue-empty">{t.regradeQueueEmpty}</p>
      ) : (
        <DataTable
          label={t.regradeQueueTitle}
          testId="regrade-queue"
          headers={[t.regradeAsked, t.learner, t.lab, t.scoreAsked, t.regradeMessage]}
        >
          {requests.map((r) => (
            <tr data-submission={r.submissionId}>
              <td>
                <a href={`/submissions/${encodeURIComponent(r.submissionId)}`}>{when(ctx, r.askedAt)}</a>
              </td>
              <td>{r.learnerId}</td>
              <td>{labTitle.get(r.labId) ?? r.labId}</td>
              <td>{r.scoreAsked ?? '—'}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </StaffFrame>
  );
}

export function StaffListPage(props: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  staff: readonly StaffMember[];
}) {
  const { ctx, course, staff } = props;
  const { t, lang } = ctx;
  const memberPath = `/api/courses/${encodeURIComponent(course.id)}/staff/`;
  const RoleSelect = ({ id, current }: { id: string; current?: string }) => (
    <select id={id} name="role">
      {ASSIGNABLE_STAFF_ROLES.map((r) => (
        <option value={r} selected={r === current}>
          {STAFF_ROLE_NAMES[r][lang]}
        </option>
      ))}
    </select>
  );
  return (
    <StaffFrame {...props} kind="staff" title={t.staffTitle}>
      <DataTable label={t.staffTitle} testId="staff-list" headers={[t.staffUser, t.staffRole, t.staffSince, '']}>
        {staff.map((m, i) => (
          <tr data-user={m.userId}>
            <th scope="row">{m.userId}</th>
            <td>
              {m.role === 'owner' ? (
                STAFF_ROLE_NAMES.owner[lang]
              ) : (
                <form
                  class="inline-form"
                  data-api-form
                  data-reload
                  data-method="PUT"
                  data-action-template={memberPath + encodeURIComponent(m.userId)}
                >
                  <label class="visually-hidden" for={`role-${i}`}>
                    {t.staffRole}
                  </label>
                  <RoleSelect id={`role-${i}`} current={m.role} />
                  <SubmitWithStatus label={t.staffSave} />
                </form>
              )}
            </td>
            <td>{when(ctx, m.since)}</td>
            <td>
              {m.role === 'owner' ? null : (
                <form
                  data-api-form
                  data-reload
                  data-method="DELETE"
                  data-action-template={memberPath + encodeURIComponent(m.userId)}
                >
                  <SubmitWithStatus label={t.staffRemove} />
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <h2 id="staff-add-title">{t.staffAdd}</h2>
      <form
        class="inline-form"
        aria-labelledby="staff-add-title"
        data-api-form
        data-reload
        data-method="PUT"
        data-action-template={`${memberPath}{userId}`}
      >
        <div>
          <label for="staff-user">{t.staffUser}</label>
          <input id="staff-user" name="userId" type="text" required maxlength={128} />
        </div>
        <div>
          <label for="staff-role">{t.staffRole}</label>
          <RoleSelect id="staff-role" />
        </div>
        <SubmitWithStatus label={t.staffAdd} primary />
      </form>
    </StaffFrame>
  );
}

export function RosterPage(props: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  /** The CSV as sent, kept for the import after a preview. */
  csv?: string;
  result?: RosterImport;
  /** Per-row problems of a refused file. */
  issues?: readonly ConfigIssue[];
}) {
  const { ctx, course, csv, result, issues } = props;
  const { t, lang } = ctx;
  const action = PATHS.roster + courseQuery(course);
  return (
    <StaffFrame {...props} kind="roster" title={t.rosterTitle}>
      <form method="post" action={action} enctype="multipart/form-data" class="card">
        <p>{t.rosterIntro}</p>
        <p>
          <label for="roster-file">{t.rosterFile}</label>{' '}
          <input id="roster-file" name="file" type="file" accept=".csv,text/csv" />
        </p>
        <p>
          <label for="roster-text">{t.rosterText}</label>
          <textarea id="roster-text" name="csv" rows={6} cols={70}>
            {result || issues ? '' : (csv ?? '')}
          </textarea>
        </p>
        <input type="hidden" name="mode" value="preview" />
        <button type="submit" class="primary">
          {t.rosterPreview}
        </button>
      </form>
      {issues ? (
        <section class="card" role="alert" data-testid="roster-problems">
          <p>{t.rosterProblems}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.rosterLine}</th>
                <th scope="col">{t.auditTarget}</th>
                <th scope="col">{t.rosterProblems}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr>
                  <td>{i.line ?? '—'}</td>
                  <td>{i.path}</td>
                  <td>{i.message[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {result ? (
        <section class="card" data-testid={result.dryRun ? 'roster-preview' : 'roster-result'}>
          <p role="status">{result.dryRun ? t.rosterIsPreview : t.rosterDone}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.rosterLine}</th>
                <th scope="col">email</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.auditAction}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr data-outcome={r.outcome}>
                  <td>{r.line}</td>
                  <td>{r.email}</td>
                  <td>{r.name}</td>
                  <td>{t[`rosterOutcome_${r.outcome}`]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.dryRun ? (
            <form method="post" action={action} enctype="multipart/form-data">
              <textarea name="csv" hidden>
                {csv ?? ''}
              </textarea>
              <input type="hidden" name="mode" value="import" />
              <button type="submit" class="primary" data-testid="roster-import">
                {t.rosterImport}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </StaffFrame>
  );
}

export function AuditPage(props: {
  ctx: PageContext;
  courses: readonly CourseOffering[];
  course: CourseOffering;
  records: readonly AuditRecord[];
  action?: AuditAction;
  next?: string;
}) {
  const { ctx, course, records, action, next } = props;
  const { t, lang } = ctx;
  const filter = action ? `&action=${encodeURIComponent(action)}` : '';
  const json = (v: Record<string, unknown> | undefined) => (v ? JSON.stringify(v) : '');
  return (
    <StaffFrame {...props} kind="audit" title={t.auditTitle}>
      <form method="get" action={PATHS.audit} class="inline-form">
        <input type="hidden" name="course" value={course.id} />
        <label for="audit-action">{t.auditAction}</label>
        <select id="audit-action" name="action">
          <option value="">{t.auditAll}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option value={a} selected={a === action}>
              {a}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t.auditFilter}
        </button>
      </form>
      <p>
        <a
          class="button secondary"
          href={`/api/courses/${encodeURIComponent(course.id)}/audit?format=csv${filter}`}
          download={`audit-${course.id}.csv`}
          data-testid="audit-csv-link"
        >
          {t.downloadCsv}
        </a>
      </p>
      {records.length === 0 ? <p>{t.auditEmpty}</p> : null}
      <DataTable
        label={t.auditTitle}
        testId="audit-log"
        headers={[t.auditWhen, t.auditWho, t.auditAction, t.auditTarget, t.auditBefore, t.auditAfter]}
      >
        {records.map((r) => (
          <tr data-action={r.action}>
            <td>{when(ctx, r.at)}</td>
            <td>
              {r.actorId} ({STAFF_ROLE_NAMES[r.actorRole][lang]})
            </td>
            <td>{r.action}</td>
            <td>{r.target}</td>
            <td>
              <code>{json(r.before)}</code>
            </td>
            <td>
              <code>{json(r.after)}</code>
            </td>
          </tr>
        ))}
      </DataTable>
      {next ? (
        <p>
          <a href={`${PATHS.audit}${courseQuery(course)}${filter}&after=${encodeURIComponent(next)}`} rel="next">
            {t.auditNext}
          </a>
        </p>
      ) : null}
    </StaffFrame>
  );
}
