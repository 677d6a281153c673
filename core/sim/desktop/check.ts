import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { DesktopConfig, DesktopOp } from './schema.ts';

/** The op key that names a user, and the user, for ops that act for one user. */
const userOf = (op: DesktopOp): [string, string] | undefined =>
  'login' in op
    ? ['login', op.login]
    : 'open' in op
      ? ['open', op.open]
      : 'save' in op
        ? ['save', op.save]
        : 'logoff' in op
          ? ['logoff', op.logoff]
          : undefined;

export function checkDesktop(c: DesktopConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, list] of [
    ['hosts', c.hosts],
    ['pools', c.pools],
    ['users', c.users],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name))
        issues.push(
          issue(`${key}[${i}].name`, msg(`이름 '${x.name}'이(가) 겹칩니다.`, `The name '${x.name}' is used twice.`)),
        );
      seen.add(x.name);
    });
  }
  c.hosts.forEach((h, i) => {
    if (h.desktops === undefined && h.vcpus === undefined && h.memoryGb === undefined) {
      issues.push(
        issue(
          `hosts[${i}]`,
          msg(
            '호스트 용량(desktops, vcpus, memoryGb 중 하나 이상)을 적으세요.',
            'Give the host a capacity: desktops, vcpus or memoryGb.',
          ),
        ),
      );
    }
  });
  const pools = new Set(c.pools.map((p) => p.name));
  const users = new Set(c.users.map((u) => u.name));
  const unknownUser = (path: string, name: string) =>
    issues.push(issue(path, msg(`사용자 '${name}'이(가) users에 없습니다.`, `No user named '${name}' in users.`)));
  c.users.forEach((u, i) => {
    if (!pools.has(u.pool))
      issues.push(issue(`users[${i}].pool`, msg(`풀 '${u.pool}'이(가) 없습니다.`, `No pool named '${u.pool}'.`)));
  });
  let t = 0;
  c.ops.forEach((op, i) => {
    const acting = userOf(op);
    if (acting && !users.has(acting[1])) unknownUser(`ops[${i}].${acting[0]}`, acting[1]);
    if ('outage' in op) op.users?.forEach((u, j) => users.has(u) || unknownUser(`ops[${i}].users[${j}]`, u));
    if (op.at !== undefined && op.at < t) {
      issues.push(
        issue(
          `ops[${i}].at`,
          msg(`시간은 거꾸로 갈 수 없습니다: ${op.at} < ${t}초.`, `Time cannot go back: ${op.at} < ${t} s.`),
        ),
      );
    }
    t = Math.max(t, op.at ?? t) + ('wait' in op ? op.wait : 0);
  });
  if (c.pools.reduce((n, p) => n + p.size, 0) > limits.maxGuests) {
    issues.push(
      issue(
        'pools',
        msg(
          `풀 크기의 합이 최대 ${limits.maxGuests}대를 넘습니다.`,
          `The pools hold more than ${limits.maxGuests} desktops in all.`,
        ),
      ),
    );
  }
  if (c.ops.length > limits.maxOps)
    issues.push(
      issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)),
    );
  return issues;
}
