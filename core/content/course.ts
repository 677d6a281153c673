import type { Lang, Msg } from '../i18n.ts';

/** A quiz question with both languages merged: the structure (ids, kind, answers) is shared, the words are not. */
export interface Question {
  id: string;
  kind: 'single' | 'multiple';
  prompt: Msg;
  choices: { id: string; text: Msg }[];
  answer: string[];
  explanation: Msg;
}

/** One lesson, Korean and English side by side. */
export interface Lesson {
  id: string;
  order: number;
  title: Msg;
  summary: Msg;
  labs: string[];
  glossary: string[];
  quiz: Question[];
  /** Markdown bodies (front matter removed). */
  body: Record<Lang, string>;
}

export interface GlossaryTerm {
  id: string;
  term: Msg;
  definition: Msg;
  /** Lessons that use the term. */
  lessons: string[];
}

export type Glossary = GlossaryTerm[];
