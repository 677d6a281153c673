import type { StaffRole } from './roles.ts';

/**
 * The audit log of a course: one immutable record per teacher action, appended with a conditional put (never
 * rewritten, never deleted). `before` and `after` are the changed values, small JSON-able objects.
 */
export const AUDIT_ACTIONS = [
  'override',
  'regrade',
  'regrade-request.accept',
  'regrade-request.reject',
  'staff.add',
  'staff.remove',
  'roster.import',
  'roster.remove',
  'join-code.rotate',
  'deadline.set',
  'extension.grant',
  'reveal.set',
  'lti-platform.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  /** ULID: time-ordered, so the log reads newest first by id. */
  id: string;
  courseId: string;
  /** Who did it and in which staff role. */
  actorId: string;
  actorRole: StaffRole;
  at: string;
  action: AuditAction;
  /** What the action was about: a submission, lab, user or the course itself. */
  target: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Records per page of the listing, and the most a CSV export reads (bounded work). */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 5000;
/** A record's before/after, serialized, is kept under this many characters (a value above it is cut, marked). */
export const AUDIT_VALUE_MAX_CHARS = 2000;

/** Bound a before/after value: the JSON of a large one is replaced by a truncated string. */
export function boundedValue(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length <= AUDIT_VALUE_MAX_CHARS ? value : { truncated: text.slice(0, AUDIT_VALUE_MAX_CHARS) };
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'actorId', 'actorRole', 'action', 'target', 'before', 'after'] as const;

/** One CSV row per record, in AUDIT_CSV_HEADER's order; a cell that starts like a formula is quoted with `'`. */
export function auditCsvRecords(records: readonly AuditRecord[]): string[][] {
  const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return [
    [...AUDIT_CSV_HEADER],
    ...records.map((r) =>
      [
        r.id,
        r.at,
        r.actorId,
        r.actorRole,
        r.action,
        r.target,
        r.before ? JSON.stringify(r.before) : '',
        r.after ? JSON.stringify(r.after) : '',
      ].map(cell),
    ),
  ];
}
