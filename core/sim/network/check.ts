import { msg, type Msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { NetworkConfig } from './schema.ts';

/** What an unknown name was meant to be, for the check messages. */
const NAMED = {
  host: msg('NFVI 호스트', 'NFVI host'),
  vnf: msg('VNF', 'VNF'),
  path: msg('서비스 경로(path)', 'path'),
};

export function checkNetwork(c: NetworkConfig, limits: SimLimits): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const unknown = (path: string, what: Msg, name: string) =>
    issues.push(
      issue(
        path,
        msg(`${what.ko} '${name}'이(가) 정의되어 있지 않습니다.`, `No ${what.en} named '${name}' is defined.`),
      ),
    );
  const unique = (list: readonly { name: string }[], key: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name))
        issues.push(
          issue(`${key}[${i}].name`, msg(`이름 '${x.name}'이(가) 겹칩니다.`, `The name '${x.name}' is used twice.`)),
        );
      seen.add(x.name);
    });
  };
  unique(c.hosts, 'hosts');
  unique(c.vnfs, 'vnfs');
  unique(c.paths, 'paths');
  unique(c.endpoints, 'endpoints');
  unique(c.segments, 'segments');
  const hosts = new Set(c.hosts.map((h) => h.name));
  const vnfs = new Map(c.vnfs.map((v) => [v.name, v]));
  const paths = new Set(c.paths.map((p) => p.name));
  c.segments.forEach((s, i) => {
    if (c.segments.findIndex((t) => t.vlan === s.vlan || (s.vni !== undefined && t.vni === s.vni)) !== i) {
      issues.push(
        issue(
          `segments[${i}]`,
          msg('VLAN이나 VNI가 다른 세그먼트와 겹칩니다.', 'Its VLAN or VNI is used by another segment.'),
        ),
      );
    }
  });
  c.vnfs.forEach((v, i) => {
    if (v.host && !hosts.has(v.host)) unknown(`vnfs[${i}].host`, NAMED.host, v.host);
    if (v.form === 'appliance' && (v.host || v.instances > 1)) {
      issues.push(
        issue(
          `vnfs[${i}]`,
          msg(
            '하드웨어 어플라이언스는 NFVI 호스트에 올라가지 않고 인스턴스도 하나뿐입니다: host와 instances를 지우세요.',
            'A hardware appliance runs on no NFVI host and is a single box: remove host and instances.',
          ),
        ),
      );
    }
  });
  c.paths.forEach((p, i) => p.hops.forEach((h, j) => vnfs.has(h) || unknown(`paths[${i}].hops[${j}]`, NAMED.vnf, h)));
  if (c.classifier.host && !hosts.has(c.classifier.host)) unknown('classifier.host', NAMED.host, c.classifier.host);
  c.classifier.rules.forEach((r, i) => paths.has(r.path) || unknown(`classifier.rules[${i}].path`, NAMED.path, r.path));
  c.endpoints.forEach((e, i) => e.host && !hosts.has(e.host) && unknown(`endpoints[${i}].host`, NAMED.host, e.host));
  const packets = new Set<string>();
  c.ops.forEach((op, i) => {
    if ('send' in op) {
      if (packets.has(op.send.name))
        issues.push(
          issue(
            `ops[${i}].send.name`,
            msg(`패킷 이름 '${op.send.name}'이(가) 겹칩니다.`, `The packet name '${op.send.name}' is used twice.`),
          ),
        );
      packets.add(op.send.name);
      return;
    }
    const name = 'fail' in op ? op.fail : 'heal' in op ? op.heal : op.scale;
    const key = 'fail' in op ? 'fail' : 'heal' in op ? 'heal' : 'scale';
    if (!vnfs.has(name)) unknown(`ops[${i}].${key}`, NAMED.vnf, name);
  });
  const guests = c.vnfs.reduce((n, v) => n + v.instances, 0) + c.endpoints.length;
  if (guests > limits.maxGuests) {
    issues.push(
      issue(
        'vnfs',
        msg(
          `VNF 인스턴스와 엔드포인트가 최대 ${limits.maxGuests}개를 넘습니다.`,
          `More than ${limits.maxGuests} VNF instances and endpoints.`,
        ),
      ),
    );
  }
  if (c.ops.length > limits.maxOps) {
    issues.push(
      issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)),
    );
  }
  return issues;
}
