import { DEMO_USERS } from '../../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../../functions/local/server.ts';
import { DEMO_COURSE } from '../../../functions/local/seed.ts';
import { call, startStack, tokenFor } from './stack.ts';

/**
 * The local stack with the staff tests' cast: the demo users, a second teacher (teacher3) and a learner account
 * (ta1) to make a TA. Fills `tokens` with each one's session; with `assignRoles`, the owner (teacher1) first makes
 * teacher3 co-teacher and ta1 TA of the demo course, through the API.
 */
export async function startStaffStack(
  tokens: Record<string, string>,
  { assignRoles }: { assignRoles: boolean },
): Promise<LocalStack> {
  const stack = await startStack({
    users: [
      ...DEMO_USERS,
      { id: 'teacher3', name: 'Teacher Three', roles: ['teacher'] },
      { id: 'ta1', name: 'TA One', roles: ['learner'] },
    ],
  });
  for (const u of ['learner1', 'learner2', 'teacher1', 'teacher3', 'ta1']) tokens[u] = await tokenFor(stack, u);
  if (!assignRoles) return stack;
  for (const [userId, role] of [
    ['teacher3', 'co-teacher'],
    ['ta1', 'ta'],
  ]) {
    const r = await call(stack, 'PUT', `/api/courses/${DEMO_COURSE.id}/staff/${userId}`, {
      token: tokens.teacher1,
      json: { role },
    });
    if (r.status !== 200) throw new Error(r.text);
  }
  return stack;
}
