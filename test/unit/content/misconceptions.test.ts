import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { koreanStrings, misconceptionIssues, terminologyIssues } from '../../../core/content/checks.ts';
import { FRAME_SECTIONS } from '../../../core/content/frame.ts';
import { headingsOf } from '../../../core/content/markdown.ts';
import { parseConfigText } from '../../../core/config-text.ts';
import { CONTENT_DIR, glossary, lessons } from './fixtures.ts';

/** The quizzes name misconceptions by id; the one catalogue is `content/misconceptions.yaml`, shared with the labs. */
const Bilingual = z.strictObject({ ko: z.string().regex(/[가-힣]/), en: z.string().regex(/^[^가-힣]+$/) });
const Entry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: Bilingual,
  correction: Bilingual,
  lesson: z.string().regex(/^lesson:[a-z0-9-]+#[a-z0-9-]+$/),
});

const parsed = parseConfigText(readFileSync(join(CONTENT_DIR, 'misconceptions.yaml'), 'utf8'), 'yaml');
if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message.en).join('; '));
const catalogue = z.array(Entry).parse(parsed.value);

const used = new Set(lessons.flatMap((l) => l.quiz.flatMap((q) => q.choices.flatMap((c) => c.misconception ?? []))));

describe('quiz misconceptions', () => {
  it('name only ids of the catalogue', () => {
    expect(
      misconceptionIssues(
        lessons,
        catalogue.map((m) => m.id),
      ).map((i) => `${i.path}: ${i.message.en}`),
    ).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(40);
  });

  it('every wrong choice of every quiz names the misconception it reveals', () => {
    const unnamed = lessons.flatMap((l) =>
      l.quiz.flatMap((q) =>
        q.choices.filter((c) => !q.answer.includes(c.id) && !c.misconception).map((c) => `${l.id}.${q.id}.${c.id}`),
      ),
    );
    expect(unnamed).toEqual([]);
  });

  it('catalogue entries are unique and point at a real lesson section', () => {
    const ids = catalogue.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sections = new Map(
      lessons.map((l) => [l.id, new Set([...headingsOf(l.body.en).map((h) => h.id), ...FRAME_SECTIONS])]),
    );
    const broken = catalogue.filter((m) => {
      const [id, section] = m.lesson.slice('lesson:'.length).split('#');
      return !sections.get(id ?? '')?.has(section ?? '');
    });
    expect(broken.map((m) => m.lesson)).toEqual([]);
  });

  it("Korean texts use the glossary's preferred terms", () => {
    expect(terminologyIssues([], glossary, koreanStrings(catalogue, 'misconceptions'))).toEqual([]);
  });
});
