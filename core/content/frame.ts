import type { Lang } from '../i18n.ts';
import type { Lesson } from './course.ts';

/**
 * The parts of a lesson page that come from the front matter rather than the body: learning objectives and
 * prerequisites after the title, the reading list of primary sources at the end. They are written as markdown and
 * rendered with the body, so they get the same anchors, link schemes and escaping.
 */
export const FRAME_SECTIONS = ['objectives', 'prerequisites', 'reading'] as const;

const HEADINGS: Record<(typeof FRAME_SECTIONS)[number], Record<Lang, string>> = {
  objectives: { ko: '학습 목표', en: 'Learning objectives' },
  prerequisites: { ko: '선수 지식', en: 'Prerequisites' },
  reading: { ko: '읽을거리 — 1차 자료', en: 'Reading list — primary sources' },
};

const INTRO: Record<'objectives' | 'prerequisites', Record<Lang, string>> = {
  objectives: { ko: '이 수업을 마치면 다음을 할 수 있습니다.', en: 'After this lesson you can:' },
  prerequisites: { ko: '먼저 알아 두면 좋은 것:', en: 'What to know first:' },
};

/** Front-matter text is shown as written: the characters that would open a link, a tag or emphasis are escaped. */
const inline = (s: string): string => s.replace(/[\\[\]<>*_`]/g, (c) => `\\${c}`);

const heading = (id: (typeof FRAME_SECTIONS)[number], lang: Lang) => `## ${HEADINGS[id][lang]} {#${id}}`;

export function objectivesMarkdown(lesson: Lesson, lang: Lang): string {
  const objectives = lesson.objectives.map((o, i) => `${i + 1}. ${inline(o[lang])}`);
  const prerequisites = lesson.prerequisites.map((p) =>
    p.lesson ? `- [${inline(p.text[lang])}](lesson:${p.lesson})` : `- ${inline(p.text[lang])}`,
  );
  return [
    ...(objectives.length ? [heading('objectives', lang), INTRO.objectives[lang], objectives.join('\n')] : []),
    ...(prerequisites.length
      ? [heading('prerequisites', lang), INTRO.prerequisites[lang], prerequisites.join('\n')]
      : []),
  ].join('\n\n');
}

export function readingMarkdown(lesson: Lesson, lang: Lang): string {
  if (!lesson.reading.length) return '';
  const items = lesson.reading.map((r) => {
    const cite = inline(r.cite);
    return `- ${r.url ? `[${cite}](${r.url})` : cite} — ${inline(r.note[lang])}`;
  });
  return [heading('reading', lang), items.join('\n')].join('\n\n');
}

/** The whole page text of a lesson: title, objectives and prerequisites, the body, the reading list. */
export function lessonMarkdown(lesson: Lesson, lang: Lang): string {
  const body = lesson.body[lang];
  // The objectives go right after the page title (the body's first `# ` heading), or first when there is none.
  const title = /^\s*# .*(?:\r?\n|$)/.exec(body);
  const head = title ? body.slice(0, title[0].length) : '';
  const rest = title ? body.slice(title[0].length) : body;
  return `${head}\n${objectivesMarkdown(lesson, lang)}\n\n${rest.trim()}\n\n${readingMarkdown(lesson, lang)}\n`;
}
