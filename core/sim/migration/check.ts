import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { MigrationConfig } from './schema.ts';

export function checkMigration(c: MigrationConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (c.source === c.destination) {
    issues.push(
      issue(
        'destination',
        msg('출발 호스트와 도착 호스트가 같습니다.', 'The destination is the same host as the source.'),
      ),
    );
  }
  const needsPageSize = c.link.unit === 'bytes/s' || (c.storage.mode === 'copied' && c.storage.diskBytes > 0);
  if (needsPageSize && c.vm.pageSize === undefined) {
    issues.push(
      issue(
        'vm.pageSize',
        msg(
          '대역폭이 bytes/s이거나 디스크를 복사할 때는 vm.pageSize(바이트)가 필요합니다.',
          'vm.pageSize (bytes) is needed when the link is in bytes/s or the disk is copied.',
        ),
      ),
    );
  }
  if (c.link.unit === 'bytes/s' && c.vm.pageSize !== undefined && c.link.bandwidth < c.vm.pageSize) {
    issues.push(
      issue(
        'link.bandwidth',
        msg('대역폭이 초당 한 페이지보다 작습니다.', 'The bandwidth is less than one page per second.'),
      ),
    );
  }
  const ac = c.migration.autoConverge;
  if (ac && ac.initial > ac.max) {
    issues.push(
      issue('migration.autoConverge.initial', msg('initial이 max보다 큽니다.', 'initial is greater than max.')),
    );
  }
  const seen = new Set<string>();
  c.vm.devices.forEach((d, i) => {
    if (seen.has(d.name))
      issues.push(
        issue(`vm.devices[${i}].name`, msg(`이름 '${d.name}'이(가) 겹칩니다.`, `The name '${d.name}' is used twice.`)),
      );
    seen.add(d.name);
  });
  if (c.vm.devices.length > limits.maxDisks) {
    issues.push(
      issue('vm.devices', msg(`장치가 최대 ${limits.maxDisks}개를 넘습니다.`, `More than ${limits.maxDisks} devices.`)),
    );
  }
  return issues;
}
