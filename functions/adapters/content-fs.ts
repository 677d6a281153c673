import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { msg } from '../../core/i18n.ts';
import { issue, type ConfigIssue } from '../../core/validation.ts';
import type { Glossary, Lesson } from '../../core/content/course.ts';
import { parseGlossaryText } from '../../core/content/glossary.ts';
import { mergeLesson, parseLessonText, type LessonDoc } from '../../core/content/lesson.ts';

/** A content file that does not parse or check; the message names the file and lists every issue. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `${file}: ${issues
        .map((i) => `${i.line ? `line ${i.line}: ` : ''}${i.path ? `${i.path}: ` : ''}${i.message.en}`)
        .join('; ')}`,
    );
    this.name = 'ContentError';
  }
}

const LESSON_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

function readLessonDoc(contentDir: string, file: string): LessonDoc {
  const parsed = parseLessonText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new ContentError(relative(contentDir, file), parsed.issues);
  return parsed.value;
}

/**
 * Read every lesson under `<contentDir>/lessons/<NN>-<id>/{ko,en}.md`, merged and sorted by order. The folder name
 * must agree with the front matter, so the order on disk is the order of the course.
 */
export function loadLessons(contentDir: string): Lesson[] {
  const root = join(contentDir, 'lessons');
  const lessons: Lesson[] = [];
  for (const dir of readdirSync(root).sort()) {
    const m = LESSON_DIR.exec(dir);
    if (!m)
      throw new ContentError(`lessons/${dir}`, [
        issue('', msg('폴더 이름은 <NN>-<수업 id> 형식이어야 합니다', 'folder name must be <NN>-<lesson id>')),
      ]);
    const [ko, en] = (['ko', 'en'] as const).map((lang) => readLessonDoc(contentDir, join(root, dir, `${lang}.md`)));
    if (ko.meta.id !== m[2] || ko.meta.order !== Number(m[1]))
      throw new ContentError(`lessons/${dir}/ko.md`, [
        issue(
          '',
          msg(`id와 order는 폴더 이름 '${dir}'에 맞춰야 합니다`, `id and order must match the folder name '${dir}'`),
        ),
      ]);
    const merged = mergeLesson(ko, en);
    if (!merged.ok) throw new ContentError(`lessons/${dir}`, merged.issues);
    lessons.push(merged.value);
  }
  return lessons.sort((a, b) => a.order - b.order);
}

export function loadGlossary(contentDir: string): Glossary {
  const parsed = parseGlossaryText(readFileSync(join(contentDir, 'glossary.yaml'), 'utf8'));
  if (!parsed.ok) throw new ContentError('glossary.yaml', parsed.issues);
  return parsed.value;
}

/** Lab ids the lessons may link: one per lab file `<contentDir>/labs/<id>.yaml`, sorted (none without the folder). */
export function loadLabIds(contentDir: string): string[] {
  const dir = join(contentDir, 'labs');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
  return files.map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** Simulator examples the lessons may link (`example:<name>`): one per `<contentDir>/examples/<name>.yaml`, sorted. */
export function loadExampleIds(contentDir: string): string[] {
  const dir = join(contentDir, 'examples');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
  return files.map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** The text of every example, by name, for the page that shows one with its trace. */
export function loadExamples(contentDir: string): Record<string, string> {
  return Object.fromEntries(
    loadExampleIds(contentDir).map((name) => [
      name,
      readFileSync(join(contentDir, 'examples', `${name}.yaml`), 'utf8'),
    ]),
  );
}
