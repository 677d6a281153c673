import type { Handler, Hono } from 'hono';
import { AUDIT_ACTIONS, AUDIT_PAGE_DEFAULT, type AuditAction } from '../../../core/course/audit.ts';
import type { CourseOffering } from '../../../core/course/course.ts';
import { ROSTER_MAX_BYTES } from '../../../core/course/roster.ts';
import type { User } from '../../auth/user.ts';
import { courseStaff } from '../../service/access.ts';
import { listAuditLog } from '../../service/audit.ts';
import { catalogOf } from '../../service/catalog.ts';
import type { MyCourse } from '../../service/courses.ts';
import { DomainError } from '../../service/errors.ts';
import { regradeQueue } from '../../service/regrade-requests.ts';
import { importRoster } from '../../service/roster.ts';
import { listStaff } from '../../service/staff.ts';
import type { AppDeps } from '../deps.ts';
import type { PageC, PageEnv } from './context.ts';
import { coursesOf } from './data.ts';
import { MessagePage, type PageContext } from './layout.tsx';
import { AuditPage, RegradeQueuePage, RosterPage, StaffListPage } from './staff-pages.tsx';
import { pickCourse } from './teacher-pages.tsx';
import { boundedForm } from './bounded-form.ts';

/** A roster form carries the CSV once (file or text) plus the multipart framing; more is refused before parsing. */
const ROSTER_FORM_MAX_BYTES = ROSTER_MAX_BYTES + 16 * 1024;

type Render = (
  c: PageC,
  ctx: PageContext,
  course: CourseOffering,
  courses: MyCourse[],
  user: User,
) => Promise<Response>;

/**
 * The routes of staff-pages.tsx. Any staff role reaches them (a TA may hold a learner account); the service each
 * page reads through decides what the role may do, and a refusal is a 403 page.
 */
export function staffPageRoutes(app: Hono<PageEnv>, deps: AppDeps, ctxOf: (c: PageC) => Promise<PageContext>): void {
  const staffPage =
    (render: Render): Handler<PageEnv> =>
    async (c) => {
      const ctx = await ctxOf(c);
      if (!ctx.user) return c.redirect(`/login?next=${encodeURIComponent(ctx.path)}`, 302);
      const courses = await coursesOf(deps, ctx.user, 'teacher');
      const course = pickCourse(courses, c.req.query('course'));
      if (!course) return c.html(<MessagePage ctx={ctx} title={ctx.t.courseAdmin} text={ctx.t.noCourse} />, 403);
      try {
        return await render(c, ctx, course, courses, ctx.user);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'forbidden') throw err;
        return c.html(<MessagePage ctx={ctx} title={ctx.t.forbidden} text={ctx.t.staffOnly} />, 403);
      }
    };

  app.get(
    '/teach/regrade-requests',
    staffPage(async (c, ctx, course, courses, user) => {
      const requests = await regradeQueue(deps, user, course.id);
      const labs = catalogOf(deps.course).labs;
      return c.html(<RegradeQueuePage ctx={ctx} courses={courses} course={course} requests={requests} labs={labs} />);
    }),
  );

  app.get(
    '/teach/staff',
    staffPage(async (c, ctx, course, courses, user) =>
      c.html(
        <StaffListPage ctx={ctx} courses={courses} course={course} staff={await listStaff(deps, user, course.id)} />,
      ),
    ),
  );

  app.get(
    '/teach/audit',
    staffPage(async (c, ctx, course, courses, user) => {
      const requested = c.req.query('action');
      const action = AUDIT_ACTIONS.find((a): a is AuditAction => a === requested);
      const after = c.req.query('after') || undefined;
      const page = await listAuditLog(deps, user, course.id, {
        limit: AUDIT_PAGE_DEFAULT,
        ...(after ? { after } : {}),
        ...(action ? { action } : {}),
      });
      return c.html(
        <AuditPage
          ctx={ctx}
          courses={courses}
          course={course}
          records={page.records}
          {...(action ? { action } : {})}
          {...(page.next ? { next: page.next } : {})}
        />,
      );
    }),
  );

  app.get(
    '/teach/roster',
    staffPage(async (c, ctx, course, courses, user) => {
      // Only those who may import see the form (the preview would refuse them anyway).
      await courseStaff(deps, user, course.id, 'roster');
      return c.html(<RosterPage ctx={ctx} courses={courses} course={course} />);
    }),
  );

  app.post(
    '/teach/roster',
    staffPage(async (c, ctx, course, courses, user) => {
      const form = await boundedForm(c, ROSTER_FORM_MAX_BYTES);
      const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
      const csv = file ? await file.text() : typeof form.csv === 'string' ? form.csv : '';
      const dryRun = form.mode !== 'import';
      try {
        const result = await importRoster(deps, user, course.id, csv, { dryRun });
        return c.html(<RosterPage ctx={ctx} courses={courses} course={course} csv={csv} result={result} />);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code === 'forbidden') throw err;
        if (err.issues.length > 0) {
          return c.html(<RosterPage ctx={ctx} courses={courses} course={course} csv={csv} issues={err.issues} />, 422);
        }
        return c.html(<MessagePage ctx={ctx} title={ctx.t.rosterTitle} text={err.text[ctx.lang]} />, 409);
      }
    }),
  );
}
