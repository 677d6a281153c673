/** `rejects` checks: the simulator must refuse a design (the learner's, or a probe derived from it). */
import { msg } from '../../i18n.ts';
import type { CheckOf } from '../../labs/lab-schema.ts';
import type { ConfigIssue } from '../../validation.ts';
import { namedPath } from '../data-path.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

/** `expect.path` is written by name (`guests[name=win].kernel`); the error's path is by position. */
function fits(e: ConfigIssue, expect: CheckOf<'rejects'>['expect'], data: unknown): boolean {
  if (expect.path !== undefined && !namedPath(data, e.path).startsWith(expect.path)) return false;
  if (expect.message !== undefined) {
    const want = expect.message.toLowerCase();
    if (!e.message.en.toLowerCase().includes(want) && !e.message.ko.toLowerCase().includes(want)) return false;
  }
  return true;
}

export function checkRejects(check: CheckOf<'rejects'>, ctx: CheckContext): CheckOutcome {
  const sim = check.patch ? ctx.probe(check.patch) : ctx.run;
  const where = [check.expect.path && `path ${check.expect.path}`, check.expect.message && `"${check.expect.message}"`]
    .filter(Boolean)
    .join(', ');
  const expected = msg(`설계 거부${where ? ` (${where})` : ''}`, `the design is rejected${where ? ` (${where})` : ''}`);
  if (sim.ok) {
    return {
      passed: false,
      observed: msg('시뮬레이터가 설계를 받아들였습니다.', 'The simulator accepted the design.'),
      expected,
      events: [],
    };
  }
  const data = ctx.dataOf(check.patch);
  const hit = sim.errors.find((e) => fits(e, check.expect, data));
  const shown = hit ?? sim.errors[0];
  const observed = shown
    ? msg(
        `거부됨: ${shown.path ? `${shown.path}: ` : ''}${shown.message.ko}`,
        `Rejected: ${shown.path ? `${shown.path}: ` : ''}${shown.message.en}`,
      )
    : msg('거부됨', 'Rejected');
  return { passed: hit !== undefined, observed, expected, events: [] };
}
