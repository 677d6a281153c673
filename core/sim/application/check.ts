import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { AppOp, ApplicationConfig } from './schema.ts';

/** The op's key and the app it acts on. */
const appOf = (op: AppOp): [string, string] =>
  'run' in op
    ? ['run', op.run]
    : 'read' in op
      ? ['read', op.read]
      : 'write' in op
        ? ['write', op.write]
        : 'regRead' in op
          ? ['regRead', op.regRead]
          : ['regWrite', op.regWrite];

export function checkApplication(c: ApplicationConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  c.apps.forEach((a, i) => {
    if (names.has(a.name))
      issues.push(
        issue(`apps[${i}].name`, msg(`이름 '${a.name}'이(가) 겹칩니다.`, `The name '${a.name}' is used twice.`)),
      );
    names.add(a.name);
    if (a.delivery === 'native' && a.isolation) {
      issues.push(
        issue(
          `apps[${i}].isolation`,
          msg(
            '네이티브로 설치한 앱에는 격리 모드가 없습니다: delivery를 virtual로 바꾸세요.',
            'A natively installed app has no isolation mode: set delivery to virtual.',
          ),
        ),
      );
    }
  });
  c.ops.forEach((op, i) => {
    const [key, app] = appOf(op);
    if (!names.has(app))
      issues.push(
        issue(`ops[${i}].${key}`, msg(`앱 '${app}'이(가) apps에 없습니다.`, `No app named '${app}' in apps.`)),
      );
  });
  if (c.apps.length > limits.maxGuests)
    issues.push(
      issue('apps', msg(`앱이 최대 ${limits.maxGuests}개를 넘습니다.`, `More than ${limits.maxGuests} apps.`)),
    );
  if (c.ops.length > limits.maxOps)
    issues.push(
      issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)),
    );
  return issues;
}
