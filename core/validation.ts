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

/** At most this many issues are shown; the rest are counted in one closing issue ("and N more"). */
export const MAX_SHOWN_ISSUES = 20;

/** The closing issue of a capped list. */
export const moreIssues = (n: number): ConfigIssue => ({
  path: '',
  message: {
    ko: `그 밖에 고칠 곳이 ${n}개 더 있습니다. 위의 것부터 고치세요.`,
    en: `…and ${n} more. Fix the ones above first.`,
  },
});

/** The first MAX_SHOWN_ISSUES issues, then "and N more" when there were more. */
export function capIssues(issues: readonly ConfigIssue[], max = MAX_SHOWN_ISSUES): ConfigIssue[] {
  return issues.length <= max ? [...issues] : [...issues.slice(0, max), moreIssues(issues.length - max)];
}

/**
 * Validate with a zod schema and report its issues in Korean and English: at most MAX_SHOWN_ISSUES of them, then
 * "and N more" (the suggestions and the second language are worked out only for those shown).
 * zod 4 takes an error map per parse, so the failing input is parsed once more per language; a valid input is
 * parsed once, without one (messages are only an invalid input's, and a parse with options runs ~2× slower).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const plain = schema.safeParse(input);
  if (plain.success) return { ok: true, value: plain.data };
  const first = schema.safeParse(input, { error: enLocale.localeError });
  if (first.success) return { ok: true, value: first.data };
  const ko = schema.safeParse(input, { error: koLocale.localeError });
  const koIssues = ko.success ? [] : ko.error.issues;
  const shown: ConfigIssue[] = [];
  let total = 0;
  first.error.issues.forEach((issue, i) => {
    // A typo'd key is reported at the key itself, so its line (not its parent's) is the one a learner is shown.
    if (issue.code === 'unrecognized_keys') {
      const room = Math.max(0, MAX_SHOWN_ISSUES - shown.length);
      const accepted = room ? keysAt(schema, issue.path) : new Set<string>();
      for (const key of issue.keys.slice(0, room)) {
        const meant = closestKey(key, accepted);
        shown.push({
          path: formatPath([...issue.path, key]),
          message: meant
            ? {
                ko: `알 수 없는 키 '${key}'입니다. '${meant}'를 쓰려던 것인가요?`,
                en: `Unknown key '${key}': did you mean '${meant}'?`,
              }
            : {
                ko: `알 수 없는 키 '${key}'입니다. 철자를 확인하거나 지우세요.`,
                en: `Unknown key '${key}': check its spelling or remove it.`,
              },
        });
      }
      total += issue.keys.length;
      return;
    }
    total++;
    if (shown.length < MAX_SHOWN_ISSUES) shown.push(describe(issue, koIssues[i], input));
  });
  return { ok: false, issues: total > shown.length ? [...shown, moreIssues(total - shown.length)] : shown };
}

type ZodIssue = z.core.$ZodIssue;

/** One zod issue (not unrecognized keys) in both languages, at the path a learner should look at. */
function describe(issue: ZodIssue, koIssue: ZodIssue | undefined, input: unknown): ConfigIssue {
  if (issue.code === 'invalid_union' && !decodeBilingual(issue.message)) {
    // "Invalid input" tells a learner nothing: say the field is missing, or show the nearest option's complaint.
    if (valueAt(input, issue.path) === undefined) return { path: formatPath(issue.path), message: REQUIRED };
    const branch = nearestBranch(issue.errors);
    const near = branch === undefined ? undefined : issue.errors[branch][0];
    if (near) {
      const koNear = (koIssue as typeof issue | undefined)?.errors?.[branch!]?.[0];
      return {
        path: formatPath([...issue.path, ...near.path]),
        message: decodeBilingual(near.message) ?? { en: near.message, ko: koNear?.message ?? near.message },
      };
    }
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number' && isNonFinite(valueAt(input, issue.path))) {
    return { path: formatPath(issue.path), message: NOT_FINITE };
  }
  return {
    path: formatPath(issue.path),
    message: decodeBilingual(issue.message) ?? { en: issue.message, ko: koIssue?.message ?? issue.message },
  };
}

/**
 * `.inf`, `.nan` and numbers a 64-bit float cannot hold (`1e309`): the YAML reader gives ±Infinity or NaN for the
 * first two and keeps the third as text, and zod's own words ("expected number, received number") explain neither.
 */
function isNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  return typeof v === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v.trim()) && !Number.isFinite(Number(v));
}

const NOT_FINITE: Msg = {
  ko: '유한한 수를 쓰세요. 무한대(.inf), NaN(.nan), 그리고 1e309처럼 64비트 실수로 나타낼 수 없는 수는 받지 않습니다.',
  en: 'Write a finite number: infinity (.inf), NaN (.nan) and numbers too large for a 64-bit float (like 1e309) are not accepted.',
};

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
    if (
      best === undefined ||
      errors.length < branches[best].length ||
      (errors.length === branches[best].length && depth(b) > depth(best))
    )
      best = b;
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
