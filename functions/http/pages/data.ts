import type { CountingGrade } from '../../../core/course/best-grade.ts';
import type { User } from '../../auth/user.ts';
import { myCourses, type MyCourse } from '../../service/courses.ts';
import type { LabHistory } from '../../service/submissions.ts';
import type { AppDeps } from '../deps.ts';

/** The counting grade of each lab the learner has tried, from their history (the API's, so the rule lives once). */
export const bestByLab = (history: readonly LabHistory[]): Map<string, CountingGrade> =>
  new Map(history.flatMap((h) => (h.best ? [[h.labId, h.best] as const] : [])));

/** The courses a user belongs to in one role (the API's list of them, so learners see no join codes here either). */
export async function coursesOf(
  deps: Pick<AppDeps, 'store'>,
  user: User,
  role: 'learner' | 'teacher',
): Promise<MyCourse[]> {
  // Co-teachers and teaching assistants see the courses they help teach beside the ones they own.
  return (await myCourses(deps, user)).filter((c) =>
    role === 'learner' ? c.role === 'learner' : c.role !== 'learner',
  );
}
