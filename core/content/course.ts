import type { Lang, Msg } from '../i18n.ts';

/** A quiz question with both languages merged: the structure (ids, kind, answers) is shared, the words are not. */
export interface Question {
  id: string;
  kind: 'single' | 'multiple';
  prompt: Msg;
  /** `misconception`: the catalogue id a learner picking this wrong choice reveals. */
  choices: { id: string; text: Msg; misconception?: string }[];
  answer: string[];
  explanation: Msg;
}

export interface ReadingItem {
  id: string;
  cite: string;
  url?: string;
  note: Msg;
}

/** One lesson, Korean and English side by side. */
export interface Lesson {
  id: string;
  order: number;
  title: Msg;
  summary: Msg;
  labs: string[];
  glossary: string[];
  /** What a learner can do after the lesson. */
  objectives: Msg[];
  /** What to know first: an earlier lesson (`lesson` id) or outside background. */
  prerequisites: { lesson?: string; text: Msg }[];
  /** Primary sources; `cite` is the same in both languages. */
  reading: ReadingItem[];
  quiz: Question[];
  /** Markdown bodies (front matter removed). */
  body: Record<Lang, string>;
}

export interface GlossaryTerm {
  id: string;
  term: Msg;
  /** Korean forms not to use for this term (the terminology table); `term.ko` is the preferred form. */
  avoid?: string[];
  definition: Msg;
  /** Lessons that use the term. */
  lessons: string[];
}

export type Glossary = GlossaryTerm[];
