import { describe, it, expect } from 'vitest';
import { parseLab } from '../../../core/labs/parse.ts';
import { LAB_YAML } from './fixtures.ts';

const broken = (from: string, to: string) => {
  expect(LAB_YAML).toContain(from);
  return parseLab(LAB_YAML.replace(from, to));
};
const issuesOf = (r: ReturnType<typeof parseLab>) => (r.ok ? [] : r.issues);

describe('parseLab', () => {
  it('accepts a complete lab and applies defaults', () => {
    const r = parseLab(LAB_YAML);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.params.users).toEqual({ kind: 'int', min: 10, max: 50, step: 5 });
    const path = r.value.checks[0];
    expect(path.kind === 'path' && [path.by, path.match, path.select.nth]).toEqual(['lane', 'exact', 1]);
    expect(r.value.fixtures[1].fails).toEqual([]);
  });

  it('reports schema errors at the field, with the line, in both languages', () => {
    const issues = issuesOf(broken('difficulty: 2', 'difficulty: 9'));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('difficulty');
    expect(issues[0].line).toBe(LAB_YAML.split('\n').findIndex((l) => l.startsWith('difficulty')) + 1);
    expect(issues[0].message.en).not.toBe(issues[0].message.ko);
  });

  it('rejects duplicate check ids', () => {
    const issues = issuesOf(broken('id: few-packets', 'id: firewall-drops'));
    expect(issues.map((i) => i.path)).toContain('checks[2].id');
    expect(issues[0].message.en).toContain('Duplicate check id');
  });

  it('rejects fixtures naming checks that do not exist', () => {
    const issues = issuesOf(broken('fails: [blocked-path, firewall-drops]', 'fails: [blocked-path, nonsense]'));
    expect(issues[0].path).toBe('fixtures[0].fails[1]');
    expect(issues[0].message.ko).toContain('nonsense');
  });

  it('rejects placeholders that are not declared params', () => {
    const issues = issuesOf(broken('Block port {{port}}', 'Block port {{prot}}'));
    expect(issues[0].message.en).toContain('{{prot}}');
  });

  it('accepts fields of record choices as placeholders, and rejects mixed shapes', () => {
    const ok = broken(
      '  zone: { kind: choice, values: [eu, ap] }',
      '  zone: { kind: choice, values: [eu, ap] }\n  need: { kind: choice, values: [{ c: 1 }, { c: 2 }] }',
    );
    expect(ok.ok).toBe(true);
    const mixed = broken(
      '  zone: { kind: choice, values: [eu, ap] }',
      '  zone: { kind: choice, values: [eu, { c: 2 }] }',
    );
    expect(issuesOf(mixed)[0].path).toBe('params.zone.values');
  });

  it('rejects unknown lanes in path checks', () => {
    const issues = issuesOf(broken('expect: [network, guest]', 'expect: [network, guset]'));
    expect(issues[0].path).toBe('checks[0].expect[1]');
  });

  it('rejects unknown fields (typos in the format)', () => {
    const issues = issuesOf(broken('difficulty: 2', 'difficulty: 2\ndificulty: 3'));
    expect(issues[0].message.en).toMatch(/dificulty/);
  });

  it('rejects a count check without bounds and a gradable fixture failing nothing', () => {
    expect(issuesOf(broken('    max: "{{users}}"\n', '')).some((i) => i.path.startsWith('checks[2]'))).toBe(true);
    expect(issuesOf(broken('fails: [blocked-path, firewall-drops]', 'fails: []'))[0].path).toBe('fixtures[0].fails');
  });
});
