import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import { AUDIT_ACTIONS, AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, auditCsvRecords } from '../../../core/course/audit.ts';
import { ASSIGNABLE_STAFF_ROLES, STAFF_ROLES } from '../../../core/course/roles.ts';
import { ROSTER_MAX_BYTES } from '../../../core/course/roster.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireUser } from '../middleware/auth.ts';
import { guardBody } from '../middleware/body.ts';
import { exportAuditLog, listAuditLog } from '../../service/audit.ts';
import { importRoster } from '../../service/roster.ts';
import { addStaff, listStaff, removeStaff } from '../../service/staff.ts';
import { bearer, jsonBody, ok, pickErrors, ulid } from './schemas.ts';

/**
 * Running a course: its staff (co-teachers, TAs) and audit log (owner only), and the roster import (owner and
 * co-teachers).
 */

const CourseParam = z.object({ courseId: ulid });
const userId = z.string().min(1).max(128);
const json = guardBody({ types: ['application/json'], maxBytes: 4096 });
/** The roster's own limit is checked by the parser (with a bilingual message); the guard stops far larger bodies. */
const csvBody = guardBody({ types: ['text/csv', 'text/plain'], maxBytes: ROSTER_MAX_BYTES + 4096 });

const RosterRow = z
  .object({
    line: z.number().int(),
    email: z.string(),
    name: z.string(),
    studentId: z.string().optional(),
    section: z.string().optional(),
    outcome: z.enum(['create', 'enroll', 'already', 'skip']),
    userId: z.string().optional(),
  })
  .openapi('RosterRow');
const RosterImport = z
  .object({
    dryRun: z.boolean(),
    rows: z.array(RosterRow),
    counts: z.object({ create: z.number(), enroll: z.number(), already: z.number(), skip: z.number() }),
  })
  .openapi('RosterImport');

const StaffMember = z
  .object({
    userId: z.string(),
    role: z.enum(STAFF_ROLES),
    since: z.string(),
    addedBy: z.string().optional(),
  })
  .openapi('StaffMember');

const AuditRecord = z
  .object({
    id: z.string(),
    courseId: z.string(),
    actorId: z.string(),
    actorRole: z.enum(STAFF_ROLES),
    at: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string(),
    before: z.record(z.string(), z.unknown()).optional(),
    after: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AuditRecord');

const routes = {
  roster: createRoute({
    method: 'post',
    path: '/courses/{courseId}/roster',
    tags: ['staff'],
    summary:
      'Owner or co-teacher: import learners from CSV (email,name[,student_id,section]); ?dryRun=true previews and writes nothing',
    security: bearer,
    middleware: csvBody,
    request: {
      params: CourseParam,
      query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      body: {
        required: true,
        description: 'The roster, UTF-8 CSV with a header row',
        content: { 'text/csv': { schema: z.string() } },
      },
    },
    responses: {
      200: ok(RosterImport, 'What each row did (or would do)'),
      ...pickErrors(400, 401, 403, 404, 409, 413, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/courses/{courseId}/staff',
    tags: ['staff'],
    summary: 'Owner: the course’s staff (owner, co-teachers, teaching assistants)',
    security: bearer,
    request: { params: CourseParam },
    responses: { 200: ok(z.object({ staff: z.array(StaffMember) }), 'Staff'), ...pickErrors(400, 401, 403, 404) },
  }),
  add: createRoute({
    method: 'put',
    path: '/courses/{courseId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Owner: make a user a co-teacher or teaching assistant (or change their role)',
    security: bearer,
    middleware: json,
    request: {
      params: CourseParam.extend({ userId }),
      body: jsonBody(z.object({ role: z.enum(ASSIGNABLE_STAFF_ROLES) }), 'The staff role'),
    },
    responses: { 200: ok(StaffMember, 'Saved'), ...pickErrors(400, 401, 403, 404, 409, 413, 415) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/courses/{courseId}/staff/{userId}',
    tags: ['staff'],
    summary: 'Owner: remove a co-teacher or teaching assistant',
    security: bearer,
    request: { params: CourseParam.extend({ userId }) },
    responses: { 200: ok(z.object({ removed: z.string() }), 'Removed'), ...pickErrors(400, 401, 403, 404) },
  }),
  audit: createRoute({
    method: 'get',
    path: '/courses/{courseId}/audit',
    tags: ['staff'],
    summary:
      'Owner: the audit log, newest first, paged (JSON), or up to 5000 records read (CSV with ?format=csv, UTF-8 with a BOM so spreadsheets read Korean); ?action= filters',
    security: bearer,
    request: {
      params: CourseParam,
      query: z.object({
        format: z.enum(['json', 'csv']).default('json'),
        limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
        after: ulid.optional().openapi({ description: 'The previous page’s `next`' }),
        action: z.enum(AUDIT_ACTIONS).optional().openapi({ description: 'Only this action’s records' }),
      }),
    },
    responses: {
      200: {
        description: 'The audit log',
        content: {
          'application/json': {
            schema: z.object({ records: z.array(AuditRecord), next: z.string().optional() }),
          },
          'text/csv': { schema: { type: 'string' as const } },
        },
      },
      ...pickErrors(400, 401, 403, 404),
    },
  }),
};

export function staffRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.roster, async (c) => {
    const result = await importRoster(
      deps,
      requireUser(c.get('user')),
      c.req.valid('param').courseId,
      c.get('bodyText'),
      {
        dryRun: c.req.valid('query').dryRun === 'true',
      },
    );
    return c.json(result, 200);
  });
  app.openapi(routes.list, async (c) =>
    c.json({ staff: await listStaff(deps, requireUser(c.get('user')), c.req.valid('param').courseId) }, 200),
  );
  app.openapi(routes.add, async (c) => {
    const { courseId, userId: id } = c.req.valid('param');
    return c.json(
      await addStaff(deps, requireUser(c.get('user')), courseId, { userId: id, role: c.req.valid('json').role }),
      200,
    );
  });
  app.openapi(routes.remove, async (c) => {
    const { courseId, userId: id } = c.req.valid('param');
    await removeStaff(deps, requireUser(c.get('user')), courseId, id);
    return c.json({ removed: id }, 200);
  });
  app.openapi(routes.audit, async (c) => {
    const { courseId } = c.req.valid('param');
    const query = c.req.valid('query');
    const user = requireUser(c.get('user'));
    if (query.format === 'csv') {
      const { records, truncated } = await exportAuditLog(deps, user, courseId, query.action);
      c.header('Content-Disposition', `attachment; filename="audit-${courseId}.csv"`);
      if (truncated) c.header('X-Truncated', 'true');
      // The BOM tells a spreadsheet the file is UTF-8 (without it, Excel reads Korean as mojibake).
      return c.body(`\uFEFF${stringify(auditCsvRecords(records))}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    const page = await listAuditLog(deps, user, courseId, {
      limit: query.limit,
      after: query.after,
      ...(query.action ? { action: query.action } : {}),
    });
    return c.json(page, 200);
  });
}
