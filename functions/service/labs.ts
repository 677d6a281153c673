import type { Lab } from '../../core/labs/lab-schema.ts';
import type { User } from '../auth/user.ts';
import { catalogOf } from './catalog.ts';
import type { ServiceDeps } from './deps.ts';

export interface LabListing {
  lab: Lab;
  /** The caller's best graded score (percent) over all their courses; null if none or anonymous. */
  best: number | null;
}

/** Every lab in course order, with the caller's best score when signed in (public otherwise). */
export async function labList(
  deps: Pick<ServiceDeps, 'store' | 'course'>,
  user: User | undefined,
): Promise<LabListing[]> {
  const bests = new Map<string, number>();
  for (const b of user ? await deps.store.listBest(user.id) : [])
    bests.set(b.labId, Math.max(b.best, bests.get(b.labId) ?? 0));
  return catalogOf(deps.course).labs.map((lab) => ({ lab, best: bests.get(lab.id) ?? null }));
}
