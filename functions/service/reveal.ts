/**
 * The reveal policy applied to stored grades (the rule itself is core/grading/reveal.ts): this gathers what the
 * decision needs — whether the reader teaches the course, the learner's graded attempts up to the submission, the
 * lab's deadline with the learner's extension and the course's reveal default (core/course/course-settings.ts) —
 * and hands back submissions whose grade the reader may see.
 */
import { isAttempt } from '../../core/course/best-grade.ts';
import { courseRevealDefault } from '../../core/course/course-settings.ts';
import { effectiveDueAt } from '../../core/course/late-policy.ts';
import type { Submission } from '../../core/course/submission.ts';
import { decideReveal, redactGrade, revealPolicyFor, type RevealDecision } from '../../core/grading/reveal.ts';
import type { User } from '../auth/user.ts';
import type { ServiceDeps } from './deps.ts';
import { taughtCourse } from './access.ts';

type Deps = Pick<ServiceDeps, 'store' | 'course' | 'clock'>;

/** The decision for one reader of one submission. `hintsRevealed`: the learner says they revealed every hint. */
export async function revealFor(
  deps: Deps,
  reader: User,
  s: Submission,
  hintsRevealed = false,
): Promise<RevealDecision> {
  const teacher = !!(s.courseId && (await taughtCourse(deps, reader, s.courseId)));
  const [history, deadline, extension, course] = await Promise.all([
    deps.store.listLearnerSubmissions(s.learnerId, s.labId),
    s.courseId ? deps.store.getDeadline(s.courseId, s.labId) : undefined,
    s.courseId ? deps.store.getExtension(s.courseId, s.labId, s.learnerId) : undefined,
    s.courseId ? deps.store.getCourse(s.courseId) : undefined,
  ]);
  const lab = deps.course.labs.find((l) => l.id === s.labId);
  return decideReveal({
    role: teacher ? 'teacher' : 'learner',
    attempts: history.filter((a) => isAttempt(a) && a.queuedAt <= s.queuedAt).length,
    hintsRevealed,
    deadlinePassed: !!deadline && Date.parse(effectiveDueAt(deadline, extension)) <= deps.clock().getTime(),
    policy: revealPolicyFor(lab ?? {}, courseRevealDefault(course)),
  });
}

/** The submission with its explained grade cut to what the decision allows. */
export function revealed<S extends Pick<Submission, 'result'>>(s: S, decision: RevealDecision): S {
  const grade = s.result?.grade;
  if (!s.result || !grade || !Array.isArray(grade.checks)) return s;
  return { ...s, result: { ...s.result, grade: redactGrade(grade, decision) } };
}

/** Each of a learner's own submissions (newest first, one lab) cut to what its reader may see. */
export async function revealedHistory<S extends Submission>(
  deps: Deps,
  reader: User,
  subs: readonly S[],
): Promise<S[]> {
  return Promise.all(subs.map(async (s) => revealed(s, await revealFor(deps, reader, s))));
}
