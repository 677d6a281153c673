import { describe, expect, it } from 'vitest';
import {
  conceptIssues,
  courseIssues,
  glossaryIssues,
  labLessonIssues,
  lessonPairIssues,
  misconceptionIssues,
  referenceIssues,
  terminologyIssues,
  koreanStrings,
} from '../../../core/content/checks.ts';
import type { Lesson } from '../../../core/content/course.ts';
import { NOTE_CONCEPTS } from '../../../core/content/concepts.ts';
import { parseLessonText, type LessonDoc } from '../../../core/content/lesson.ts';
import { headingsOf, linksOf, parseContentRef } from '../../../core/content/markdown.ts';
import { exampleIds, glossary, labIds, lessons, lessonText } from './fixtures.ts';

const LESSON_IDS = [
  'virtualization-basics',
  'virtualization-targets',
  'virtualization-techniques',
  'xen-in-depth',
  'containers',
  'raid-and-luns',
  'nfv',
  'memory-virtualization',
  'kvm-qemu-virtio',
  'hyper-v-and-esxi',
  'migration-and-resources',
];

const exampleLinks = (l: { body: { ko: string; en: string } }) =>
  [...linksOf(l.body.ko), ...linksOf(l.body.en)]
    .map(parseContentRef)
    .filter((r) => r?.kind === 'example')
    .map((r) => r!.id);

const doc = (text: string): LessonDoc => {
  const parsed = parseLessonText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};

describe('the course content', () => {
  it('has the eleven lessons, in order, with unique orders', () => {
    const ids = lessons.map((l) => l.id);
    expect(ids).toEqual(LESSON_IDS);
    const orders = lessons.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('passes every cross-check (references, links, glossary, concepts, examples)', () => {
    const issues = courseIssues({ lessons, glossary, labIds, exampleIds });
    expect(issues.map((i) => `${i.path}: ${i.message.en}`)).toEqual([]);
  });

  it('links every example of the course from some lesson; every new lesson has a worked example', () => {
    const linked = new Set(lessons.flatMap(exampleLinks));
    expect(exampleIds.filter((e) => !linked.has(e))).toEqual([]);
    for (const id of LESSON_IDS.slice(7))
      expect({ id, examples: exampleLinks(lessons.find((l) => l.id === id)!).length > 0 }).toEqual({
        id,
        examples: true,
      });
  });

  it('gives every lesson objectives, prerequisites and a reading list of primary sources', () => {
    for (const l of lessons) {
      expect(l.objectives.length).toBeGreaterThanOrEqual(3);
      expect(l.prerequisites.length).toBeGreaterThanOrEqual(1);
      expect(l.reading.length).toBeGreaterThanOrEqual(2);
      for (const o of l.objectives) expect(o.en).not.toMatch(/[가-힣]/);
      for (const r of l.reading) expect(r.note.en).not.toMatch(/[가-힣]/);
    }
    // Each lesson after the first builds on an earlier one.
    for (const l of lessons.slice(1)) expect(l.prerequisites.some((p) => p.lesson)).toBe(true);
    // The sources the course issue names are all cited somewhere.
    const cited = lessons.flatMap((l) => l.reading.map((r) => r.cite)).join('\n');
    for (const source of [
      /Popek/,
      /Barham/,
      /Adams/,
      /Waldspurger/,
      /Anvin/,
      /RFC 7348/,
      /RFC 7665/,
      /GS NFV 002/,
      /virtio.*1\.2/i,
      /Top-Level Functional Specification/,
      /Clark/,
    ])
      expect(cited).toMatch(source);
  });

  it('names a misconception for every question, with distinct wrong choices naming distinct ids per question', () => {
    for (const l of lessons)
      for (const q of l.quiz) {
        const ids = q.choices.flatMap((c) => c.misconception ?? []);
        expect({ q: q.id, named: ids.length > 0 }).toEqual({ q: q.id, named: true });
      }
  });

  it('links every lab file from at least one lesson', () => {
    const linked = new Set(lessons.flatMap((l) => l.labs));
    expect(labIds.length).toBeGreaterThan(0);
    expect(labIds.filter((lab) => !linked.has(lab))).toEqual([]);
  });

  it('has at least 40 glossary terms, each with both languages', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(40);
    for (const t of glossary) {
      expect(t.term.ko).toMatch(/\S/);
      expect(t.definition.ko).toMatch(/[가-힣]/);
      expect(t.definition.en).not.toMatch(/[가-힣]/);
    }
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s is a real lesson in both languages', (_id, lesson) => {
    const ko = headingsOf(lesson.body.ko).filter((h) => h.depth === 2);
    expect(ko.length).toBeGreaterThanOrEqual(5);
    expect(lesson.quiz.length).toBeGreaterThanOrEqual(3);
    expect(lesson.quiz.length).toBeLessThanOrEqual(5);
    // Korean text is Korean and English text is English (a pasted-over paragraph shows up here).
    const hangul = (s: string) => (s.match(/[가-힣]/g) ?? []).length;
    expect(hangul(lesson.body.ko)).toBeGreaterThan(1000);
    expect(hangul(lesson.body.en)).toBe(0);
    expect(hangul(lesson.title.ko)).toBeGreaterThan(0);
    for (const q of lesson.quiz) expect(hangul(q.explanation.en)).toBe(0);
  });

  it('states each correction in both languages, as many times in each', () => {
    for (const l of lessons) {
      const ko = (l.body.ko.match(/^> \*\*바로잡기\*\*/gm) ?? []).length;
      const en = (l.body.en.match(/^> \*\*Correction\*\*/gm) ?? []).length;
      expect({ id: l.id, count: ko }).toEqual({ id: l.id, count: en });
    }
    const byId = new Map(lessons.map((l) => [l.id, l.body.en]));
    // The misreadings of the source notes that the brief lists, each corrected where a reader meets it.
    expect(byId.get('virtualization-techniques')).toMatch(
      /Correction\*\* — The notes say "the program mainly used for container virtualization is the hypervisor"/,
    );
    expect(byId.get('virtualization-techniques')).toMatch(/\*\*there is overhead\*\*/);
    expect(byId.get('virtualization-techniques')).toMatch(/trap straight to the hypervisor/);
    expect(byId.get('virtualization-techniques')).toMatch(/hybrid virtual machine/);
    expect(byId.get('virtualization-basics')).toMatch(/"bare metal \(full virtualization\)"/);
    expect(byId.get('virtualization-basics')).toMatch(/support \*\*both\*\* VT-x and AMD-V/);
    expect(byId.get('virtualization-basics')).toMatch(/Hardware is[\s>]+not an OS/);
    expect(byId.get('virtualization-targets')).toMatch(/software storage virtualization is RAID\[0-6\]/);
  });
});

describe('lessonPairIssues', () => {
  const ko = doc(lessonText({ lang: 'ko' }));
  const en = doc(lessonText({ lang: 'en' }));

  it('accepts matching files', () => {
    expect(lessonPairIssues(ko, en)).toEqual([]);
  });

  it('finds a missing section', () => {
    const short = doc(lessonText({ lang: 'en', body: '# Sample\n\n## First {#first}\n\nText.\n' }));
    const issues = lessonPairIssues(ko, short);
    expect(issues.map((i) => i.path)).toEqual(['sample.body']);
    expect(issues[0].message.en).toMatch(/first, second.*first\]/);
  });

  it('finds sections in a different order or depth', () => {
    const swapped = doc(lessonText({ lang: 'en', body: '## Second {#second}\n\n## First {#first}\n' }));
    expect(lessonPairIssues(ko, swapped)).toHaveLength(1);
    const deeper = doc(lessonText({ lang: 'en', body: '## First {#first}\n\n### Second {#second}\n' }));
    expect(lessonPairIssues(ko, deeper)).toHaveLength(1);
  });

  it('requires an id on every section heading', () => {
    const bare = doc(lessonText({ lang: 'ko', body: '## First {#first}\n\n## Second\n' }));
    expect(lessonPairIssues(bare, en).some((i) => /Second.*no \{#id\}/.test(i.message.en))).toBe(true);
  });

  it('finds a quiz whose answers differ between languages', () => {
    const other = doc(lessonText({ lang: 'en' }).replace('answer: [a, c]', 'answer: [a]'));
    expect(lessonPairIssues(ko, other).map((i) => i.path)).toEqual(['sample.quiz']);
  });

  it('finds objectives, prerequisites, reading lists and misconceptions that differ between languages', () => {
    const fewer = doc(
      lessonText({ lang: 'en' }).replace(
        'objectives: [Say what a hypervisor does., Tell type 1 from type 2.]',
        'objectives: [One., Two., Three.]',
      ),
    );
    expect(lessonPairIssues(ko, fewer).map((i) => i.path)).toEqual(['sample.objectives']);
    const linked = doc(
      lessonText({ lang: 'en' }).replace('{ text: Processes and system calls. }', '{ lesson: nfv, text: NFV }'),
    );
    expect(lessonPairIssues(ko, linked).map((i) => i.path)).toEqual(['sample.prerequisites']);
    const moved = doc(lessonText({ lang: 'en' }).replace('doi.org/10.1145/361011.361073', 'doi.org/10.1145/0'));
    expect(lessonPairIssues(ko, moved).map((i) => i.message.en)).toEqual([
      'The reading list differs between languages (ids, citations and addresses must match).',
    ]);
    const other = doc(
      lessonText({ lang: 'en' }).replace(
        'misconception: full-virt-no-overhead',
        'misconception: raid-is-storage-virtualization',
      ),
    );
    expect(lessonPairIssues(ko, other).map((i) => i.path)).toEqual(['sample.quiz']);
  });

  it('finds metadata that differs, and a file in the wrong language', () => {
    const other = doc(lessonText({ lang: 'ko' }).replace('labs: [hvm-boot-vtx]', 'labs: []'));
    const paths = lessonPairIssues(ko, other).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['sample.en.lang', 'sample.labs']));
  });
});

describe('referenceIssues', () => {
  const lesson = (body: string, over: Partial<Lesson> = {}): Lesson => ({
    id: 'sample',
    order: 1,
    title: { ko: '예', en: 'Sample' },
    summary: { ko: '예', en: 'Sample' },
    labs: [],
    glossary: ['hypervisor'],
    objectives: [],
    prerequisites: [],
    reading: [],
    quiz: [],
    body: { ko: body, en: body },
    ...over,
  });
  const check = (l: Lesson, labs = ['hvm-boot-vtx']) =>
    referenceIssues({ lessons: [l], glossary, labIds: labs, exampleIds: ['server-hvm'] }).map((i) => i.message.en);

  it('accepts good links of every kind', () => {
    const body =
      '## A {#a}\n\n[x](lab:hvm-boot-vtx) [y](lesson:sample#a) [z](glossary:hypervisor) [w](#a) [v](https://example.org) [u](example:server-hvm) [t](#reading)\n';
    expect(check(lesson(body, { labs: ['hvm-boot-vtx'] }))).toEqual([]);
  });

  it('checks prerequisites: a known lesson that comes earlier', () => {
    const first = lesson('## A {#a}\n', { id: 'first', order: 1 });
    const later = lesson('## A {#a}\n', {
      order: 2,
      prerequisites: [
        { lesson: 'first', text: { ko: '첫', en: 'first' } },
        { lesson: 'ghost', text: { ko: '?', en: '?' } },
      ],
    });
    const loop = { ...first, prerequisites: [{ lesson: 'sample', text: { ko: '뒤', en: 'later' } }] };
    const issues = referenceIssues({ lessons: [loop, later], glossary, labIds: [], exampleIds: [] })
      .filter((i) => i.path.endsWith('.prerequisites'))
      .map((i) => `${i.path}: ${i.message.en}`);
    expect(issues).toEqual([
      "first.prerequisites: The prerequisite 'sample' must come before this lesson.",
      "sample.prerequisites: Unknown lesson 'ghost'",
    ]);
  });

  it('keeps the section ids the front matter makes (objectives, prerequisites, reading) out of the body', () => {
    expect(check(lesson('## A {#a}\n\n[h](glossary:hypervisor)\n\n## More reading {#reading}\n'), [])).toEqual([
      "The section id 'reading' is reserved for the part the front matter makes.",
      "The section id 'reading' is reserved for the part the front matter makes.",
    ]);
  });

  it.each([
    ['[x](lab:no-such-lab)', /lab:no-such-lab.*unknown lab/],
    ['[x](lesson:no-such-lesson)', /unknown lesson/],
    ['[x](lesson:sample#nowhere)', /no such section in that lesson/],
    ['[x](glossary:no-such-term)', /not in the glossary/],
    ['[x](glossary:hypercall)', /missing from the front matter glossary list/],
    ['[x](#nowhere)', /no such section in this lesson/],
    ['[x](lab:Bad_Id)', /malformed/],
    ['[x](relative/page.html)', /https:\/\/ or lab:/],
    ['[x](example:no-such-example)', /no such example in content\/examples/],
    ['[x](example:server-hvm#a)', /an example link has no #section/],
    ['[x](example:Bad)', /malformed/],
    ['| a |\n|---|\n| [x](lab:nope) |', /unknown lab/],
    ['> quote [x](lab:nope)', /unknown lab/],
  ])('reports %s', (md, expected) => {
    const issues = check(lesson(`## A {#a}\n\n${md}\n`, { labs: ['hvm-boot-vtx'] }));
    expect(issues.some((m) => expected.test(m))).toBe(true);
  });

  it('reports a listed glossary term the body never links, per language', () => {
    const l = lesson('## A {#a}\n\nNo links.\n', { glossary: ['hypervisor'] });
    l.body.ko = '## A {#a}\n\n[하이퍼바이저](glossary:hypervisor)\n';
    const issues = referenceIssues({ lessons: [l], glossary, labIds: [], exampleIds: [] });
    expect(issues.map((i) => `${i.path}: ${i.message.en}`)).toEqual([
      "sample.en.body: Term 'hypervisor' is listed but never linked in the body.",
    ]);
  });

  it('reports front-matter labs and terms that do not exist, and labs no lesson links', () => {
    const issues = check(lesson('## A {#a}\n', { labs: ['ghost-lab'], glossary: ['ghost-term'] }), ['hvm-boot-vtx']);
    expect(issues).toEqual(
      expect.arrayContaining([
        "Unknown lab 'ghost-lab'",
        "Term 'ghost-term' is not in the glossary",
        "No lesson links the lab 'hvm-boot-vtx'.",
      ]),
    );
  });
});

describe('glossaryIssues', () => {
  it('finds a term whose lesson list disagrees with the lessons', () => {
    const broken = glossary.map((t) => (t.id === 'hypercall' ? { ...t, lessons: ['nfv'] } : t));
    const issues = glossaryIssues(lessons, broken);
    expect(issues.map((i) => i.path)).toEqual(['glossary.hypercall.lessons']);
    expect(issues[0].message.en).toMatch(/missing: virtualization-techniques, xen-in-depth.*extra: nfv/);
  });

  it('finds a term naming a lesson that does not exist', () => {
    const broken = glossary.map((t) => (t.id === 'raid' ? { ...t, lessons: [...t.lessons, 'ghost'] } : t));
    expect(glossaryIssues(lessons, broken).map((i) => i.message.en)).toEqual(["Unknown lesson 'ghost'"]);
  });
});

describe('conceptIssues', () => {
  it('covers the concepts of the source notes', () => {
    expect(NOTE_CONCEPTS.length).toBeGreaterThanOrEqual(30);
    expect(conceptIssues(lessons)).toEqual([]);
  });

  it('reports a concept missing from one language only', () => {
    const stripped = lessons.map((l) => ({
      ...l,
      body: { ko: l.body.ko.replaceAll('하이퍼콜', '호출'), en: l.body.en },
    }));
    const issues = conceptIssues(stripped);
    expect(issues.map((i) => i.path)).toEqual(['concepts.hypercall']);
    expect(issues[0].message.en).toMatch(/Korean/);
  });
});

describe('terminologyIssues', () => {
  it("holds the glossary's own Korean definitions to the table too", () => {
    const [term] = glossary.filter((t) => t.avoid?.length);
    const broken = [{ ...term, definition: { ko: `${term.avoid?.[0]}의 예`, en: 'x' } }, ...glossary.slice(1)];
    expect(terminologyIssues([], broken).map((i) => i.path)).toContain(`glossary.${term.id}.definition.ko`);
  });

  it('checks any named Korean text it is given, found by koreanStrings under `ko` keys', () => {
    const lab = { statement: { ko: '준가상화 장치', en: 'a paravirtual device' }, checks: [{ pass: { ko: '통과' } }] };
    expect(koreanStrings(lab, 'labs.x')).toEqual([
      ['labs.x.statement.ko', '준가상화 장치'],
      ['labs.x.checks[0].pass.ko', '통과'],
    ]);
    expect(terminologyIssues([], glossary, koreanStrings(lab, 'labs.x')).map((i) => i.path)).toEqual([
      'labs.x.statement.ko',
      'labs.x.statement.ko',
    ]);
  });

  it("keeps the real lessons to the glossary's preferred Korean terms", () => {
    expect(glossary.filter((t) => t.avoid?.length).length).toBeGreaterThanOrEqual(5);
    expect(terminologyIssues(lessons, glossary)).toEqual([]);
  });

  it('reports an avoided form wherever Korean text uses it, but not inside the preferred form', () => {
    const l = {
      ...lessons[0],
      quiz: [],
      objectives: [{ ko: '준가상화를 설명한다.', en: 'x' }],
      prerequisites: [],
      reading: [],
    };
    l.body = { ko: '특권 명령어는 괜찮고, 특권 명령은 안 됩니다. 데이터센터도 안 됩니다.', en: '' };
    const issues = terminologyIssues([l], glossary).map((i) => `${i.path}: ${i.message.en}`);
    expect(issues).toEqual([
      "virtualization-basics.ko.body: Use the glossary's '특권 명령어' instead of '특권 명령' (1 place).",
      "virtualization-basics.ko.objectives[0]: Use the glossary's '반가상화' instead of '준가상화' (1 place).",
      "virtualization-basics.ko.objectives[0]: Use the glossary's '반가상화' instead of '준가상' (1 place).",
      "virtualization-basics.ko.body: Use the glossary's '데이터 센터' instead of '데이터센터' (1 place).",
    ]);
  });
});

describe('misconceptionIssues', () => {
  it('reports a quiz choice naming a misconception the catalogue lacks', () => {
    const sample = doc(lessonText({ lang: 'ko' }));
    const merged = {
      ...lessons[0],
      id: 'sample',
      quiz: sample.meta.quiz.map((q) => ({
        ...q,
        prompt: { ko: q.prompt, en: q.prompt },
        explanation: { ko: '', en: '' },
        choices: q.choices.map((c) => ({ ...c, text: { ko: c.text, en: c.text } })),
      })),
    };
    const issues = misconceptionIssues([merged], ['full-virt-no-overhead', 'containers-use-hypervisor']);
    expect(issues.map((i) => `${i.path}: ${i.message.en}`)).toEqual([
      "sample.quiz.q3.a: The misconception 'bare-metal-is-full-virt' is not in the catalogue",
    ]);
  });
});

describe('labLessonIssues', () => {
  it('every lesson a lab file names offers that lab', async () => {
    const { loadLabs } = await import('../../../functions/adapters/labs-fs.ts');
    const { CONTENT_DIR } = await import('./fixtures.ts');
    const labs = await loadLabs(CONTENT_DIR);
    expect(labs.length).toBeGreaterThan(0);
    expect(labLessonIssues(lessons, labs).map((i) => `${i.path}: ${i.message.en}`)).toEqual([]);
  });

  it('reports a lesson that does not offer a lab naming it, and an unknown lesson', () => {
    const issues = labLessonIssues(lessons, [{ id: 'raid-recover-data', lessons: ['nfv', 'ghost'] }]);
    expect(issues.map((i) => i.path)).toEqual(['nfv.labs', 'labs.raid-recover-data.lessons']);
  });
});
