import { fileURLToPath } from 'node:url';
import { loadGlossary, loadLabIds, loadLessons } from '../../../functions/adapters/content-fs.ts';

/** The real course content: these tests check what learners will read, not a copy of it. */
export const CONTENT_DIR = fileURLToPath(new URL('../../../content/', import.meta.url));

export const lessons = loadLessons(CONTENT_DIR);
export const glossary = loadGlossary(CONTENT_DIR);
export const labIds = loadLabIds(CONTENT_DIR);

/** A small valid lesson file, for tests that break one thing at a time. */
export function lessonText(over: { lang?: 'ko' | 'en'; front?: string; body?: string } = {}): string {
  const lang = over.lang ?? 'ko';
  return `---
id: sample
order: 42
lang: ${lang}
title: Sample
summary: A sample lesson.
labs: [hvm-boot-vtx]
glossary: [hypervisor]
quiz:
  - id: q1
    kind: single
    prompt: Pick a.
    choices:
      - { id: a, text: A }
      - { id: b, text: B }
    answer: [a]
    explanation: Because a.
  - id: q2
    kind: multiple
    prompt: Pick a and c.
    choices:
      - { id: a, text: A }
      - { id: b, text: B }
      - { id: c, text: C }
    answer: [a, c]
    explanation: Because a and c.
  - id: q3
    kind: single
    prompt: Pick b.
    choices:
      - { id: a, text: A }
      - { id: b, text: B }
    answer: [b]
    explanation: Because b.
${over.front ?? ''}---
${over.body ?? '# Sample\n\n## First {#first}\n\nSee [the hypervisor](glossary:hypervisor).\n\n## Second {#second}\n\nText.\n'}`;
}
