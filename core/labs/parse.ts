/** Turn a lab file's text into a checked Lab, or bilingual issues with line numbers. */
import { msg } from '../i18n.ts';
import { parseConfigText, withLines } from '../config-text.ts';
import { validate, issue, type ConfigIssue, type Parsed } from '../validation.ts';
import { hasIndexSegment } from '../grading/data-path.ts';
import { LANE_NAMES, labSchema, type Lab, type StatePredicate } from './lab-schema.ts';
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
    if (ids.has(c.id))
      out.push(issue(`checks[${i}].id`, msg(`검사 id '${c.id}'가 중복됩니다.`, `Duplicate check id '${c.id}'.`)));
    ids.add(c.id);
    if (c.kind === 'path' && c.by === 'lane') {
      c.expect.forEach((lane, j) => {
        if (!LANE_NAMES.includes(lane)) {
          out.push(
            issue(
              `checks[${i}].expect[${j}]`,
              msg(
                `알 수 없는 레인 '${lane}': ${LANE_NAMES.join(', ')}`,
                `Unknown lane '${lane}': ${LANE_NAMES.join(', ')}`,
              ),
            ),
          );
        }
      });
    }
  });
  for (const [name, spec] of Object.entries(lab.params)) {
    if (name === REPEAT_INDEX || name === REPEAT_INDEX0) {
      out.push(
        issue(
          `params.${name}`,
          msg(`'${name}'는 반복 번호로 예약된 이름입니다.`, `'${name}' is reserved for the repeat index.`),
        ),
      );
    }
    if (spec.kind === 'choice') {
      const shapes = new Set(
        spec.values.map((v) => (typeof v === 'object' ? Object.keys(v).sort().join(',') : typeof v)),
      );
      if (shapes.size > 1) {
        out.push(
          issue(
            `params.${name}.values`,
            msg(
              '선택지는 모두 같은 모양(같은 필드)이어야 합니다.',
              'All values must have the same shape (the same fields).',
            ),
          ),
        );
      }
    }
    if (spec.kind === 'int' && spec.min > spec.max) {
      out.push(issue(`params.${name}.max`, msg('max가 min보다 작습니다.', 'max is smaller than min.')));
    }
  }
  out.push(...honestyRules(lab), ...kindRules(lab));
  const names = new Set<string>();
  lab.fixtures.forEach((f, i) => {
    if (names.has(f.name))
      out.push(
        issue(
          `fixtures[${i}].name`,
          msg(`픽스처 이름 '${f.name}'가 중복됩니다.`, `Duplicate fixture name '${f.name}'.`),
        ),
      );
    names.add(f.name);
    f.fails.forEach((id, j) => {
      if (!ids.has(id)) {
        out.push(
          issue(`fixtures[${i}].fails[${j}]`, msg(`없는 검사 id '${id}'입니다.`, `No check has the id '${id}'.`)),
        );
      }
    });
    if (f.variant && (f.fails.length || !f.gradable || f.misconception)) {
      out.push(
        issue(
          `fixtures[${i}].variant`,
          msg(
            '변형 정답 픽스처는 만점이어야 하므로 fails·gradable: false·misconception을 쓰지 않습니다.',
            'A variant is a correct answer: it has no fails, no gradable: false and no misconception.',
          ),
        ),
      );
    }
    if (f.gradable && !f.variant && !f.misconception) {
      out.push(
        issue(
          `fixtures[${i}].misconception`,
          msg(
            '채점 가능한 오답 픽스처는 자기가 담은 오개념(misconception)을 밝혀야 합니다.',
            'A gradable wrong fixture names the misconception it embodies.',
          ),
        ),
      );
    }
    if (f.gradable && !f.variant && f.fails.length === 0) {
      out.push(
        issue(
          `fixtures[${i}].fails`,
          msg(
            '채점 가능한 오답 픽스처는 실패할 검사를 하나 이상 적어야 합니다.',
            'A gradable wrong fixture must name at least one check it fails.',
          ),
        ),
      );
    }
  });
  const { id: _id, params: _params, ...templated } = lab;
  const declared = new Set<string>([REPEAT_INDEX, REPEAT_INDEX0]);
  for (const [name, spec] of Object.entries(lab.params)) {
    declared.add(name);
    if (spec.kind === 'choice') {
      for (const v of spec.values)
        if (typeof v === 'object') for (const field of Object.keys(v)) declared.add(`${name}.${field}`);
    }
  }
  for (const name of placeholdersIn(templated)) {
    if (!declared.has(name)) {
      out.push(
        issue(
          'params',
          msg(
            `선언되지 않은 매개변수 '{{${name}}}'를 썼습니다.`,
            `The placeholder '{{${name}}}' is not a declared param.`,
          ),
        ),
      );
    }
  }
  return out;
}

/** Every path a lab writes that addresses part of a submission or a state, with where it is written. */
function addressedPaths(lab: Lab): Array<{ at: string; path: string }> {
  const out: Array<{ at: string; path: string }> = [];
  const preds = (at: string, list: readonly StatePredicate[]) =>
    list.forEach((p, j) => {
      out.push({ at: `${at}[${j}].path`, path: p.path });
      if (p.ref !== undefined) out.push({ at: `${at}[${j}].ref`, path: p.ref });
    });
  lab.checks.forEach((c, i) => {
    const at = `checks[${i}]`;
    if (c.kind === 'state') preds(`${at}.expect`, c.expect);
    if (c.requires) preds(`${at}.requires.state`, c.requires.state);
    if (c.kind === 'rejects') {
      if (c.expect.path !== undefined) out.push({ at: `${at}.expect.path`, path: c.expect.path });
      for (const key of Object.keys(c.patch ?? {})) out.push({ at: `${at}.patch`, path: key });
    }
    if (c.kind === 'reference' && c.project.kind === 'state')
      out.push({ at: `${at}.project.path`, path: c.project.path });
  });
  for (const key of Object.keys(lab.workload)) out.push({ at: 'workload', path: key });
  for (const key of Object.keys(lab.surround)) out.push({ at: 'surround', path: key });
  lab.picture.forEach((path, i) => out.push({ at: `picture[${i}]`, path }));
  return out;
}

/**
 * Honest checks, as rules of the format: selectors address things by name (`guests[name=win]`, `guests.win`),
 * never by position, so a correct answer with its parts in another order is graded the same; and a check that
 * passes when something did NOT happen (a count with no lower bound) must say what has to have run for that to
 * mean anything (`requires`).
 */
function honestyRules(lab: Lab): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const { at, path } of addressedPaths(lab)) {
    if (hasIndexSegment(path)) {
      out.push(
        issue(
          at,
          msg(
            `'${path}'는 목록 원소를 위치로 가리킵니다. 이름으로 가리키세요(예: guests[name=web], guests.web).`,
            `'${path}' addresses a list element by position; address it by name (e.g. guests[name=web], guests.web).`,
          ),
        ),
      );
    }
  }
  lab.checks.forEach((c, i) => {
    // A placeholder lower bound (`min: "{{users}}"`) is a param the lab declares positive.
    const bounded = c.kind === 'count' && c.min !== undefined && (typeof c.min === 'string' || c.min >= 1);
    if (c.kind === 'count' && !bounded && !c.requires) {
      out.push(
        issue(
          `checks[${i}].requires`,
          msg(
            `'${c.id}'는 무언가가 일어나지 않았을 때 통과합니다. 검사할 동작이 실제로 실행되었다는 전제 조건(requires)을 적으세요.`,
            `'${c.id}' passes when something did not happen: state with \`requires\` what must have run for that to count.`,
          ),
        ),
      );
    }
  });
  return out;
}

/** Each kind of lab has the parts its grading needs, and check kinds that belong to another kind are refused. */
function kindRules(lab: Lab): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const need = (ok: boolean, path: string, ko: string, en: string) => {
    if (!ok) out.push(issue(path, msg(ko, en)));
  };
  const has = (kind: string) => lab.checks.some((c) => c.kind === kind);
  const predict = lab.kind === 'predict';
  need(
    predict === (lab.given !== undefined),
    'given',
    '예측 실습에만, 그리고 반드시 given(예측할 설정)이 있습니다.',
    'A predict lab, and only a predict lab, has `given` (the configuration to predict).',
  );
  lab.checks.forEach((c, i) => {
    need(
      predict === (c.kind === 'predict'),
      `checks[${i}].kind`,
      '예측 실습의 검사는 모두 predict이고, predict 검사는 예측 실습에만 씁니다.',
      'A predict lab has only predict checks, and predict checks belong to predict labs.',
    );
    if (c.kind === 'objective')
      need(
        lab.kind === 'design',
        `checks[${i}].kind`,
        'objective 검사는 설계(design) 실습에 씁니다.',
        'objective checks belong to design labs.',
      );
    if (c.kind === 'change')
      need(
        lab.kind === 'debug',
        `checks[${i}].kind`,
        'change 검사는 디버그(debug) 실습에 씁니다.',
        'change checks belong to debug labs.',
      );
  });
  if (lab.kind === 'design')
    need(
      has('objective'),
      'checks',
      '설계 실습에는 objective 검사가 하나 이상 있습니다.',
      'A design lab has at least one objective check.',
    );
  if (lab.kind === 'debug') {
    need(
      has('change'),
      'checks',
      '디버그 실습에는 change 검사가 하나 이상 있습니다.',
      'A debug lab has at least one change check.',
    );
    need(
      lab.symptom !== undefined,
      'symptom',
      '디버그 실습에는 증상(symptom)이 있습니다.',
      'A debug lab states its symptom.',
    );
  }
  return out;
}
