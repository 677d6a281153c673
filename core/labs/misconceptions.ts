/**
 * The misconception catalogue (`content/misconceptions.yaml`) and the matching of a failed submission to the closest
 * one. Every wrong fixture of a lab names the misconception it embodies; a learner's failed attempt is matched by
 * the set of checks it failed, so "failed exactly what the RAID-5 fixture fails" reads "thinks RAID-5 survives two
 * failures". Pure: the catalogue arrives parsed, the lab with its fixtures.
 */
import * as z from 'zod';
import { msg } from '../i18n.ts';
import { parseConfigText, withLines } from '../config-text.ts';
import type { Lesson } from '../content/course.ts';
import { headingsOf, parseContentRef } from '../content/markdown.ts';
import { Slug } from '../slug.ts';
import { issue, validate, type ConfigIssue, type Parsed } from '../validation.ts';
import { msgSchema, type Lab } from './lab-schema.ts';

export const misconceptionSchema = z.strictObject({
  id: Slug,
  /** The wrong belief, as a learner would hold it. */
  title: msgSchema,
  /** What is true instead (Markdown). */
  correction: msgSchema,
  /** The lesson section that corrects it: `lesson:<lesson-id>#<section-id>`. */
  lesson: z.string().regex(/^lesson:[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'lesson:<lesson-id>#<section-id>',
  }),
});
export type Misconception = z.infer<typeof misconceptionSchema>;
export const misconceptionCatalogueSchema = z.array(misconceptionSchema).min(1);

/** Parse the catalogue: unique ids, well-formed lesson links; bilingual, line-numbered issues otherwise. */
export function parseMisconceptions(text: string): Parsed<Misconception[]> {
  const parsed = parseConfigText(text, 'yaml');
  if (!parsed.ok) return parsed;
  const valid = validate(misconceptionCatalogueSchema, parsed.value);
  if (!valid.ok) return { ok: false, issues: withLines(valid.issues, parsed) };
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  valid.value.forEach((m, i) => {
    if (seen.has(m.id))
      issues.push(
        issue(`[${i}].id`, msg(`오개념 id '${m.id}'가 중복됩니다.`, `Duplicate misconception id '${m.id}'.`)),
      );
    seen.add(m.id);
  });
  return issues.length ? { ok: false, issues: withLines(issues, parsed) } : valid;
}

/** The lesson and section a misconception points at. */
export function lessonOf(m: Misconception): { lesson: string; section: string } {
  const ref = parseContentRef(m.lesson)!;
  return { lesson: ref.id, section: ref.anchor! };
}

/** Each misconception's lesson link must resolve: the lesson exists and has the section in both languages. */
export function misconceptionLinkIssues(
  catalogue: readonly Misconception[],
  lessons: readonly Pick<Lesson, 'id' | 'body'>[],
): ConfigIssue[] {
  const byId = new Map(lessons.map((l) => [l.id, l]));
  return catalogue.flatMap((m, i) => {
    const { lesson, section } = lessonOf(m);
    const found = byId.get(lesson);
    if (!found)
      return [
        issue(`[${i}].lesson`, msg(`'${m.id}': 없는 레슨 '${lesson}'입니다.`, `'${m.id}': no lesson '${lesson}'.`)),
      ];
    const missing = (['ko', 'en'] as const).filter(
      (lang) => !headingsOf(found.body[lang]).some((h) => h.id === section),
    );
    return missing.length
      ? [
          issue(
            `[${i}].lesson`,
            msg(
              `'${m.id}': 레슨 '${lesson}'에 절 '#${section}'이 없습니다(${missing.join(', ')}).`,
              `'${m.id}': lesson '${lesson}' has no section '#${section}' (${missing.join(', ')}).`,
            ),
          ),
        ]
      : [];
  });
}

/** Fixtures that name a misconception the catalogue does not have (for the loader and the content tests). */
export function unknownMisconceptions(labs: readonly Lab[], catalogue: readonly Misconception[]): ConfigIssue[] {
  const ids = new Set(catalogue.map((m) => m.id));
  return labs.flatMap((lab) =>
    lab.fixtures.flatMap((f, i) =>
      f.misconception && !ids.has(f.misconception)
        ? [
            issue(
              `${lab.id}.fixtures[${i}].misconception`,
              msg(`없는 오개념 '${f.misconception}'입니다.`, `No misconception has the id '${f.misconception}'.`),
            ),
          ]
        : [],
    ),
  );
}

export interface MisconceptionMatch {
  id: string;
  /** The wrong fixture whose failed checks were closest. */
  fixture: string;
  /** Jaccard similarity of the two sets of failed checks, 0–1 (1: the same checks failed). */
  similarity: number;
}

/** Below this a failed attempt is too far from every known mistake to name one. */
export const MATCH_THRESHOLD = 0.5;

/**
 * The misconception of the wrong fixture whose failed checks are closest to `failed` (Jaccard similarity; the first
 * fixture wins a tie), or undefined when nothing failed or no fixture is close enough.
 */
export function closestMisconception(
  lab: Pick<Lab, 'fixtures'>,
  failed: readonly string[],
): MisconceptionMatch | undefined {
  if (failed.length === 0) return undefined;
  const mine = new Set(failed);
  let best: MisconceptionMatch | undefined;
  for (const f of lab.fixtures) {
    if (!f.gradable || f.variant || !f.misconception) continue;
    const common = f.fails.filter((id) => mine.has(id)).length;
    const similarity = Math.round((common / (mine.size + f.fails.length - common)) * 1000) / 1000;
    if (similarity >= MATCH_THRESHOLD && (!best || similarity > best.similarity))
      best = { id: f.misconception, fixture: f.name, similarity };
  }
  return best;
}

/** A classifier for the analytics: the misconception of a lab's failed attempt, from the lab's wrong fixtures. */
export function misconceptionClassifier(
  labs: readonly Pick<Lab, 'id' | 'fixtures'>[],
): (labId: string, failed: readonly string[]) => string | undefined {
  const byId = new Map(labs.map((l) => [l.id, l]));
  return (labId, failed) => {
    const lab = byId.get(labId);
    return lab && closestMisconception(lab, failed)?.id;
  };
}
