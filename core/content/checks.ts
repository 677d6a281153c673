import { LANGS, msg, type Lang, type Msg } from '../i18n.ts';
import type { ConfigIssue } from '../validation.ts';
import type { Glossary, Lesson } from './course.ts';
import { NOTE_CONCEPTS, type Concept } from './concepts.ts';
import { FRAME_SECTIONS } from './frame.ts';
import type { LessonDoc } from './lesson.ts';
import { headingsOf, linksOf, looksLikeContentRef, parseContentRef, type Heading } from './markdown.ts';

/**
 * Pure cross-checks of the course content. Each returns a list of issues (empty = fine), so every problem is
 * reported at once: the loader runs `lessonPairIssues` (via `mergeLesson`), the content tests run all of them.
 */

const at = (path: string, m: Msg): ConfigIssue => ({ path, message: m });

/** Section headings (depth ≥ 2) are the outline both languages must share; the page title is the front matter. */
const outline = (body: string): Heading[] => headingsOf(body).filter((h) => h.depth >= 2);

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));

/** The Korean and English files of one lesson must agree on everything but the words. */
export function lessonPairIssues(ko: LessonDoc, en: LessonDoc): ConfigIssue[] {
  const id = ko.meta.id;
  const issues: ConfigIssue[] = [];
  if (ko.meta.lang !== 'ko')
    issues.push(at(`${id}.ko.lang`, msg('한국어 파일의 lang은 ko여야 합니다.', 'The Korean file must say lang: ko.')));
  if (en.meta.lang !== 'en')
    issues.push(at(`${id}.en.lang`, msg('영어 파일의 lang은 en이어야 합니다.', 'The English file must say lang: en.')));
  for (const key of ['id', 'order', 'labs', 'glossary'] as const) {
    if (JSON.stringify(ko.meta[key]) !== JSON.stringify(en.meta[key]))
      issues.push(
        at(
          `${id}.${key}`,
          msg(`${key} 값이 한국어와 영어 파일에서 다릅니다.`, `${key} differs between the Korean and English files.`),
        ),
      );
  }
  // Objectives and prerequisites are words, but there must be as many in each language (and the same lessons);
  // a reading list names the same sources (id, citation, address) in both.
  const frame = (doc: LessonDoc) => ({
    objectives: doc.meta.objectives.length,
    prerequisites: doc.meta.prerequisites.map((p) => p.lesson ?? null),
    reading: doc.meta.reading.map((r) => ({ id: r.id, cite: r.cite, url: r.url ?? null })),
  });
  for (const key of ['objectives', 'prerequisites', 'reading'] as const)
    if (JSON.stringify(frame(ko)[key]) !== JSON.stringify(frame(en)[key]))
      issues.push(
        at(
          `${id}.${key}`,
          key === 'reading'
            ? msg(
                '읽을거리가 두 언어에서 다릅니다 (id, 인용, 주소가 같아야 합니다).',
                'The reading list differs between languages (ids, citations and addresses must match).',
              )
            : msg(
                `${key} 항목이 두 언어에서 다릅니다 (개수와 연결한 수업이 같아야 합니다).`,
                `${key} differ between languages (same count and same linked lessons).`,
              ),
        ),
      );
  const shape = (doc: LessonDoc) =>
    doc.meta.quiz.map((q) => ({
      id: q.id,
      kind: q.kind,
      choices: q.choices.map((c) => [c.id, c.misconception ?? null]),
      answer: q.answer,
    }));
  if (!sameList(shape(ko), shape(en)))
    issues.push(
      at(
        `${id}.quiz`,
        msg(
          '퀴즈가 두 언어에서 다릅니다 (문제 id, 종류, 선택지 id, 오개념 id, 정답이 같아야 합니다).',
          'The quiz differs between languages (question ids, kinds, choice ids, misconceptions and answers must match).',
        ),
      ),
    );
  const koOutline = outline(ko.body);
  const enOutline = outline(en.body);
  for (const [lang, list] of [
    ['ko', koOutline],
    ['en', enOutline],
  ] as const)
    for (const h of list)
      if (!h.id)
        issues.push(
          at(`${id}.${lang}.body`, msg(`제목 '${h.text}'에 {#id}가 없습니다.`, `Heading '${h.text}' has no {#id}.`)),
        );
  const skeleton = (list: Heading[]) => list.map((h) => ({ depth: h.depth, id: h.id }));
  if (!sameList(skeleton(koOutline), skeleton(enOutline)))
    issues.push(
      at(
        `${id}.body`,
        msg(
          `두 언어의 절 구성이 다릅니다: ko [${koOutline.map((h) => h.id).join(', ')}] / en [${enOutline.map((h) => h.id).join(', ')}]`,
          `The sections differ between languages: ko [${koOutline.map((h) => h.id).join(', ')}] / en [${enOutline.map((h) => h.id).join(', ')}]`,
        ),
      ),
    );
  return issues;
}

/** What the course-level checks look at (not the app's `CourseContent`: labs by id only). */
export interface ContentToCheck {
  lessons: readonly Lesson[];
  glossary: Glossary;
  labIds: readonly string[];
  /** Names of the simulator examples (`content/examples/<name>.yaml`) that `example:` links may point at. */
  exampleIds: readonly string[];
}

/** Every reference between lessons, labs and the glossary resolves, and every lab is practised by some lesson. */
export function referenceIssues({ lessons, glossary, labIds, exampleIds }: ContentToCheck): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const labs = new Set(labIds);
  const examples = new Set(exampleIds);
  const terms = new Set(glossary.map((t) => t.id));
  // The page adds the objectives, prerequisites and reading list as sections of their own (frame.ts).
  const sections = new Map(
    lessons.map((l) => [
      l.id,
      new Set<string | undefined>([...outline(l.body.ko).map((h) => h.id), ...FRAME_SECTIONS]),
    ]),
  );
  const orderOf = new Map(lessons.map((l) => [l.id, l.order]));
  const seenOrders = new Map<number, string>();
  for (const lesson of lessons) {
    const other = seenOrders.get(lesson.order);
    if (other)
      issues.push(at(`${lesson.id}.order`, msg(`'${other}'와 순서 번호가 같습니다.`, `Same order as '${other}'.`)));
    seenOrders.set(lesson.order, lesson.id);
    for (const lab of lesson.labs)
      if (!labs.has(lab)) issues.push(at(`${lesson.id}.labs`, msg(`없는 실습 '${lab}'`, `Unknown lab '${lab}'`)));
    for (const term of lesson.glossary)
      if (!terms.has(term))
        issues.push(
          at(`${lesson.id}.glossary`, msg(`용어집에 없는 용어 '${term}'`, `Term '${term}' is not in the glossary`)),
        );
    for (const p of lesson.prerequisites) {
      if (!p.lesson) continue;
      const order = orderOf.get(p.lesson);
      if (order === undefined)
        issues.push(at(`${lesson.id}.prerequisites`, msg(`없는 수업 '${p.lesson}'`, `Unknown lesson '${p.lesson}'`)));
      else if (order >= lesson.order)
        issues.push(
          at(
            `${lesson.id}.prerequisites`,
            msg(
              `선수 수업 '${p.lesson}'은(는) 이 수업보다 앞에 와야 합니다.`,
              `The prerequisite '${p.lesson}' must come before this lesson.`,
            ),
          ),
        );
    }
    for (const lang of LANGS) {
      for (const h of outline(lesson.body[lang]))
        if (h.id && (FRAME_SECTIONS as readonly string[]).includes(h.id))
          issues.push(
            at(
              `${lesson.id}.${lang}.body`,
              msg(
                `절 id '${h.id}'는 머리말에서 만드는 절의 것입니다.`,
                `The section id '${h.id}' is reserved for the part the front matter makes.`,
              ),
            ),
          );
      issues.push(...linkIssues(lesson, lang, { labs, terms, sections, examples }));
    }
  }
  for (const lab of labIds)
    if (!lessons.some((l) => l.labs.includes(lab)))
      issues.push(
        at(`labs.${lab}`, msg(`실습 '${lab}'을(를) 연결한 수업이 없습니다.`, `No lesson links the lab '${lab}'.`)),
      );
  return issues;
}

interface Targets {
  labs: Set<string>;
  examples: Set<string>;
  terms: Set<string>;
  sections: Map<string, Set<string | undefined>>;
}

function linkIssues(lesson: Lesson, lang: Lang, { labs, terms, sections, examples }: Targets): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const path = `${lesson.id}.${lang}.body`;
  const bad = (href: string, why: Msg) =>
    issues.push(at(path, msg(`링크 '${href}': ${why.ko}`, `Link '${href}': ${why.en}`)));
  const hrefs = linksOf(lesson.body[lang]);
  // The front matter's glossary list is what the lesson teaches, so each term is linked where it is explained.
  for (const term of lesson.glossary)
    if (!hrefs.includes(`glossary:${term}`))
      issues.push(
        at(
          path,
          msg(
            `용어 '${term}'가 목록에 있지만 본문에서 링크하지 않습니다.`,
            `Term '${term}' is listed but never linked in the body.`,
          ),
        ),
      );
  for (const href of hrefs) {
    if (href.startsWith('#')) {
      if (!sections.get(lesson.id)?.has(href.slice(1)))
        bad(href, msg('이 수업에 그런 절이 없습니다', 'no such section in this lesson'));
      continue;
    }
    if (!looksLikeContentRef(href)) {
      if (!/^https:\/\//.test(href))
        bad(
          href,
          msg(
            'https:// 주소나 lab:/lesson:/glossary:/example: 링크만 씁니다',
            'use https:// or lab:/lesson:/glossary:/example: links only',
          ),
        );
      continue;
    }
    const ref = parseContentRef(href);
    if (!ref) bad(href, msg('형식이 잘못되었습니다', 'malformed'));
    else if (ref.kind === 'lab' && !labs.has(ref.id)) bad(href, msg('없는 실습입니다', 'unknown lab'));
    else if (ref.kind === 'example' && !examples.has(ref.id))
      bad(href, msg('content/examples에 없는 예제입니다', 'no such example in content/examples'));
    else if (ref.kind === 'example' && ref.anchor)
      bad(href, msg('예제 링크에는 #절이 없습니다', 'an example link has no #section'));
    else if (ref.kind === 'glossary' && !terms.has(ref.id)) bad(href, msg('용어집에 없습니다', 'not in the glossary'));
    else if (ref.kind === 'glossary' && !lesson.glossary.includes(ref.id))
      bad(href, msg('머리말 glossary 목록에 빠져 있습니다', 'missing from the front matter glossary list'));
    else if (ref.kind === 'lesson' && !sections.has(ref.id)) bad(href, msg('없는 수업입니다', 'unknown lesson'));
    else if (ref.kind === 'lesson' && ref.anchor && !sections.get(ref.id)!.has(ref.anchor))
      bad(href, msg('그 수업에 그런 절이 없습니다', 'no such section in that lesson'));
  }
  return issues;
}

/** The glossary says which lessons use each term; that must agree with the lessons' own glossary lists. */
export function glossaryIssues(lessons: readonly Lesson[], glossary: Glossary): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const lessonIds = new Set(lessons.map((l) => l.id));
  for (const term of glossary) {
    for (const id of term.lessons)
      if (!lessonIds.has(id))
        issues.push(at(`glossary.${term.id}.lessons`, msg(`없는 수업 '${id}'`, `Unknown lesson '${id}'`)));
    const users = lessons.filter((l) => l.glossary.includes(term.id)).map((l) => l.id);
    const missing = users.filter((id) => !term.lessons.includes(id));
    const extra = term.lessons.filter((id) => lessonIds.has(id) && !users.includes(id));
    if (missing.length || extra.length)
      issues.push(
        at(
          `glossary.${term.id}.lessons`,
          msg(
            `수업 목록이 맞지 않습니다 (빠짐: ${missing.join(', ') || '-'}, 남음: ${extra.join(', ') || '-'})`,
            `Lesson list does not match (missing: ${missing.join(', ') || '-'}, extra: ${extra.join(', ') || '-'})`,
          ),
        ),
      );
  }
  return issues;
}

/** Every concept of the original notes is taught somewhere in the course, in both languages. */
export function conceptIssues(lessons: readonly Lesson[], concepts: readonly Concept[] = NOTE_CONCEPTS): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const text: Record<Lang, string> = {
    ko: lessons
      .map((l) => l.body.ko)
      .join('\n')
      .toLowerCase(),
    en: lessons
      .map((l) => l.body.en)
      .join('\n')
      .toLowerCase(),
  };
  for (const concept of concepts)
    for (const lang of LANGS)
      if (!concept[lang].some((form) => text[lang].includes(form.toLowerCase())))
        issues.push(
          at(
            `concepts.${concept.id}`,
            msg(
              `개념 '${concept.ko[0]}'이(가) ${lang === 'ko' ? '한국어' : '영어'} 수업에 없습니다.`,
              `The concept '${concept.en[0]}' is missing from the ${lang === 'ko' ? 'Korean' : 'English'} lessons.`,
            ),
          ),
        );
  return issues;
}

/**
 * A lab names the lessons to read before it; each of those lessons must offer the lab in turn, so a learner finds
 * the lab from the lesson as well as the lesson from the lab. (A lesson may offer more labs than name it.)
 */
export function labLessonIssues(
  lessons: readonly Lesson[],
  labs: readonly { id: string; lessons: readonly string[] }[],
): ConfigIssue[] {
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const issues: ConfigIssue[] = [];
  for (const lab of labs)
    for (const id of lab.lessons) {
      const lesson = byId.get(id);
      if (!lesson) issues.push(at(`labs.${lab.id}.lessons`, msg(`없는 수업 '${id}'`, `Unknown lesson '${id}'`)));
      else if (!lesson.labs.includes(lab.id))
        issues.push(
          at(
            `${id}.labs`,
            msg(
              `실습 '${lab.id}'이(가) 이 수업을 먼저 읽으라고 하지만, 수업의 labs에 그 실습이 없습니다.`,
              `The lab '${lab.id}' names this lesson, but the lesson's labs do not include it.`,
            ),
          ),
        );
    }
  return issues;
}

/** All course-level checks together. */
export function courseIssues(content: ContentToCheck): ConfigIssue[] {
  return [
    ...referenceIssues(content),
    ...glossaryIssues(content.lessons, content.glossary),
    ...conceptIssues(content.lessons),
    ...terminologyIssues(content.lessons, content.glossary),
  ];
}

/**
 * Every misconception a quiz choice names is in the catalogue (`content/misconceptions.yaml`, the labs' and the
 * quizzes' shared list), so the analytics can count one misconception across quizzes and labs.
 */
export function misconceptionIssues(lessons: readonly Lesson[], catalogue: readonly string[]): ConfigIssue[] {
  const known = new Set(catalogue);
  return lessons.flatMap((l) =>
    l.quiz.flatMap((q) =>
      q.choices
        .filter((c) => c.misconception && !known.has(c.misconception))
        .map((c) =>
          at(
            `${l.id}.quiz.${q.id}.${c.id}`,
            msg(
              `오개념 목록에 없는 id '${c.misconception}'`,
              `The misconception '${c.misconception}' is not in the catalogue`,
            ),
          ),
        ),
    ),
  );
}

/** Every piece of Korean text a lesson shows: body, title, summary, objectives, prerequisites, reading notes, quiz. */
function koreanTexts(l: Lesson): [string, string][] {
  return [
    ['body', l.body.ko],
    ['title', l.title.ko],
    ['summary', l.summary.ko],
    ...l.objectives.map((o, i): [string, string] => [`objectives[${i}]`, o.ko]),
    ...l.prerequisites.map((p, i): [string, string] => [`prerequisites[${i}]`, p.text.ko]),
    ...l.reading.map((r): [string, string] => [`reading.${r.id}`, r.note.ko]),
    ...l.quiz.flatMap((q): [string, string][] => [
      [`quiz.${q.id}.prompt`, q.prompt.ko],
      [`quiz.${q.id}.explanation`, q.explanation.ko],
      ...q.choices.map((c): [string, string] => [`quiz.${q.id}.${c.id}`, c.text.ko]),
    ]),
  ];
}

/** Occurrences of `form` in `text` that are not part of the preferred spelling (특권 명령 inside 특권 명령어 is fine). */
function strayForms(text: string, form: string, preferred: string): number {
  const offset = preferred.indexOf(form);
  let count = 0;
  for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1))
    if (offset < 0 || text.slice(i - offset, i - offset + preferred.length) !== preferred) count++;
  return count;
}

/** A piece of Korean text and where it is (`lesson.ko.body`, `glossary.vmm.definition.ko`, `labs.x.statement.ko`). */
export type NamedText = readonly [where: string, text: string];

/** Every string under a `ko` key of parsed content (a lab file, the misconception catalogue), named by its path. */
export function koreanStrings(value: unknown, path: string): NamedText[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => koreanStrings(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]): NamedText[] =>
    k === 'ko' && typeof v === 'string' ? [[`${path}.ko`, v]] : koreanStrings(v, `${path}.${k}`),
  );
}

/**
 * The glossary is the terminology table: each term's `ko` is the preferred Korean form and `avoid` the forms not to
 * use. No Korean text of a lesson, of the glossary's own definitions, or of `more` (labs, misconceptions) may use an
 * avoided form.
 */
export function terminologyIssues(
  lessons: readonly Lesson[],
  glossary: Glossary,
  more: readonly NamedText[] = [],
): ConfigIssue[] {
  const texts: NamedText[] = [
    ...lessons.flatMap((l) => koreanTexts(l).map(([where, text]): NamedText => [`${l.id}.ko.${where}`, text])),
    ...glossary.map((t): NamedText => [`glossary.${t.id}.definition.ko`, t.definition.ko]),
    ...more,
  ];
  const issues: ConfigIssue[] = [];
  for (const term of glossary) {
    const preferred = term.term.ko.split(' (')[0];
    for (const form of term.avoid ?? [])
      for (const [where, text] of texts) {
        const n = strayForms(text, form, preferred);
        if (n)
          issues.push(
            at(
              where,
              msg(
                `'${form}' 대신 용어집의 '${preferred}'를 씁니다 (${n}곳).`,
                `Use the glossary's '${preferred}' instead of '${form}' (${n === 1 ? '1 place' : `${n} places`}).`,
              ),
            ),
          );
      }
  }
  return issues;
}
