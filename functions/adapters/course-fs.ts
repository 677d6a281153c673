import type { CourseContent } from '../service/deps.ts';
import { loadExamples, loadGlossary, loadLessons } from './content-fs.ts';
import { loadLabs } from './labs-fs.ts';

/** Lessons, labs, glossary and simulator examples from the `content/` folder, loaded once per process (a broken file stops startup). */
export async function loadCourse(contentDir: string): Promise<CourseContent> {
  return { lessons: loadLessons(contentDir), labs: await loadLabs(contentDir), glossary: loadGlossary(contentDir), examples: loadExamples(contentDir) };
}
