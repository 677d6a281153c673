import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError, loadGlossary, loadLabIds, loadLessons } from '../../../functions/adapters/content-fs.ts';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
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
    writeLesson(
      '42-sample',
      lessonText({ lang: 'ko' }),
      lessonText({ lang: 'en' }).replace('kind: single', 'kind: maybe'),
    );
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
  it('has no labs when there is no labs folder', () => {
    expect(loadLabIds(dir)).toEqual([]);
  });

  it('is exactly the yaml files of the labs folder, sorted', () => {
    mkdirSync(join(dir, 'labs'));
    writeFileSync(join(dir, 'labs', 'zeta-lab.yaml'), 'id: zeta-lab\n');
    writeFileSync(join(dir, 'labs', 'alpha-lab.yaml'), 'id: alpha-lab\n');
    writeFileSync(join(dir, 'labs', 'notes.txt'), 'not a lab');
    expect(loadLabIds(dir)).toEqual(['alpha-lab', 'zeta-lab']);
  });

  it('names the same labs as the lab loader, so lessons are checked against the labs learners get', async () => {
    const labs = await loadLabs(CONTENT_DIR);
    expect(labs.length).toBeGreaterThan(0);
    expect(loadLabIds(CONTENT_DIR)).toEqual(labs.map((l) => l.id).sort());
  });
});
