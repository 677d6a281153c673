import type { Glossary, Lesson } from '../../core/content/course.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import type { Misconception } from '../../core/labs/misconceptions.ts';
import type { ServiceConfig } from '../config.ts';
import type { Directory } from '../ports/directory.ts';
import type { OnGraded } from '../ports/grade-events.ts';
import type { Queue, RegradeQueue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

/** The course content, loaded once per process (CONTENT_DIR, or the bundle's snapshot). */
export interface CourseContent {
  lessons: readonly Lesson[];
  labs: readonly Lab[];
  glossary: Glossary;
  /** Simulator examples the lessons link (`example:<name>`), name → YAML text; shown at /examples/<name>. */
  examples?: Readonly<Record<string, string>>;
  /** content/misconceptions.yaml: what a failed attempt's misconception means and which lesson corrects it. */
  misconceptions?: readonly Misconception[];
}

/**
 * What the use cases need from the outside world: the ports, the content, a clock and ids. Built by
 * local/server.ts or lambda/*.ts; the HTTP app's deps extend it with what only HTTP needs (auth, the mode).
 */
export interface ServiceDeps {
  store: Store;
  queue: Queue;
  /** Where a regrade job's ticks go (the fan-out worker consumes them). */
  regrades: RegradeQueue;
  course: CourseContent;
  clock: () => Date;
  /** A new unique, time-ordered id (ULID). */
  ids: () => string;
  /** Cryptographically random bytes (join codes); `crypto.getRandomValues` when absent. */
  randomBytes?: (count: number) => Uint8Array;
  config: ServiceConfig;
  /** Where a roster import finds or creates learners; absent where no directory is configured. */
  directory?: Directory;
  /** Told of a teacher's override, as the grader tells of a result (LTI posts the score again); absent, nothing. */
  onGraded?: OnGraded;
}
