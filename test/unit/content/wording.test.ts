import { describe, expect, it } from 'vitest';
import { koreanStrings, terminologyIssues, type NamedText } from '../../../core/content/checks.ts';
import { loadLabs, loadMisconceptions } from '../../../functions/adapters/labs-fs.ts';
import { CONTENT_DIR, glossary, lessons } from './fixtures.ts';

const [labs, catalogue] = await Promise.all([loadLabs(CONTENT_DIR), loadMisconceptions(CONTENT_DIR)]);

/** Every Korean string a learner reads: lessons, glossary definitions, labs, the misconception catalogue. */
const allKorean: NamedText[] = [
  ...lessons.flatMap((l) => koreanStrings(l, l.id)),
  ...glossary.map((t): NamedText => [`glossary.${t.id}.definition.ko`, t.definition.ko]),
  ...labs.flatMap((l) => koreanStrings(l, `labs.${l.id}`)),
  ...koreanStrings(catalogue, 'misconceptions'),
];

/**
 * Phrasings the course replaced. Terms belong in the glossary's terminology table (`avoid`); these are wording, not
 * terms, so the table cannot hold them.
 */
const PHRASINGS: readonly { avoid: RegExp; use: string; why: string }[] = [
  { avoid: /돕니다/, use: '실행됩니다 / 동작합니다', why: "'돕니다' (from 돌다) reads as 돕다, to help" },
  { avoid: /바닥(?![나난났])/, use: '기반', why: '바닥 only for running out (바닥나다), not for a foundation' },
  { avoid: /다른 생각/, use: '서로 다른 개념', why: 'two ideas are concepts, not thoughts' },
  { avoid: /여행/, use: '여정', why: "one packet's journey" },
  { avoid: /탐침/, use: '시험 / 점검', why: 'a fault the grader injects is a test, not a probe' },
  {
    avoid: /여러분의 `?workload`?는 바뀝니다/,
    use: '`workload`는 실습이 정한 것으로 대체됩니다',
    why: 'the lab replaces the workload; the learner did not change it',
  },
];

function phrasingIssues(texts: readonly NamedText[]): string[] {
  return texts.flatMap(([where, text]) =>
    PHRASINGS.filter((p) => p.avoid.test(text)).map((p) => `${where}: ${p.avoid.source} → ${p.use} (${p.why})`),
  );
}

describe('Korean wording', () => {
  it('reads every Korean string of the course: lessons, glossary, every lab, the misconceptions', () => {
    expect(labs.length).toBeGreaterThanOrEqual(28);
    const where = new Set(allKorean.map(([w]) => w.split(/[.[]/)[0]));
    for (const part of ['glossary', 'labs', 'misconceptions', ...lessons.map((l) => l.id)])
      expect(where).toContain(part);
    expect(allKorean.some(([w]) => w.endsWith('.statement.ko'))).toBe(true);
    expect(allKorean.some(([w]) => w.endsWith('.body.ko'))).toBe(true);
  });

  it("labs use the glossary's preferred terms (its terminology table), like the lessons and misconceptions do", () => {
    const labTexts = labs.flatMap((l) => koreanStrings(l, `labs.${l.id}`));
    expect(terminologyIssues([], glossary, labTexts).map((i) => `${i.path}: ${i.message.en}`)).toEqual([]);
  });

  it('the terminology table catches a lab that slips back to an avoided term', () => {
    const slipped = koreanStrings({ hints: [{ ko: '준가상화 게스트에서 VM exit이 줄어듭니다.' }] }, 'labs.x');
    expect(terminologyIssues([], glossary, slipped).map((i) => i.message.en)).toEqual([
      "Use the glossary's 'VM exit' instead of 'exit이' (1 place).",
      "Use the glossary's '반가상화' instead of '준가상화' (1 place).",
      "Use the glossary's '반가상화' instead of '준가상' (1 place).",
    ]);
  });

  it('no Korean text uses a phrasing the course replaced', () => {
    expect(phrasingIssues(allKorean)).toEqual([]);
  });

  it('catches each replaced phrasing, and leaves 바닥나다 (running out) alone', () => {
    const samples: NamedText[] = [
      ['a', '게스트가 돕니다.'],
      ['b', '가상화의 바닥에는'],
      ['c', '두 다른 생각'],
      ['d', '한 패킷의 여행'],
      ['e', '탐침이 거부되었습니다'],
      ['f', '워크로드(여러분의 `workload`는 바뀝니다)'],
      ['ok', '호스트 메모리가 바닥나 OOM 킬러가 돕는 것이 아닙니다. 바닥난 풀.'],
    ];
    expect(phrasingIssues(samples).map((s) => s.split(':')[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
