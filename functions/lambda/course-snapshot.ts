/**
 * The course content (lessons, labs, glossary) as one JSON file written beside `index.mjs` when a function is
 * bundled (write-course-snapshot.ts). Parsing and checking every lesson and lab (YAML, markdown, schemas) then
 * happens once per build — a broken file fails the build — instead of on every cold start, where it took about
 * half a second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CourseContent } from '../service/deps.ts';

export const SNAPSHOT_FILE = 'course.json';

/** The snapshot beside the running bundle; undefined when running from source (tests, tsx), which parse CONTENT_DIR. */
export function readCourseSnapshot(): CourseContent | undefined {
  const file = fileURLToPath(new URL(SNAPSHOT_FILE, import.meta.url));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CourseContent) : undefined;
}
