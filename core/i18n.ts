/** The two languages of the course. Korean is the source language; English sits beside it. */
export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** A message a learner may read, in both languages. */
export interface Msg {
  ko: string;
  en: string;
}

export const msg = (ko: string, en: string): Msg => ({ ko, en });

export const pick = (m: Msg, lang: Lang): string => m[lang];

/** Parse a user-supplied language, falling back to Korean (the course default). */
export function toLang(value: unknown): Lang {
  return value === 'en' ? 'en' : 'ko';
}
