import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COURSE_LAB_IDS } from '../../../core/content/course.ts';
import { ContentError, loadGlossary, loadLabIds, loadLessons } from '../../../functions/adapters/content-fs.ts';
import { CONTENT_DIR, lessonText } from './fixtures.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'virtlab-content-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeLesson = (folder: string, ko: string, en: string) => {
  mkdirSync(join(dir, 'lessons', folder), { recursive: true });
  writeFileSync(join(dir, 'lessons', folder, 'ko.md'), ko);
  writeFileSync(join(dir, 'lessons', folder, 'en.md'), en);
};

describe('loadLessons', () => {
  it('loads and merges both languages', () => {
    writeLesson('42-sample', lessonText({ lang: 'ko' }), lessonText({ lang: 'en' }));
    const [lesson] = loadLessons(dir);
    expect(lesson.id).toBe('sample');
    expect(lesson.quiz[1]).toMatchObject({ id: 'q2', kind: 'multiple', answer: ['a', 'c'] });
    expect(lesson.body.ko).toContain('## First {#first}');
  });

  it('names the broken file and the line', () => {
    writeLesson('42-sample', lessonText({ lang: 'ko' }), lessonText({ lang: 'en' }).replace('kind: single', 'kind: maybe'));
    expect(() => loadLessons(dir)).toThrow(ContentError);
    expect(() => loadLessons(dir)).toThrow(/lessons\/42-sample\/en\.md: line \d+: quiz\[0\]\.kind/);
  });

  it('names the lesson when the two languages disagree', () => {
    writeLesson('42-sample', lessonText({ lang: 'ko' }), lessonText({ lang: 'en', body: '## Only {#only}\n' }));
    expect(() => loadLessons(dir)).toThrow(/lessons\/42-sample: sample\.body: The sections differ/);
  });

  it('requires the folder name to match the id and order', () => {
    writeLesson('07-other', lessonText({ lang: 'ko' }), lessonText({ lang: 'en' }));
    expect(() => loadLessons(dir)).toThrow(/lessons\/07-other\/ko\.md: id and order must match/);
    rmSync(join(dir, 'lessons'), { recursive: true });
    writeLesson('sample', lessonText({ lang: 'ko' }), lessonText({ lang: 'en' }));
    expect(() => loadLessons(dir)).toThrow(/lessons\/sample: folder name/);
  });

  it('throws naming a missing language file', () => {
    mkdirSync(join(dir, 'lessons', '42-sample'), { recursive: true });
    writeFileSync(join(dir, 'lessons', '42-sample', 'ko.md'), lessonText());
    expect(() => loadLessons(dir)).toThrow(/en\.md/);
  });
});

describe('loadGlossary', () => {
  it('names glossary.yaml when it is broken', () => {
    writeFileSync(join(dir, 'glossary.yaml'), '- id: x\n  ko: [\n');
    expect(() => loadGlossary(dir)).toThrow(/^glossary\.yaml: line \d+/);
  });

  it('loads the real glossary', () => {
    cpSync(join(CONTENT_DIR, 'glossary.yaml'), join(dir, 'glossary.yaml'));
    const terms = loadGlossary(dir);
    expect(terms.find((t) => t.id === 'hypercall')?.term).toEqual({ ko: '하이퍼콜', en: 'hypercall' });
    expect(readFileSync(join(dir, 'glossary.yaml'), 'utf8').length).toBeGreaterThan(1000);
  });
});

describe('loadLabIds', () => {
  it('is the course list when there are no lab files', () => {
    expect(loadLabIds(dir)).toEqual([...COURSE_LAB_IDS].sort());
  });

  it('adds lab files to the course list', () => {
    mkdirSync(join(dir, 'labs'));
    writeFileSync(join(dir, 'labs', 'extra-lab.yaml'), 'id: extra-lab\n');
    writeFileSync(join(dir, 'labs', 'notes.txt'), 'not a lab');
    const ids = loadLabIds(dir);
    expect(ids).toContain('extra-lab');
    expect(ids).not.toContain('notes');
    expect(ids.length).toBe(COURSE_LAB_IDS.length + 1);
  });
});
