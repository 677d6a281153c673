import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LessonFrontMatter } from '../../../core/content/lesson-schema.ts';
import { parseLessonText } from '../../../core/content/lesson.ts';
import { parseGlossaryText } from '../../../core/content/glossary.ts';
import { validate } from '../../../core/validation.ts';
import { CONTENT_DIR, lessonText } from './fixtures.ts';

const lessonFiles = readdirSync(join(CONTENT_DIR, 'lessons')).flatMap((dir) =>
  ['ko', 'en'].map((lang) => join(CONTENT_DIR, 'lessons', dir, `${lang}.md`)),
);

describe('lesson front matter', () => {
  it.each(lessonFiles)('%s parses and validates', (file) => {
    const parsed = parseLessonText(readFileSync(file, 'utf8'));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (parsed.ok) {
      expect(parsed.value.meta.lang).toBe(file.endsWith('ko.md') ? 'ko' : 'en');
      expect(parsed.value.body.trim().length).toBeGreaterThan(2000);
    }
  });

  it('accepts the sample and gives the body without the front matter', () => {
    const parsed = parseLessonText(lessonText());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.body.startsWith('# Sample')).toBe(true);
      expect(parsed.value.meta.quiz.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    }
  });

  it('refuses a file without front matter', () => {
    const parsed = parseLessonText('# Just markdown\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0].message.en).toMatch(/front matter/);
  });

  it('reports YAML errors with the line in the file', () => {
    const parsed = parseLessonText('---\nid: x\ntitle: [unclosed\n---\nbody\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports schema errors with the path and line of the bad field, in both languages', () => {
    const parsed = parseLessonText(lessonText().replace('order: 42', 'order: -1'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const issue = parsed.issues.find((i) => i.path === 'order');
      expect(issue?.line).toBe(3);
      expect(issue?.message.ko).not.toBe(issue?.message.en);
    }
  });

  const base = (): Record<string, unknown> => {
    const parsed = parseLessonText(lessonText());
    if (!parsed.ok) throw new Error('sample must parse');
    return structuredClone(parsed.value.meta);
  };
  type Q = { kind: string; answer: string[]; choices: { id: string }[]; id: string };

  it.each<[string, (fm: Record<string, unknown>) => void, string]>([
    ['a single-choice question with two answers', (fm) => ((fm.quiz as Q[])[0].answer = ['a', 'b']), 'quiz[0].answer'],
    ['an answer that is not a choice', (fm) => ((fm.quiz as Q[])[1].answer = ['a', 'z']), 'quiz[1].answer'],
    ['repeated choice ids', (fm) => ((fm.quiz as Q[])[2].choices[1].id = 'a'), 'quiz[2]'],
    ['repeated question ids', (fm) => ((fm.quiz as Q[])[2].id = 'q1'), 'quiz'],
    ['fewer than three questions', (fm) => (fm.quiz = (fm.quiz as Q[]).slice(0, 2)), 'quiz'],
    ['more than five questions', (fm) => (fm.quiz = [...(fm.quiz as Q[]), ...(fm.quiz as Q[])]), 'quiz'],
    ['an unknown key', (fm) => (fm.extra = 1), ''],
    ['an id that is not kebab-case', (fm) => (fm.id = 'Bad Id'), 'id'],
    ['an unknown language', (fm) => (fm.lang = 'fr'), 'lang'],
    ['a lab id that is not kebab-case', (fm) => (fm.labs = ['HVM']), 'labs[0]'],
    [
      'a misconception on a right choice',
      (fm) => (((fm.quiz as Q[])[0].choices[0] as { misconception?: string }).misconception = 'x'),
      'quiz[0].choices[0].misconception',
    ],
    [
      'a question whose wrong choices name no misconception',
      (fm) => delete ((fm.quiz as Q[])[0].choices[1] as { misconception?: string }).misconception,
      'quiz[0].choices',
    ],
    ['fewer than two objectives', (fm) => (fm.objectives = ['One.']), 'objectives'],
    ['no prerequisites', (fm) => (fm.prerequisites = []), 'prerequisites'],
    ['no reading list', (fm) => delete fm.reading, 'reading'],
    [
      'a reading address that is not https',
      (fm) => ((fm.reading as { url: string }[])[0].url = 'http://example.org'),
      'reading[0].url',
    ],
    ['a repeated source', (fm) => (fm.reading = [...(fm.reading as object[]), ...(fm.reading as object[])]), 'reading'],
  ])('rejects %s', (_name, mutate, path) => {
    const fm = base();
    mutate(fm);
    const result = validate(LessonFrontMatter, fm);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.some((i) => i.path.startsWith(path))).toBe(true);
  });
});

describe('glossary file', () => {
  it('parses the real glossary', () => {
    const parsed = parseGlossaryText(readFileSync(join(CONTENT_DIR, 'glossary.yaml'), 'utf8'));
    expect(parsed.ok ? parsed.value.length : parsed.issues).toBeGreaterThanOrEqual(40);
  });

  const entry = (id: string, definition = '{ ko: 뜻, en: meaning }') =>
    `- id: ${id}\n  ko: 가\n  en: a\n  definition: ${definition}\n  lessons: [nfv]\n`;

  it('rejects a duplicate id, pointing at its line', () => {
    const parsed = parseGlossaryText(entry('a') + entry('a'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((i) => i.path)).toEqual(['[1].id']);
      expect(parsed.issues[0].line).toBe(6);
    }
  });

  it('rejects a definition missing one language', () => {
    const parsed = parseGlossaryText(entry('a') + entry('b', '{ ko: 뜻 }'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toEqual(['[1].definition.en']);
  });
});
