import { describe, it, expect } from 'vitest';
import { applyWorkload, prepareSubmission } from '../../../core/grading/run.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import { testLab } from './helpers.ts';

const lab = testLab();

describe('applyWorkload', () => {
  it('forces the lab target and replaces whatever the learner wrote at workload paths', () => {
    const v = variantFor(lab, 'alice');
    const out = applyWorkload({ target: 'storage', ops: [{ send: { name: 'mine' } }], hosts: [] }, v);
    expect(out.target).toBe('network');
    expect(out.ops).toEqual(v.workload.ops);
    expect(JSON.stringify(out.ops)).toContain(`"dport":${v.params.port}`);
    expect(out.hosts).toEqual([]);
  });

  it('wraps the learner list with the lab surround lists, in order', () => {
    const wrapped = { ...lab, workload: {}, surround: { ops: { before: [{ fail: 'a' }], after: [{ heal: 'a' }] } } };
    const v = variantFor(wrapped, 'alice');
    expect(applyWorkload({ ops: [{ scale: 'a', instances: 2 }] }, v).ops).toEqual([
      { fail: 'a' },
      { scale: 'a', instances: 2 },
      { heal: 'a' },
    ]);
    expect(applyWorkload({}, v).ops).toEqual([{ fail: 'a' }, { heal: 'a' }]);
  });

  it('never changes the submission it was given', () => {
    const data = { ops: [] as unknown[], vnfs: [{ name: 'fw' }] };
    applyWorkload(data, variantFor(lab, 'bob'));
    expect(data).toEqual({ ops: [], vnfs: [{ name: 'fw' }] });
  });
});

describe('prepareSubmission', () => {
  it('applies a probe patch after the workload, so a lab probe may change the workload', () => {
    const v = variantFor(lab, 'alice');
    const p = prepareSubmission(v, lab.reference.replace(/\{\{port\}\}/g, String(v.params.port)), undefined, {
      ops: [],
    });
    expect(p.gradable).toBe(true);
    expect(p.gradable && p.data.ops).toEqual([]);
  });

  it('refuses a document that is not a mapping, with its line', () => {
    const p = prepareSubmission(variantFor(lab, 'alice'), '- just\n- a list\n');
    expect(p.gradable).toBe(false);
    expect(!p.gradable && p.errors[0]).toMatchObject({ path: '', line: 1 });
  });
});
