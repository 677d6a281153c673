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

const UTC_PARTS: Intl.DateTimeFormatOptions = {
  timeZone: 'UTC',
  year: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const KO_UTC = new Intl.DateTimeFormat('ko-KR', { ...UTC_PARTS, month: 'long' });
const EN_UTC = new Intl.DateTimeFormat('en-GB', { ...UTC_PARTS, month: 'short' });

/**
 * A moment as a learner reads it: `2026년 12월 1일 23:59 (UTC)` / `1 Dec 2026, 23:59 UTC`. Always UTC, and said so,
 * because the server does not know the reader's time zone.
 */
export function utcDateTime(iso: string): Msg {
  const at = new Date(iso);
  return msg(`${KO_UTC.format(at)} (UTC)`, `${EN_UTC.format(at)} UTC`);
}
