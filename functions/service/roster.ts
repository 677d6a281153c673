import { msg } from '../../core/i18n.ts';
import { parseRoster, type RosterRow } from '../../core/course/roster.ts';
import type { User } from '../auth/user.ts';
import type { Directory } from '../ports/directory.ts';
import { courseStaff } from './access.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { DomainError, conflict } from './errors.ts';

/**
 * What importing one row does (or, in a dry run, would do): `create` a new user and enroll them, `enroll` an
 * existing user, `already` enrolled (nothing to do), `skip` a staff member of the course (never made a learner).
 */
export type RosterOutcome = 'create' | 'enroll' | 'already' | 'skip';

export interface RosterResultRow extends RosterRow {
  outcome: RosterOutcome;
  userId?: string;
}

export interface RosterImport {
  dryRun: boolean;
  rows: RosterResultRow[];
  counts: Record<RosterOutcome, number>;
}

/** Rows looked up or written at once (directory and table calls per row are few; this bounds the burst). */
const CHUNK = 10;

async function inChunks<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await Promise.all(items.slice(i, i + CHUNK).map(work))));
  return out;
}

const countsOf = (rows: readonly RosterResultRow[]): Record<RosterOutcome, number> => {
  const counts: Record<RosterOutcome, number> = { create: 0, enroll: 0, already: 0, skip: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
};

/**
 * Import learners from a CSV roster (core/course/roster.ts). The whole file is checked first: one bad row refuses
 * it all, every problem named by line. A dry run reports what each row would do and writes nothing; the real run
 * creates missing users in the directory and enrolls them. Idempotent: importing the same file again enrolls no one
 * twice (each row finds its user by email and its membership by user). A run cut short can simply be repeated.
 */
export async function importRoster(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'directory'>,
  user: User,
  courseId: string,
  csv: string,
  options: { dryRun: boolean },
): Promise<RosterImport> {
  const access = await courseStaff(deps, user, courseId, 'roster');
  const directory: Directory | undefined = deps.directory;
  if (!directory) {
    throw conflict(
      'no_directory',
      msg(
        '이 배포에는 사용자 디렉터리가 설정되어 있지 않아 명단을 가져올 수 없습니다.',
        'No user directory is configured in this deployment, so a roster cannot be imported.',
      ),
    );
  }
  const parsed = parseRoster(csv);
  if (!parsed.ok) {
    throw new DomainError(
      'invalid',
      msg(
        '명단 파일에 고칠 곳이 있습니다. 아무것도 가져오지 않았습니다.',
        'The roster file has problems; nothing was imported.',
      ),
      { reason: 'invalid_roster', issues: parsed.issues },
    );
  }
  const courseTeacher = access.course.teacherId;
  const outcomeFor = async (userId: string | undefined): Promise<RosterOutcome> => {
    if (!userId) return 'create';
    if (userId === courseTeacher) return 'skip';
    const member = await deps.store.getEnrollment(courseId, userId);
    if (!member) return 'enroll';
    return member.role === 'learner' ? 'already' : 'skip';
  };

  if (options.dryRun) {
    const rows = await inChunks(parsed.rows, async (row): Promise<RosterResultRow> => {
      const found = await directory.findByEmail(row.email);
      return { ...row, outcome: await outcomeFor(found?.id), ...(found ? { userId: found.id } : {}) };
    });
    return { dryRun: true, rows, counts: countsOf(rows) };
  }

  const rows = await inChunks(parsed.rows, async (row): Promise<RosterResultRow> => {
    const { user: learner, created } = await directory.ensureLearner({ email: row.email, name: row.name });
    const before = await outcomeFor(learner.id);
    if (before === 'skip' || before === 'already') return { ...row, userId: learner.id, outcome: before };
    const enrolled = await deps.store.enroll({
      courseId,
      userId: learner.id,
      role: 'learner',
      joinedAt: deps.clock().toISOString(),
      addedBy: user.id,
      ...(row.studentId ? { studentId: row.studentId } : {}),
      ...(row.section ? { section: row.section } : {}),
    });
    // Enrolled meanwhile (a second import, or they joined by code): nothing is duplicated.
    const outcome: RosterOutcome = !enrolled ? 'already' : created ? 'create' : 'enroll';
    return { ...row, userId: learner.id, outcome };
  });
  const counts = countsOf(rows);
  await recordAudit(deps, user, access, {
    action: 'roster.import',
    target: `course:${courseId}`,
    after: { rows: rows.length, ...counts },
  });
  return { dryRun: false, rows, counts };
}
