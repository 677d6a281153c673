import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { selfTest } from '../../../core/grading/selftest.ts';
import { namedPath } from '../../../core/grading/data-path.ts';
import { parseLab } from '../../../core/labs/parse.ts';
import { drawParams, fillText } from '../../../core/labs/variant.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { LAB_YAML } from '../grading/fixtures.ts';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const labs = await loadLabs(contentDir);
const lab = (id: string): Lab => labs.find((l) => l.id === id)!;
const fixtureText = (l: Lab, name: string, learner: string) =>
  fillText(l.fixtures.find((f) => f.name === name)!.text, drawParams(l, learner));
const grade = (l: Lab, text: string, learnerId = 'kim') => gradeSubmission({ lab: l, text, learnerId });
const failed = (l: Lab, text: string, learnerId = 'kim') =>
  grade(l, text, learnerId)
    .checks.filter((c) => !c.passed)
    .map((c) => c.id);

describe('honest checks are rules of the lab format', () => {
  it('refuses a selector that addresses a list element by position', () => {
    const p = parseLab(
      LAB_YAML.replace('patch: { "paths[name=web].hops": [ghost] }', 'patch: { "paths[0].hops": [ghost] }'),
    );
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues.map((i) => i.path)).toContain('checks[4].patch');
  });

  it('refuses a "nothing bad happened" count without a precondition', () => {
    const p = parseLab(LAB_YAML.replace('    requires:\n      ran: { subject: web1 }\n', ''));
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues[0].message.en).toContain('passes when something did not happen');
  });

  it('refuses a wrong fixture without its misconception, and a variant that names failures', () => {
    const noMis = parseLab(LAB_YAML.replace('    misconception: firewall-best-match\n', ''));
    expect(noMis.ok).toBe(false);
    const badVariant = parseLab(LAB_YAML.replace('    misconception: firewall-best-match\n', '    variant: true\n'));
    expect(badVariant.ok).toBe(false);
    if (!badVariant.ok) expect(badVariant.issues[0].path).toBe('fixtures[0].variant');
  });

  it('names positions by the element’s name', () => {
    const data = { guests: [{ name: 'db' }, { name: 'win', kernel: {} }] };
    expect(namedPath(data, 'guests[1].kernel.paravirtualized')).toBe('guests[name=win].kernel.paravirtualized');
    expect(namedPath({ disks: ['d0'] }, 'disks[0]')).toBe('disks[0]');
  });
});

describe('the defects found by crafted answers stay fixed', () => {
  it('a guest that never boots earns no "no violations" (sensitive-instructions)', () => {
    const l = lab('sensitive-instructions');
    const r = grade(l, fixtureText(l, 'hardware-assist-without-vtx', 'kim'));
    const check = r.checks.find((c) => c.id === 'no-violations')!;
    expect(check.passed).toBe(false);
    expect(typeof check.observed === 'object' && check.observed.en).toContain('never happened');
    expect(r.score).toBe(2);
  });

  it('a decoy mirror on the pulled disks earns no "data intact" (raid-capacity-two-failures)', () => {
    const l = lab('raid-capacity-two-failures');
    expect(failed(l, fixtureText(l, 'raid0-plus-decoy-mirror', 'kim'))).toContain('data-survives');
  });

  it('the budget counts every disk the design uses', () => {
    const l = lab('raid-capacity-two-failures');
    expect(failed(l, fixtureText(l, 'raid6-plus-raid0-over-budget', 'kim'))).toEqual(['within-budget']);
  });

  it('a reordered answer with an extra guest gets full marks (windows-needs-hvm)', () => {
    const l = lab('windows-needs-hvm');
    const r = grade(l, fixtureText(l, 'reordered-with-extra-guest', 'kim'));
    expect(r.score).toBe(r.maxScore);
  });

  it('a Windows image on the Linux node fails, relabelled or in a VM (containers-cgroups)', () => {
    const l = lab('containers-cgroups');
    for (const name of ['windows-image-in-vm', 'windows-image-relabelled']) {
      expect(failed(l, fixtureText(l, name, 'kim'))).toEqual(['windows-on-windows-node']);
    }
  });

  it('the self-test reports a variant that does not get full marks', () => {
    const l = lab('windows-needs-hvm');
    const broken: Lab = { ...l, fixtures: [{ ...l.fixtures.find((f) => f.variant)!, text: l.starter }] };
    const report = selfTest(broken, ['kim']);
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.subject.startsWith('fixture:'))?.detail).toContain(
      'a correct variant must get full marks',
    );
  });

  it('every lab has at least one variant fixture', () => {
    expect(labs.filter((l) => !l.fixtures.some((f) => f.variant)).map((l) => l.id)).toEqual([]);
  });
});
