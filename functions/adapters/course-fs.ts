import type { CourseContent } from '../service/deps.ts';
import { loadExamples, loadGlossary, loadLessons } from './content-fs.ts';
import { loadLabs, loadMisconceptions } from './labs-fs.ts';

/** Lessons, labs, glossary and simulator examples from the `content/` folder, loaded once per process (a broken file stops startup). */
export async function loadCourse(contentDir: string): Promise<CourseContent> {
  const [labs, misconceptions] = await Promise.all([loadLabs(contentDir), loadMisconceptions(contentDir)]);
  return {
    lessons: loadLessons(contentDir),
    labs,
    glossary: loadGlossary(contentDir),
    examples: loadExamples(contentDir),
    misconceptions,
  };
}
