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

/**
 * The labs of the course. The lab files (`content/labs/<id>.yaml`) are the authority when they exist; this list is
 * what the lessons are checked against before they do.
 */
export const COURSE_LAB_IDS: readonly string[] = [
  'hvm-boot-vtx',
  'windows-needs-hvm',
  'pv-pagetable-hypercalls',
  'hosted-host-crash',
  'containers-cgroups',
  'sensitive-instructions',
  'server-consolidation',
  'raid-capacity-two-failures',
  'raid-recover-data',
  'lun-masking',
  'nfv-firewall-lb-chain',
  'vdi-pool-network-blip',
  'app-conflicting-runtimes',
];
