import { msg, type Msg } from '../i18n.ts';
import type { Lane } from '../sim/trace.ts';
import type { TraceDiffField } from '../sim/trace-diff.ts';

/** How each lane of the trace is named in the sequence diagram. */
export const LANE_LABELS: Record<Lane, Msg> = {
  client: msg('클라이언트', 'Client'),
  guest: msg('게스트', 'Guest'),
  container: msg('컨테이너', 'Container'),
  app: msg('애플리케이션', 'Application'),
  vmm: msg('VMM', 'VMM'),
  hypervisor: msg('하이퍼바이저', 'Hypervisor'),
  dom0: msg('Dom0', 'Dom0'),
  'host-os': msg('호스트 OS', 'Host OS'),
  controller: msg('컨트롤러', 'Controller'),
  mano: msg('MANO', 'MANO'),
  network: msg('네트워크', 'Network'),
  hardware: msg('하드웨어', 'Hardware'),
};

/** Words the diagrams print, in both languages. */
export const DIAGRAM_TEXT = {
  sequenceTitle: msg('실행 추적 시퀀스 다이어그램', 'Sequence diagram of the execution trace'),
  sequenceDesc: (events: number, lanes: string) =>
    msg(`이벤트 ${events}개, 계층: ${lanes}`, `${events} events across: ${lanes}`),
  setup: msg('준비', 'setup'),
  step: msg('단계', 'step'),
  cycles: msg('사이클', 'cycles'),
  totalCycles: msg('총 사이클', 'total cycles'),
  more: (n: number) => msg(`… 이벤트 ${n}개 더 있음`, `… ${n} more events`),
  excerpt: (shown: number, of: number) =>
    msg(`발췌: 실행 이벤트 ${of}개 중 ${shown}개`, `Excerpt: ${shown} of the run's ${of} events`),
  injected: msg('실습이 일으킨 고장', 'fault injected by the lab'),
  injectedShort: msg('주입된 고장', 'injected'),
  empty: msg('기록된 이벤트가 없습니다.', 'No events were recorded.'),
  outcome: {
    ok: msg('성공', 'ok'),
    denied: msg('거부됨', 'denied'),
    failed: msg('실패', 'failed'),
    violation: msg('위반', 'violation'),
    dropped: msg('버려짐', 'dropped'),
    lost: msg('유실', 'lost'),
  } satisfies Record<string, Msg>,
  raidTitle: (name: string, level: string) =>
    msg(`배열 ${name} (RAID ${level}) 배치`, `Layout of array ${name} (RAID ${level})`),
  raidDesc: (disks: number, stripes: number, failed: number) =>
    msg(
      `디스크 ${disks}개, 스트라이프 ${stripes}개, 고장 디스크 ${failed}개`,
      `${disks} disks, ${stripes} stripes, ${failed} failed disks`,
    ),
  stripe: msg('스트라이프', 'stripe'),
  moreStripes: (n: number) => msg(`… 스트라이프 ${n}개 더 있음`, `… ${n} more stripes`),
  diskFailed: msg('고장', 'failed'),
  diskRebuilt: msg('재구축됨', 'rebuilt'),
  diskOk: msg('정상', 'ok'),
  legendData: msg('데이터', 'data'),
  legendP: msg('패리티 P', 'parity P'),
  legendQ: msg('신드롬 Q', 'syndrome Q'),
  legendMirror: msg('미러', 'mirror'),
};

/** The fields of a changed event in a trace diff, named in the reader's language (the result page, the playground). */
export const TRACE_DIFF_FIELDS: Record<TraceDiffField, Msg> = {
  detail: msg('세부', 'detail'),
  cycles: msg('사이클', 'cycles'),
  outcome: msg('결과', 'outcome'),
  hypercall: msg('하이퍼콜', 'hypercall'),
  subject: msg('대상', 'subject'),
  note: msg('설명', 'note'),
};
