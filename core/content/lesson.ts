import { parseConfigText, withLines } from '../config-text.ts';
import { msg } from '../i18n.ts';
import { validate, type ConfigIssue, type Parsed } from '../validation.ts';
import { LessonFrontMatter } from './lesson-schema.ts';
import type { Lesson } from './course.ts';
import { lessonPairIssues } from './checks.ts';

/** One lesson file in one language: its validated front matter and its markdown body. */
export interface LessonDoc {
  meta: LessonFrontMatter;
  body: string;
  /** 1-based line of the body's first line in the file, so body problems can point into the file. */
  bodyLine: number;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parse `---\n<yaml>\n---\n<markdown>`. Pure: the caller reads the file. */
export function parseLessonText(text: string): Parsed<LessonDoc> {
  const src = text.replace(/^\uFEFF/, '');
  const m = FENCE.exec(src);
  if (!m) {
    return fail([
      {
        path: '',
        line: 1,
        message: msg(
          '수업 파일은 --- 로 감싼 YAML 머리말로 시작해야 합니다.',
          'A lesson file must start with YAML front matter between --- lines.',
        ),
      },
    ]);
  }
  const parsed = parseConfigText(m[1], 'yaml');
  // The front matter starts on line 2 of the file (line 1 is the opening ---).
  const shift = (issues: ConfigIssue[]): ConfigIssue[] =>
    issues.map((i) => (i.line === undefined ? i : { ...i, line: i.line + 1 }));
  if (!parsed.ok) return fail(shift(parsed.issues));
  const meta = validate(LessonFrontMatter, parsed.value);
  if (!meta.ok) return fail(shift(withLines(meta.issues, parsed)));
  const bodyLine = m[0].split('\n').length;
  return { ok: true, value: { meta: meta.value, body: src.slice(m[0].length), bodyLine } };
}

const fail = (issues: ConfigIssue[]): Parsed<LessonDoc> => ({ ok: false, issues });

/**
 * Merge the Korean and English files of one lesson. They must agree on everything that is not words: id, order,
 * labs, glossary, quiz structure and answers, and section outline.
 */
export function mergeLesson(ko: LessonDoc, en: LessonDoc): Parsed<Lesson> {
  const issues = lessonPairIssues(ko, en);
  if (issues.length > 0) return { ok: false, issues };
  const { meta } = ko;
  return {
    ok: true,
    value: {
      id: meta.id,
      order: meta.order,
      title: msg(meta.title, en.meta.title),
      summary: msg(meta.summary, en.meta.summary),
      labs: meta.labs,
      glossary: meta.glossary,
      objectives: meta.objectives.map((o, i) => msg(o, en.meta.objectives[i])),
      prerequisites: meta.prerequisites.map((p, i) => ({
        ...(p.lesson ? { lesson: p.lesson } : {}),
        text: msg(p.text, en.meta.prerequisites[i].text),
      })),
      reading: meta.reading.map((r, i) => ({
        id: r.id,
        cite: r.cite,
        ...(r.url ? { url: r.url } : {}),
        note: msg(r.note, en.meta.reading[i].note),
      })),
      quiz: meta.quiz.map((q, i) => {
        const e = en.meta.quiz[i];
        return {
          id: q.id,
          kind: q.kind,
          prompt: msg(q.prompt, e.prompt),
          choices: q.choices.map((c, j) => ({
            id: c.id,
            text: msg(c.text, e.choices[j].text),
            ...(c.misconception ? { misconception: c.misconception } : {}),
          })),
          answer: q.answer,
          explanation: msg(q.explanation, e.explanation),
        };
      }),
      body: { ko: ko.body, en: en.body },
    },
  };
}
