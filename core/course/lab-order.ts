/** What the course order reads of a lesson. */
export interface LessonLabs {
  order: number;
  labs: readonly string[];
}

/**
 * The course's labs in lesson order: by the first lesson (by `order`) that names them, then as listed there; labs
 * no lesson names come last, in the order given. Ids a lesson names but no lab has are left out. Every listing of
 * labs (home page, history, gradebook in HTML, JSON and CSV, analytics, the API's list) uses this one order.
 */
export function courseLabOrder(lessons: readonly LessonLabs[], labIds: readonly string[]): string[] {
  const known = new Set(labIds);
  const byLesson = [...lessons].sort((a, b) => a.order - b.order).flatMap((l) => l.labs);
  return [...new Set([...byLesson, ...labIds])].filter((id) => known.has(id));
}
