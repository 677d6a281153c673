import { describe, it, expect } from 'vitest';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { simulateForLab } from '../../../core/grading/run.ts';
import { selfTest } from '../../../core/grading/selftest.ts';
import { GRADER_VERSION } from '../../../core/grading/version.ts';
import type { GradeResult } from '../../../core/grading/result.ts';
import { asLearner, testLab } from './helpers.ts';

const lab = testLab();
const reference = (learner: string) => asLearner(lab, lab.reference, learner);
const starter = (learner: string) => asLearner(lab, lab.starter, learner);
const grade = (text: string, learnerId = 'alice') => gradeSubmission({ lab, text, learnerId });
const byId = (r: GradeResult, id: string) => r.checks.find((c) => c.id === id)!;
const failed = (r: GradeResult) => r.checks.filter((c) => !c.passed).map((c) => c.id);

describe('gradeSubmission', () => {
  it('gives the reference full marks for every learner variant', () => {
    for (const learner of ['alice', 'bob', 'carol', 'dave']) {
      const r = grade(reference(learner), learner);
      expect(r.gradable).toBe(true);
      expect(r.simOk).toBe(true);
      expect(failed(r)).toEqual([]);
      expect(r.score).toBe(r.maxScore);
      expect(r.maxScore).toBe(12);
    }
  });

  it('scores the starter partially, naming the failed checks with observed and expected paths', () => {
    const r = grade(starter('alice'));
    expect(r.gradable).toBe(true);
    expect(failed(r).sort()).toEqual(['blocked-path', 'firewall-drops']);
    expect(r.score).toBe(r.maxScore - 5);
    const path = byId(r, 'blocked-path');
    expect(path.earned).toBe(0);
    expect(path.expected).toBe('network → guest');
    expect(path.observed).toBe('network → guest → network → guest → hardware → guest');
    expect(path.feedback.en).toBe('It went past the firewall.');
    expect(path.hints[0].en).toContain('add a deny rule');
    expect(path.events.length).toBeGreaterThan(0);
    expect(byId(r, 'web-delivered').hints).toEqual([]);
  });

  it('fills the learner numbers into the checks and feedback', () => {
    const r = grade(starter('alice'));
    const port = r.params.port;
    expect(byId(r, 'firewall-drops').feedback.en).toBe(`Port ${port} is open.`);
    expect(byId(r, 'few-packets').expected).toEqual({
      ko: expect.stringContaining(`${r.params.users}개 이하`),
      en: expect.stringContaining(`at most ${r.params.users}`),
    });
  });

  it('explains failures with what would have made them pass, from the trace', () => {
    // The balancer on a second host with no VXLAN segment for VLAN 10: the simulator says what would help.
    const text = reference('alice')
      .replace('hosts: [{name: h1}]', 'hosts: [{name: h1}, {name: h2}]')
      .replace('{name: lb, type', '{name: lb, host: h2, type');
    const r = grade(text);
    const web = byId(r, 'web-delivered');
    expect(web.passed).toBe(false);
    expect(web.fix?.en).toContain('vni');
    expect(web.fix?.ko).toContain('vni');
    expect(r.traceExcerpt.some((e) => e.outcome === 'dropped')).toBe(true);
  });

  it('replaces a workload the learner wrote with the lab workload', () => {
    const own = `${reference('alice')}ops:\n  - send: {name: mine, src: 1.2.3.4, dst: 5.6.7.8, vlan: 10}\n`;
    const a = grade(own);
    const b = grade(reference('alice'));
    expect(a.score).toBe(a.maxScore);
    expect(a.trace).toEqual(b.trace);
    expect(JSON.stringify(a.stateExcerpt)).not.toContain('mine');
  });

  it('is deterministic: same lab, text and learner give the same result', () => {
    expect(JSON.stringify(grade(starter('bob'), 'bob'))).toBe(JSON.stringify(grade(starter('bob'), 'bob')));
  });

  it('compares with the reference run of the same variant', () => {
    const swapped = reference('alice').replace('backends: [10.0.1.10, 10.0.1.11]', 'backends: [10.0.1.11, 10.0.1.10]');
    const r = grade(swapped);
    const ref = byId(r, 'same-backend');
    expect(ref.passed).toBe(false);
    expect(ref.observed).not.toBe(ref.expected);
    expect(failed(r)).toEqual(['same-backend']);
  });

  it('runs rejects probes against a patched copy of the submission', () => {
    const r = grade(reference('alice'));
    const probe = byId(r, 'unknown-hop-refused');
    expect(probe.passed).toBe(true);
    expect((probe.observed as { en: string }).en).toContain('ghost');
    const lenient = {
      ...lab,
      checks: lab.checks.map((c) => (c.kind === 'rejects' ? { ...c, patch: { 'paths[0].hops': ['fw'] } } : c)),
    };
    const r2 = gradeSubmission({ lab: lenient, text: reference('alice'), learnerId: 'alice' });
    const p2 = r2.checks.find((c) => c.kind === 'rejects')!;
    expect(p2.passed).toBe(false);
    expect(p2.observed).toEqual({ ko: expect.stringContaining('받아들였'), en: 'The simulator accepted the design.' });
  });

  it('grades a design the simulator refuses (gradable, simOk false, errors with lines)', () => {
    const text = reference('alice').replace('hops: [fw, lb]', 'hops: [fw, nope]');
    const r = grade(text);
    expect(r.gradable).toBe(true);
    expect(r.simOk).toBe(false);
    expect(r.errors[0].path).toBe('paths[0].hops[1]');
    expect(r.errors[0].line).toBe(text.split('\n').findIndex((l) => l.includes('nope')) + 1);
    expect(r.errors[0].message.ko).not.toBe(r.errors[0].message.en);
    expect(byId(r, 'web-delivered').passed).toBe(false);
    expect((byId(r, 'web-delivered').observed as { en: string }).en).toContain('rejected');
    // No trace at all must not pass "at most N events": behaviour checks need a finished run.
    expect(byId(r, 'few-packets').passed).toBe(false);
    expect(byId(r, 'unknown-hop-refused').passed).toBe(true);
  });

  it('marks unparsable text not gradable, with the line of the syntax error in both languages', () => {
    const r = grade('target: network\nhosts: [\n  - oops: {\n');
    expect(r.gradable).toBe(false);
    expect(r.score).toBe(0);
    expect(r.checks).toEqual([]);
    expect(r.errors[0].line).toBeGreaterThan(0);
    expect(r.errors[0].message.ko).toContain('YAML');
    expect(r.errors[0].message.en).toContain('YAML syntax error');
  });

  it('marks schema-invalid text not gradable, with field-level bilingual errors and lines', () => {
    const text = reference('alice').replace('type: loadbalancer', 'type: loadbalancr');
    const r = grade(text);
    expect(r.gradable).toBe(false);
    const e = r.errors.find((x) => x.path.startsWith('vnfs[1]'));
    expect(e).toBeDefined();
    expect(e!.line).toBe(text.split('\n').findIndex((l) => l.includes('loadbalancr')) + 1);
    expect(e!.message.en).not.toBe(e!.message.ko);
  });

  it('carries versions, params and a bounded, plain-JSON result', () => {
    const r = grade(starter('carol'), 'carol');
    expect(r.graderVersion).toBe(GRADER_VERSION);
    expect(r.labVersion).toBe(3);
    expect(r.labId).toBe('test-fw-lb');
    expect(Object.keys(r.params).sort()).toEqual(['port', 'users', 'zone']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(JSON.stringify(r).length).toBeLessThan(300 * 1024);
    expect(r.stateExcerpt).toEqual({ 'packets.web1.outcome': 'delivered', 'vnfs.fw.status': 'running' });
    expect(r.trace.events).toBeGreaterThan(0);
    expect(r.trace.lanes.network).toBeGreaterThan(0);
  });

  it('writes every learner-facing message in both languages', () => {
    const r = grade(starter('dave'), 'dave');
    for (const c of r.checks) {
      for (const m of [c.title, c.feedback, ...c.hints, ...(c.fix ? [c.fix] : [])]) {
        expect(m.ko).toMatch(/\S/);
        expect(m.en).toMatch(/\S/);
      }
    }
  });

  it('lets the UI re-run the full trace of a graded submission', () => {
    const sim = simulateForLab(lab, starter('alice'), 'alice');
    const r = grade(starter('alice'));
    expect(sim?.events.length).toBe(r.trace.events);
    expect(simulateForLab(lab, 'a: [', 'alice')).toBeNull();
  });
});

describe('selfTest', () => {
  it('passes a sound lab: reference full marks, starter short of it, fixtures failing as named', () => {
    const report = selfTest(lab);
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(report.findings.filter((f) => f.subject === 'fixture:allow-all')).toHaveLength(5);
  });

  it('catches a fixture that does not fail exactly the checks it names', () => {
    const wrong = {
      ...lab,
      fixtures: lab.fixtures.map((f) => (f.name === 'allow-all' ? { ...f, fails: ['blocked-path'] } : f)),
    };
    const report = selfTest(wrong, ['x']);
    expect(report.ok).toBe(false);
    const bad = report.findings.find((f) => !f.ok)!;
    expect(bad.subject).toBe('fixture:allow-all');
    expect(bad.detail).toContain('firewall-drops');
  });

  it('catches a reference that does not score full marks', () => {
    const broken = { ...lab, reference: lab.starter };
    const report = selfTest(broken, ['x']);
    expect(report.findings.find((f) => f.subject === 'reference')?.ok).toBe(false);
  });
});
