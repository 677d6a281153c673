import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import { MAX_PCPUS, type SchedulerConfig } from './schema.ts';

/** Weight ranges: Xen credit2 1–65535 (xl sched-credit2), cgroup v2 cpu.weight 1–10000 (cgroup-v2.rst). */
export const WEIGHT = {
  credit2: { min: 1, max: 65_535, default: 256 },
  cfs: { min: 1, max: 10_000, default: 100 },
} as const;

/** Parse cpu.max ("quota period", µs); null quota = `max` (no limit). */
export function parseCpuMax(text: string): { quota: number | null; period: number } {
  const [q, p] = text.split(' ');
  return { quota: q === 'max' ? null : Number(q), period: Number(p) };
}

interface Knobs {
  weight?: number;
  cap?: number;
  cpuMax?: string;
}

function knobIssues(c: SchedulerConfig, k: Knobs, at: string, out: ConfigIssue[]): void {
  const w = WEIGHT[c.scheduler];
  if (k.weight !== undefined && k.weight > w.max) {
    out.push(
      issue(`${at}.weight`, msg(`cfs의 cpu.weight는 ${w.min}–${w.max}입니다.`, `cfs cpu.weight is ${w.min}–${w.max}.`)),
    );
  }
  if (k.cap !== undefined && c.scheduler !== 'credit2') {
    out.push(
      issue(
        `${at}.cap`,
        msg(
          'cap은 credit2의 설정입니다. cfs에서는 cpuMax(cgroup v2 cpu.max)를 쓰세요.',
          'cap is credit2’s; under cfs use cpuMax (cgroup v2 cpu.max).',
        ),
      ),
    );
  }
  if (k.cpuMax !== undefined) {
    if (c.scheduler !== 'cfs') {
      out.push(
        issue(
          `${at}.cpuMax`,
          msg(
            'cpuMax는 cgroup v2(cfs)의 설정입니다. credit2에서는 cap을 쓰세요.',
            'cpuMax is cgroup v2’s (cfs); under credit2 use cap.',
          ),
        ),
      );
      return;
    }
    const { quota, period } = parseCpuMax(k.cpuMax);
    const whole = (n: number) => n % 1000 === 0;
    if (!whole(period) || period > 1_000_000 || (quota !== null && !whole(quota))) {
      out.push(
        issue(
          `${at}.cpuMax`,
          msg(
            '주기는 1000–1000000µs, 할당량과 주기는 1ms 틱에 맞게 1000µs의 배수여야 합니다.',
            'The period is 1000–1000000 µs, and quota and period are multiples of 1000 µs (the 1 ms tick).',
          ),
        ),
      );
    }
  }
}

export function checkScheduler(c: SchedulerConfig, limits: SimLimits): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const unique = (names: string[], path: (i: number) => string) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) out.push(issue(path(i), msg(`이름 '${n}'이(가) 겹칩니다.`, `The name '${n}' is used twice.`)));
      seen.add(n);
    });
  };
  unique(
    c.host.nodes.map((n) => n.name),
    (i) => `host.nodes[${i}].name`,
  );
  unique(
    c.vms.map((v) => v.name),
    (i) => `vms[${i}].name`,
  );
  const nodes = c.host.nodes.length;
  const pcpus = c.host.nodes.reduce((n, x) => n + x.cpus, 0);
  if (pcpus > MAX_PCPUS)
    out.push(
      issue(
        'host.nodes',
        msg(
          `물리 CPU가 모두 ${pcpus}개로 최대 ${MAX_PCPUS}개를 넘습니다.`,
          `${pcpus} physical CPUs in all, more than ${MAX_PCPUS}.`,
        ),
      ),
    );
  const d = c.host.distances;
  if (d) {
    if (d.length !== nodes || d.some((row) => row.length !== nodes)) {
      out.push(
        issue(
          'host.distances',
          msg(
            `거리표는 노드 수(${nodes})만큼의 정사각 행렬이어야 합니다.`,
            `The distance table must be ${nodes}×${nodes}, one row and column per node.`,
          ),
        ),
      );
    } else {
      d.forEach((row, i) =>
        row.forEach((x, j) => {
          if (i === j ? x !== 10 : x <= 10) {
            out.push(
              issue(
                `host.distances[${i}][${j}]`,
                msg(
                  'SLIT의 대각선(자기 노드)은 10, 나머지는 10보다 커야 합니다.',
                  'In a SLIT the diagonal (local) is 10 and every other entry is above 10.',
                ),
              ),
            );
          }
        }),
      );
    }
  }
  if (c.ticks > limits.maxTicks)
    out.push(issue('ticks', msg(`틱은 최대 ${limits.maxTicks}입니다.`, `At most ${limits.maxTicks} ticks.`)));
  if (c.vms.length > limits.maxGuests)
    out.push(issue('vms', msg(`VM이 최대 ${limits.maxGuests}개를 넘습니다.`, `More than ${limits.maxGuests} VMs.`)));
  const vcpus = c.vms.reduce((n, v) => n + v.vcpus, 0);
  if (vcpus > limits.maxVcpus)
    out.push(
      issue(
        'vms',
        msg(
          `vCPU가 모두 ${vcpus}개로 최대 ${limits.maxVcpus}개를 넘습니다.`,
          `${vcpus} vCPUs in all, more than ${limits.maxVcpus}.`,
        ),
      ),
    );
  if (c.ops.length > limits.maxOps)
    out.push(issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)));
  const nodeNames = new Set(c.host.nodes.map((n) => n.name));
  const pinIssues = (cpus: number[], at: string) => {
    const bad = cpus.find((x) => x >= pcpus);
    if (bad !== undefined)
      out.push(
        issue(
          at,
          msg(`물리 CPU ${bad}이(가) 없습니다 (0–${pcpus - 1}).`, `There is no physical CPU ${bad} (0–${pcpus - 1}).`),
        ),
      );
    if (new Set(cpus).size !== cpus.length)
      out.push(issue(at, msg('같은 CPU가 두 번 있습니다.', 'A CPU is listed twice.')));
  };
  c.vms.forEach((v, i) => {
    knobIssues(c, v, `vms[${i}]`, out);
    if (v.memoryNode && !nodeNames.has(v.memoryNode))
      out.push(
        issue(
          `vms[${i}].memoryNode`,
          msg(`'${v.memoryNode}'라는 노드가 없습니다.`, `There is no node named '${v.memoryNode}'.`),
        ),
      );
    if (v.pin) pinIssues(v.pin, `vms[${i}].pin`);
  });
  const vms = new Set(c.vms.map((v) => v.name));
  let last = 0;
  c.ops.forEach((op, i) => {
    const key = (['set', 'pin', 'unpin', 'start', 'stop'] as const).find((k) => k in op)!;
    const name = (op as Record<string, unknown>)[key] as string;
    if (!vms.has(name))
      out.push(issue(`ops[${i}].${key}`, msg(`'${name}'라는 VM이 없습니다.`, `There is no VM named '${name}'.`)));
    if (op.at >= c.ticks)
      out.push(
        issue(`ops[${i}].at`, msg(`at은 0–${c.ticks - 1} 틱이어야 합니다.`, `at must be a tick in 0–${c.ticks - 1}.`)),
      );
    if (op.at < last)
      out.push(issue(`ops[${i}].at`, msg('연산은 시간 순서대로 적어야 합니다.', 'Operations must be in time order.')));
    last = Math.max(last, op.at);
    if ('set' in op) knobIssues(c, op, `ops[${i}]`, out);
    if ('pin' in op) pinIssues(op.cpus, `ops[${i}].cpus`);
  });
  return out;
}
