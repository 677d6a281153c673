import type { CourseOffering } from '../../core/course/course.ts';
import { DEMO_USERS } from '../auth/local-issuer.ts';
import type { Store } from '../ports/store.ts';

/** The demo offering of local mode: fixed id and join code, so links and curl lines keep working across restarts. */
export const DEMO_COURSE: CourseOffering = {
  id: '0000000000000000000000DEM0',
  title: 'virtlab 데모 강좌 / virtlab demo course',
  teacherId: 'teacher1',
  joinCode: 'XENHVM26',
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** Seed the demo course, taught by teacher1 with every demo learner enrolled. Safe to run on every start. */
export async function seedDemo(store: Store): Promise<void> {
  await store.createCourse(DEMO_COURSE);
  for (const user of DEMO_USERS) {
    const role = user.roles.includes('teacher') ? 'teacher' : 'learner';
    await store.enroll({ courseId: DEMO_COURSE.id, userId: user.id, role, joinedAt: DEMO_COURSE.createdAt });
  }
}
