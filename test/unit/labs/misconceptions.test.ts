import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLabs, loadMisconceptions } from '../../../functions/adapters/labs-fs.ts';
import { loadLessons } from '../../../functions/adapters/content-fs.ts';
import {
  closestMisconception,
  misconceptionLinkIssues,
  parseMisconceptions,
  unknownMisconceptions,
} from '../../../core/labs/misconceptions.ts';
import { testLab } from '../grading/helpers.ts';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const [labs, catalogue] = await Promise.all([loadLabs(contentDir), loadMisconceptions(contentDir)]);

describe('the misconception catalogue', () => {
  it('starts with the seed notes’ errors', () => {
    const ids = catalogue.map((m) => m.id);
    for (const id of [
      'containers-use-hypervisor',
      'full-virt-no-overhead',
      'bare-metal-is-full-virt',
      'dom0-translates-every-request',
      'raid-is-storage-virtualization',
      'type1-no-failure-domain',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('points every misconception at a lesson section that exists in Korean and English', () => {
    expect(misconceptionLinkIssues(catalogue, loadLessons(contentDir))).toEqual([]);
  });

  it('reports a link to a missing lesson or section', () => {
    const lessons = [{ id: 'raid-and-luns', body: { ko: '## 레이드 {#raid-0}\n', en: '## RAID {#raid-0}\n' } }];
    const bad = parseMisconceptions(`
- { id: a, title: { ko: 가, en: a }, correction: { ko: 가, en: a }, lesson: "lesson:raid-and-luns#raid-6" }
- { id: b, title: { ko: 나, en: b }, correction: { ko: 나, en: b }, lesson: "lesson:nope#raid-0" }
- { id: c, title: { ko: 다, en: c }, correction: { ko: 다, en: c }, lesson: "lesson:raid-and-luns#raid-0" }
`);
    expect(bad.ok).toBe(true);
    const issues = misconceptionLinkIssues(bad.ok ? bad.value : [], lessons);
    expect(issues.map((i) => i.path)).toEqual(['[0].lesson', '[1].lesson']);
    expect(issues[0].message.en).toContain("no section '#raid-6'");
  });

  it('refuses duplicate ids and malformed lesson links, with line numbers', () => {
    const p = parseMisconceptions(`
- { id: a, title: { ko: 가, en: a }, correction: { ko: 가, en: a }, lesson: "lesson:x#y" }
- { id: a, title: { ko: 가, en: a }, correction: { ko: 가, en: a }, lesson: "https://example.org" }
`);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues.map((i) => i.line)).toEqual([3]);
  });

  it('knows every misconception a lab fixture names, and every wrong fixture names one', () => {
    expect(unknownMisconceptions(labs, catalogue)).toEqual([]);
    const unnamed = labs.flatMap((l) =>
      l.fixtures.filter((f) => f.gradable && !f.variant && !f.misconception).map((f) => `${l.id}/${f.name}`),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('closestMisconception', () => {
  const lab = testLab();
  it('names the misconception of the fixture that failed the same checks', () => {
    expect(closestMisconception(lab, ['blocked-path', 'firewall-drops'])).toEqual({
      id: 'firewall-best-match',
      fixture: 'allow-all',
      similarity: 1,
    });
  });
  it('accepts a close set (Jaccard ≥ 0.5) and refuses a distant one or a pass', () => {
    expect(closestMisconception(lab, ['firewall-drops'])?.similarity).toBe(0.5);
    expect(closestMisconception(lab, ['firewall-drops', 'web-delivered', 'same-backend'])).toBeUndefined();
    expect(closestMisconception(lab, [])).toBeUndefined();
  });
  it('matches the real labs’ regression fixtures to what they embody', () => {
    const raid = labs.find((l) => l.id === 'raid-capacity-two-failures')!;
    expect(closestMisconception(raid, ['within-budget'])?.id).toBe('budget-counts-one-array');
  });
});

describe('misconceptions in the teacher analytics', () => {
  it('counts them per lab and course, by distinct learners', async () => {
    const { labAnalytics, courseMisconceptions } = await import('../../../core/course/analytics.ts');
    const { misconceptionClassifier } = await import('../../../core/labs/misconceptions.ts');
    const classify = misconceptionClassifier(labs);
    const attempt = (learnerId: string, labId: string, failed: string[], n: number) => {
      const lab = labs.find((l) => l.id === labId)!;
      const checks = lab.checks.map((c) => ({
        id: c.id,
        passed: !failed.includes(c.id),
        points: 0,
        maxPoints: c.points,
      }));
      return {
        id: `${learnerId}-${labId}-${n}`,
        learnerId,
        labId,
        status: 'graded' as const,
        queuedAt: `2026-01-01T00:00:0${n}Z`,
        result: { gradable: true, rawScore: 0, score: 0, penaltyPercent: 0, checks, errors: [] },
      };
    };
    const subs = [
      attempt('a', 'raid-capacity-two-failures', ['data-survives', 'tolerates-any-two', 'rebuilt-from-parity'], 1),
      attempt('a', 'raid-capacity-two-failures', ['data-survives', 'tolerates-any-two', 'rebuilt-from-parity'], 2),
      attempt('b', 'raid-capacity-two-failures', ['within-budget'], 1),
      attempt('c', 'raid-capacity-two-failures', [], 1),
      attempt('d', 'containers-cgroups', ['windows-on-windows-node'], 1),
    ];
    const raid = labAnalytics('raid-capacity-two-failures', subs, classify);
    expect(raid.misconceptions).toEqual([
      { id: 'raid5-survives-two-failures', learners: 1, attempts: 2 },
      { id: 'budget-counts-one-array', learners: 1, attempts: 1 },
    ]);
    expect(raid.learners).toBe(3);
    expect(courseMisconceptions(subs, classify).map((m) => m.id)).toContain('vm-isolation-runs-any-image');
    expect(labAnalytics('raid-capacity-two-failures', subs).misconceptions).toEqual([]);
  });
});
