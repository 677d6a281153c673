import * as z from 'zod';
import { bilingual } from './validation.ts';
import { msg } from './i18n.ts';

/** Lesson, lab, glossary, question, section and topic ids share one shape: lowercase kebab-case. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: bilingual(msg('소문자, 숫자, 하이픈(-)만 쓸 수 있습니다', 'use lowercase letters, digits and hyphens only')),
});
