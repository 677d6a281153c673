import type { Glossary, Lesson } from '../../core/content/course.ts';
import { courseLabOrder } from '../../core/course/lab-order.ts';
import { msg } from '../../core/i18n.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import type { CourseContent, ServiceDeps } from './deps.ts';
import { notFound } from './errors.ts';

/** The course content in course order, with lookups by id. */
export interface Catalog {
  /** By `order`. */
  lessons: readonly Lesson[];
  /** In lesson order (`courseLabOrder`). */
  labs: readonly Lab[];
  labIds: readonly string[];
  glossary: Glossary;
  lab(id: string): Lab | undefined;
  lesson(id: string): Lesson | undefined;
  /** The labs of one lesson, as it lists them (ids without a lab left out). */
  labsOf(lesson: Lesson): Lab[];
}

const catalogs = new WeakMap<CourseContent, Catalog>();

/** The catalog of the loaded content, computed once per content (the content never changes in a process). */
export function catalogOf(course: CourseContent): Catalog {
  let catalog = catalogs.get(course);
  if (!catalog) {
    const labById = new Map(course.labs.map((l) => [l.id, l]));
    const lessons = [...course.lessons].sort((a, b) => a.order - b.order);
    const lessonById = new Map(lessons.map((l) => [l.id, l]));
    const labsOf = (ids: readonly string[]) => ids.flatMap((id) => labById.get(id) ?? []);
    const labIds = courseLabOrder(lessons, [...labById.keys()]);
    catalog = {
      lessons,
      labs: labsOf(labIds),
      labIds,
      glossary: course.glossary,
      lab: (id) => labById.get(id),
      lesson: (id) => lessonById.get(id),
      labsOf: (lesson) => labsOf(lesson.labs),
    };
    catalogs.set(course, catalog);
  }
  return catalog;
}

export function findLab(deps: Pick<ServiceDeps, 'course'>, labId: string): Lab {
  const lab = catalogOf(deps.course).lab(labId);
  if (!lab) throw notFound(msg(`'${labId}' 실습을 찾을 수 없습니다.`, `No lab '${labId}'.`));
  return lab;
}

export function findLesson(deps: Pick<ServiceDeps, 'course'>, lessonId: string): Lesson {
  const lesson = catalogOf(deps.course).lesson(lessonId);
  if (!lesson) throw notFound(msg(`'${lessonId}' 수업을 찾을 수 없습니다.`, `No lesson '${lessonId}'.`));
  return lesson;
}
