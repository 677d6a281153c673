import * as z from 'zod';
import { parseConfigText, withLines } from '../config-text.ts';
import { bilingual, validate, type Parsed } from '../validation.ts';
import { msg } from '../i18n.ts';
import { Slug } from '../slug.ts';
import type { Glossary } from './course.ts';

const Bilingual = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

/** One entry of `content/glossary.yaml`: the term in both languages, a short definition in both, where it is used. */
export const GlossaryEntry = z.strictObject({
  id: Slug,
  ko: z.string().min(1),
  en: z.string().min(1),
  /**
   * Korean spellings the course does not use for this term (e.g. 준가상화 for 반가상화). With `ko` as the preferred
   * form, the glossary is the course's ko ↔ en terminology table; the content checks reject these forms in lessons.
   */
  avoid: z.array(z.string().min(1)).optional(),
  definition: Bilingual,
  lessons: z.array(Slug).min(1),
});

export const GlossaryFile = z.array(GlossaryEntry).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: bilingual(msg(`용어 id '${e.id}'가 중복됩니다`, `duplicate term id '${e.id}'`)),
      });
    seen.add(e.id);
  });
});

/** Parse the glossary YAML text (same parser and limits as any YAML the platform reads, so errors carry lines). */
export function parseGlossaryText(text: string): Parsed<Glossary> {
  const parsed = parseConfigText(text, 'yaml');
  if (!parsed.ok) return parsed;
  const checked = validate(GlossaryFile, parsed.value);
  if (!checked.ok) return { ok: false, issues: withLines(checked.issues, parsed) };
  return {
    ok: true,
    value: checked.value.map((e) => ({
      id: e.id,
      term: { ko: e.ko, en: e.en },
      ...(e.avoid ? { avoid: e.avoid } : {}),
      definition: e.definition,
      lessons: e.lessons,
    })),
  };
}
