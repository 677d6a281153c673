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

const snapshotFile = () => fileURLToPath(new URL(SNAPSHOT_FILE, import.meta.url));
const parse = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CourseContent;

/** The snapshot beside the running bundle; undefined when running from source (tests, tsx), which parse CONTENT_DIR. */
export function readCourseSnapshot(): CourseContent | undefined {
  const file = snapshotFile();
  return existsSync(file) ? parse(file) : undefined;
}

/**
 * The snapshot read when first asked for (then kept): reading and parsing its ~750 KiB costs tens of milliseconds
 * that requests which do not touch the course (health, sign-in, a submission's status) need not wait for.
 * Undefined when there is no snapshot.
 */
export function courseSnapshotOnDemand(): (() => CourseContent) | undefined {
  const file = snapshotFile();
  if (!existsSync(file)) return undefined;
  let course: CourseContent | undefined;
  return () => (course ??= parse(file));
}
