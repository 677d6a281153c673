import { countingGrade, type CountingGrade } from '../../../core/course/best-grade.ts';
import type { Submission } from '../../../core/course/submission.ts';
import type { User } from '../../auth/user.ts';
import { myCourses, type MyCourse } from '../../service/courses.ts';
import type { AppDeps } from '../deps.ts';

/** A learner's counting grade per lab (override wins, else the best attempt), from their submissions. */
export function gradesByLab(submissions: readonly Submission[]): Map<string, CountingGrade> {
  const byLab = new Map<string, Submission[]>();
  for (const s of submissions) byLab.set(s.labId, [...(byLab.get(s.labId) ?? []), s]);
  const out = new Map<string, CountingGrade>();
  for (const [labId, list] of byLab) {
    const grade = countingGrade(list);
    if (grade) out.set(labId, grade);
  }
  return out;
}

/** The courses a user belongs to in one role (the API's list of them, so learners see no join codes here either). */
export async function coursesOf(deps: Pick<AppDeps, 'store'>, user: User, role: 'learner' | 'teacher'): Promise<MyCourse[]> {
  return (await myCourses(deps, user)).filter((c) => c.role === role);
}
