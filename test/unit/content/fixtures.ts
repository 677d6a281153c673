import { fileURLToPath } from 'node:url';
import { loadExampleIds, loadGlossary, loadLabIds, loadLessons } from '../../../functions/adapters/content-fs.ts';

/** The real course content: these tests check what learners will read, not a copy of it. */
export const CONTENT_DIR = fileURLToPath(new URL('../../../content/', import.meta.url));

export const lessons = loadLessons(CONTENT_DIR);
export const glossary = loadGlossary(CONTENT_DIR);
export const labIds = loadLabIds(CONTENT_DIR);
export const exampleIds = loadExampleIds(CONTENT_DIR);

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
objectives: [Say what a hypervisor does., Tell type 1 from type 2.]
prerequisites:
  - { text: Processes and system calls. }
reading:
  - { id: popek-goldberg-1974, cite: "Popek & Goldberg, CACM 17(7), 1974", url: "https://doi.org/10.1145/361011.361073", note: The conditions. }
quiz:
  - id: q1
    kind: single
    prompt: Pick a.
    choices:
      - { id: a, text: A }
      - { id: b, text: B, misconception: full-virt-no-overhead }
    answer: [a]
    explanation: Because a.
  - id: q2
    kind: multiple
    prompt: Pick a and c.
    choices:
      - { id: a, text: A }
      - { id: b, text: B, misconception: containers-use-hypervisor }
      - { id: c, text: C }
    answer: [a, c]
    explanation: Because a and c.
  - id: q3
    kind: single
    prompt: Pick b.
    choices:
      - { id: a, text: A, misconception: bare-metal-is-full-virt }
      - { id: b, text: B }
    answer: [b]
    explanation: Because b.
${over.front ?? ''}---
${over.body ?? '# Sample\n\n## First {#first}\n\nSee [the hypervisor](glossary:hypervisor).\n\n## Second {#second}\n\nText.\n'}`;
}
