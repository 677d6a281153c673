import { msg } from '../../core/i18n.ts';
import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_MAX,
  boundedValue,
  type AuditAction,
  type AuditRecord,
} from '../../core/course/audit.ts';
import type { User } from '../auth/user.ts';
import { courseStaff, type StaffAccess } from './access.ts';
import type { ServiceDeps } from './deps.ts';
import { DomainError } from './errors.ts';

export interface AuditEntry {
  action: AuditAction;
  target: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Ids drawn before giving up on appending a record (a clash needs two equal ULIDs). */
const APPEND_ATTEMPTS = 3;

/**
 * Append one immutable record of what `user` (in `access.role`) did. A conditional put on a new id: an existing
 * record is never overwritten. Called after the action took effect.
 */
export async function recordAudit(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids'>,
  user: User,
  access: StaffAccess,
  entry: AuditEntry,
): Promise<AuditRecord> {
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    const record: AuditRecord = {
      id: deps.ids(),
      courseId: access.course.id,
      actorId: user.id,
      actorRole: access.role,
      at: deps.clock().toISOString(),
      action: entry.action,
      target: entry.target,
      ...(entry.before ? { before: boundedValue(entry.before) } : {}),
      ...(entry.after ? { after: boundedValue(entry.after) } : {}),
    };
    if (await deps.store.appendAudit(record)) return record;
  }
  throw new Error(`audit record not appended after ${APPEND_ATTEMPTS} ids`);
}

const AUDIT_CURSOR = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The owner reads the course's audit log, newest first, one bounded page at a time. */
export async function listAuditLog(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
  page: { limit: number; after?: string; action?: AuditAction },
): Promise<{ records: AuditRecord[]; next?: string }> {
  await courseStaff(deps, user, courseId, 'audit');
  if (page.after !== undefined && !AUDIT_CURSOR.test(page.after)) {
    throw new DomainError('invalid', msg('페이지 커서가 올바르지 않습니다.', 'The page cursor is not valid.'), {
      reason: 'bad_cursor',
    });
  }
  return deps.store.listAudit(courseId, { ...page, limit: Math.min(Math.max(1, page.limit), AUDIT_PAGE_MAX) });
}

/**
 * Every record (of one action, if given) for a CSV export, newest first. Reads at most AUDIT_EXPORT_MAX records
 * (bounded work, whatever the filter keeps); `truncated` says when there were more.
 */
export async function exportAuditLog(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
  action?: AuditAction,
): Promise<{ records: AuditRecord[]; truncated: boolean }> {
  await courseStaff(deps, user, courseId, 'audit');
  const records: AuditRecord[] = [];
  let read = 0;
  let after: string | undefined;
  do {
    const limit = Math.min(AUDIT_PAGE_MAX, AUDIT_EXPORT_MAX - read);
    const page = await deps.store.listAudit(courseId, { limit, after, ...(action ? { action } : {}) });
    records.push(...page.records);
    read += limit;
    after = page.next;
  } while (after && read < AUDIT_EXPORT_MAX);
  return { records, truncated: !!after };
}
