import * as z from 'zod';
import { en as enLocaleOf, ko as koLocaleOf } from 'zod/locales';
import type { Msg } from './i18n.ts';
import { closestKey, keysAt } from './did-you-mean.ts';

/** One problem in a configuration, lab file or request: where it is and what is wrong, in both languages. */
export interface ConfigIssue {
  /** Dotted path into the input, e.g. `guests[1].mode`; empty for the whole document. */
  path: string;
  message: Msg;
  /** The 1-based line in the submitted text, when the input came from text. */
  line?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

const koLocale = koLocaleOf();
const enLocale = enLocaleOf();

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Validate with a zod schema and report every issue in Korean and English.
 * zod 4 takes an error map per parse, so the failing input is parsed once more per language; a valid input is
 * parsed once.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const first = schema.safeParse(input, { error: enLocale.localeError });
  if (first.success) return { ok: true, value: first.data };
  const ko = schema.safeParse(input, { error: koLocale.localeError });
  const koIssues = ko.success ? [] : ko.error.issues;
  const issues = first.error.issues.flatMap((issue, i): ConfigIssue[] => {
    // A typo'd key is reported at the key itself, so its line (not its parent's) is the one a learner is shown.
    if (issue.code === 'unrecognized_keys') {
      const accepted = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const meant = closestKey(key, accepted);
        return {
          path: formatPath([...issue.path, key]),
          message: meant
            ? { ko: `알 수 없는 키 '${key}'입니다. '${meant}'를 쓰려던 것인가요?`, en: `Unknown key '${key}': did you mean '${meant}'?` }
            : { ko: `알 수 없는 키 '${key}'입니다. 철자를 확인하거나 지우세요.`, en: `Unknown key '${key}': check its spelling or remove it.` },
        };
      });
    }
    if (issue.code === 'invalid_union' && !decodeBilingual(issue.message)) {
      // "Invalid input" tells a learner nothing: say the field is missing, or show the nearest option's complaint.
      if (valueAt(input, issue.path) === undefined) return [{ path: formatPath(issue.path), message: REQUIRED }];
      const branch = nearestBranch(issue.errors);
      const near = branch === undefined ? undefined : issue.errors[branch][0];
      if (near) {
        const koNear = (koIssues[i] as typeof issue | undefined)?.errors?.[branch!]?.[0];
        return [
          {
            path: formatPath([...issue.path, ...near.path]),
            message: decodeBilingual(near.message) ?? { en: near.message, ko: koNear?.message ?? near.message },
          },
        ];
      }
    }
    return [
      {
        path: formatPath(issue.path),
        message: decodeBilingual(issue.message) ?? { en: issue.message, ko: koIssues[i]?.message ?? issue.message },
      },
    ];
  });
  return { ok: false, issues };
}

const REQUIRED: Msg = { ko: '꼭 있어야 하는 항목이 빠졌습니다.', en: 'This field is required.' };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * The union option the input came closest to: the fewest complaints, and on a tie the one whose complaint lies
 * deepest (the input already had that option's shape).
 */
function nearestBranch(branches: readonly (readonly { path: readonly PropertyKey[] }[])[]): number | undefined {
  let best: number | undefined;
  const depth = (b: number) => Math.max(...branches[b].map((e) => e.path.length));
  branches.forEach((errors, b) => {
    if (!errors.length) return;
    if (best === undefined || errors.length < branches[best].length || (errors.length === branches[best].length && depth(b) > depth(best))) best = b;
  });
  return best;
}

const BILINGUAL = 'i18n:';

/**
 * A custom zod error message in both languages, for `.refine(…, { error: bilingual(msg(ko, en)) })`.
 * zod carries one string, so both languages travel in it and `validate` splits them again.
 */
export function bilingual(m: Msg): string {
  return BILINGUAL + JSON.stringify(m);
}

/** The message `bilingual` packed into a zod issue, if this is one. */
export function decodeBilingual(text: string): Msg | undefined {
  if (!text.startsWith(BILINGUAL)) return undefined;
  const m = JSON.parse(text.slice(BILINGUAL.length)) as Msg;
  return m;
}

export const issue = (path: string, message: Msg): ConfigIssue => ({ path, message });
