import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import type { MemoryConfig } from './schema.ts';

/** The guest an op names, and under which key. */
const GUEST_KEYS = ['access', 'ptWrite', 'cr3', 'exit', 'switch', 'balloon'] as const;

function duplicates(names: readonly string[], path: (i: number) => string, what: string, out: ConfigIssue[]): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n))
      out.push(issue(path(i), msg(`${what} 이름 '${n}'이(가) 겹칩니다.`, `The name '${n}' is used twice.`)));
    seen.add(n);
  });
}

export function checkMemory(c: MemoryConfig, limits: SimLimits): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const { mode, cpuVirtualization, tlbTags } = c.mmu;
  if (mode === 'ept' && c.host.vendor !== 'intel')
    out.push(
      issue(
        'mmu.mode',
        msg('EPT는 인텔(VT-x)의 기능입니다. AMD에서는 npt를 쓰세요.', 'EPT is Intel’s (VT-x); on AMD use npt.'),
      ),
    );
  if (mode === 'npt' && c.host.vendor !== 'amd')
    out.push(
      issue(
        'mmu.mode',
        msg('NPT는 AMD(AMD-V)의 기능입니다. 인텔에서는 ept를 쓰세요.', 'NPT is AMD’s (AMD-V); on Intel use ept.'),
      ),
    );
  if (mode !== 'shadow' && cpuVirtualization === 'binary-translation') {
    out.push(
      issue(
        'mmu.cpuVirtualization',
        msg(
          '바이너리 변환은 하드웨어 지원 없이 돌므로 EPT/NPT와 함께 쓸 수 없습니다.',
          'Binary translation runs without hardware assist, so it cannot use EPT/NPT.',
        ),
      ),
    );
  }
  const bt = mode === 'shadow' && cpuVirtualization === 'binary-translation';
  if (bt && tlbTags === true) {
    out.push(
      issue(
        'mmu.tlbTags',
        msg(
          'VPID/ASID 태그는 VT-x/AMD-V의 기능이라 바이너리 변환에는 없습니다.',
          'VPID/ASID tags belong to VT-x/AMD-V; binary translation has none.',
        ),
      ),
    );
  }
  const reclaim = c.overcommit.reclaim;
  duplicates(reclaim, (i) => `overcommit.reclaim[${i}]`, '회수 방법', out);
  if (c.guests.length > limits.maxGuests)
    out.push(
      issue('guests', msg(`게스트가 최대 ${limits.maxGuests}개를 넘습니다.`, `More than ${limits.maxGuests} guests.`)),
    );
  if (c.ops.length > limits.maxOps)
    out.push(issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} operations.`)));
  duplicates(
    c.guests.map((g) => g.name),
    (i) => `guests[${i}].name`,
    '게스트',
    out,
  );
  const total = c.guests.reduce((n, g) => n + g.memoryPages, 0);
  if (total > c.host.memoryPages && !reclaim.includes('swap')) {
    out.push(
      issue(
        'overcommit.reclaim',
        msg(
          `게스트 메모리 합(${total}쪽)이 호스트 메모리(${c.host.memoryPages}쪽)보다 커서, 부팅 때 넘치는 페이지를 내보낼 swap이 reclaim에 있어야 합니다.`,
          `The guests’ memory (${total} pages) exceeds the host’s (${c.host.memoryPages}): reclaim needs swap to place the excess at boot.`,
        ),
      ),
    );
  }
  c.guests.forEach((g, i) => {
    if (g.workingSetPages !== undefined && g.workingSetPages > g.memoryPages) {
      out.push(
        issue(
          `guests[${i}].workingSetPages`,
          msg('작업 집합이 게스트 메모리보다 클 수 없습니다.', 'The working set cannot exceed the guest’s memory.'),
        ),
      );
    }
    const content = g.content.reduce((n, x) => n + x.pages, 0) + g.zeroPages;
    if (content > g.memoryPages) {
      out.push(
        issue(
          `guests[${i}].content`,
          msg(
            `content와 zeroPages의 합(${content}쪽)이 게스트 메모리보다 큽니다.`,
            `content and zeroPages add up to ${content} pages, more than the guest’s memory.`,
          ),
        ),
      );
    }
    duplicates(
      g.content.map((x) => x.image),
      (j) => `guests[${i}].content[${j}].image`,
      '이미지',
      out,
    );
    duplicates(g.processes, (j) => `guests[${i}].processes[${j}]`, '프로세스', out);
  });
  const guests = new Map(c.guests.map((g) => [g.name, g]));
  c.ops.forEach((op, i) => {
    const key = GUEST_KEYS.find((k) => k in op);
    if (!key) return;
    const name = (op as Record<string, unknown>)[key] as string;
    const g = guests.get(name);
    if (!g) {
      out.push(
        issue(`ops[${i}].${key}`, msg(`'${name}'라는 게스트가 없습니다.`, `There is no guest named '${name}'.`)),
      );
      return;
    }
    if ('cr3' in op && !g.processes.includes(op.process)) {
      out.push(
        issue(
          `ops[${i}].process`,
          msg(
            `게스트 ${name}에 '${op.process}' 프로세스가 없습니다 (processes에 넣으세요).`,
            `Guest ${name} has no process '${op.process}' (add it to processes).`,
          ),
        ),
      );
    }
    if ('balloon' in op) {
      if (!g.balloon)
        out.push(
          issue(
            `ops[${i}].balloon`,
            msg(
              `게스트 ${name}에는 풍선 드라이버가 없습니다 (guests[].balloon).`,
              `Guest ${name} has no balloon driver (guests[].balloon).`,
            ),
          ),
        );
      if (op.targetPages >= g.memoryPages)
        out.push(
          issue(
            `ops[${i}].targetPages`,
            msg(
              '풍선은 게스트 메모리 전부를 가져갈 수 없습니다.',
              'The balloon cannot take all of the guest’s memory.',
            ),
          ),
        );
    }
    if ('exit' in op && bt) {
      out.push(
        issue(
          `ops[${i}].exit`,
          msg(
            '바이너리 변환에는 VM exit이 없습니다 (VT-x/AMD-V 없이 돕니다).',
            'Binary translation has no VM exits: it runs without VT-x/AMD-V.',
          ),
        ),
      );
    }
  });
  return out;
}
