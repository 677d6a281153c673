/** Turn a lab file's text into a checked Lab, or bilingual issues with line numbers. */
import { msg } from '../i18n.ts';
import { parseConfigText, withLines } from '../config-text.ts';
import { validate, issue, type ConfigIssue, type Parsed } from '../validation.ts';
import { LANE_NAMES, labSchema, type Lab } from './lab-schema.ts';
import { placeholdersIn, REPEAT_INDEX, REPEAT_INDEX0 } from './variant.ts';

export function parseLab(text: string): Parsed<Lab> {
  const parsed = parseConfigText(text, 'yaml');
  if (!parsed.ok) return parsed;
  const valid = validate(labSchema, parsed.value);
  if (!valid.ok) return { ok: false, issues: withLines(valid.issues, parsed) };
  const issues = labRules(valid.value);
  return issues.length ? { ok: false, issues: withLines(issues, parsed) } : valid;
}

/** Rules that span fields: unique ids, known references, declared placeholders. */
function labRules(lab: Lab): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const ids = new Set<string>();
  lab.checks.forEach((c, i) => {
    if (ids.has(c.id)) out.push(issue(`checks[${i}].id`, msg(`검사 id '${c.id}'가 중복됩니다.`, `Duplicate check id '${c.id}'.`)));
    ids.add(c.id);
    if (c.kind === 'path' && c.by === 'lane') {
      c.expect.forEach((lane, j) => {
        if (!LANE_NAMES.includes(lane)) {
          out.push(
            issue(
              `checks[${i}].expect[${j}]`,
              msg(`알 수 없는 레인 '${lane}': ${LANE_NAMES.join(', ')}`, `Unknown lane '${lane}': ${LANE_NAMES.join(', ')}`),
            ),
          );
        }
      });
    }
  });
  for (const [name, spec] of Object.entries(lab.params)) {
    if (name === REPEAT_INDEX || name === REPEAT_INDEX0) {
      out.push(issue(`params.${name}`, msg(`'${name}'는 반복 번호로 예약된 이름입니다.`, `'${name}' is reserved for the repeat index.`)));
    }
    if (spec.kind === 'choice') {
      const shapes = new Set(spec.values.map((v) => (typeof v === 'object' ? Object.keys(v).sort().join(',') : typeof v)));
      if (shapes.size > 1) {
        out.push(issue(`params.${name}.values`, msg('선택지는 모두 같은 모양(같은 필드)이어야 합니다.', 'All values must have the same shape (the same fields).')));
      }
    }
    if (spec.kind === 'int' && spec.min > spec.max) {
      out.push(issue(`params.${name}.max`, msg('max가 min보다 작습니다.', 'max is smaller than min.')));
    }
  }
  const names = new Set<string>();
  lab.fixtures.forEach((f, i) => {
    if (names.has(f.name)) out.push(issue(`fixtures[${i}].name`, msg(`픽스처 이름 '${f.name}'가 중복됩니다.`, `Duplicate fixture name '${f.name}'.`)));
    names.add(f.name);
    f.fails.forEach((id, j) => {
      if (!ids.has(id)) {
        out.push(issue(`fixtures[${i}].fails[${j}]`, msg(`없는 검사 id '${id}'입니다.`, `No check has the id '${id}'.`)));
      }
    });
    if (f.gradable && f.fails.length === 0) {
      out.push(
        issue(
          `fixtures[${i}].fails`,
          msg('채점 가능한 오답 픽스처는 실패할 검사를 하나 이상 적어야 합니다.', 'A gradable wrong fixture must name at least one check it fails.'),
        ),
      );
    }
  });
  const { id: _id, params: _params, ...templated } = lab;
  const declared = new Set<string>([REPEAT_INDEX, REPEAT_INDEX0]);
  for (const [name, spec] of Object.entries(lab.params)) {
    declared.add(name);
    if (spec.kind === 'choice') {
      for (const v of spec.values) if (typeof v === 'object') for (const field of Object.keys(v)) declared.add(`${name}.${field}`);
    }
  }
  for (const name of placeholdersIn(templated)) {
    if (!declared.has(name)) {
      out.push(issue('params', msg(`선언되지 않은 매개변수 '{{${name}}}'를 썼습니다.`, `The placeholder '{{${name}}}' is not a declared param.`)));
    }
  }
  return out;
}
