import { msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { dirtiedDuring, fitsDowntime, pagesOf, throttled, transferMs } from './model.ts';
import type { MigrationConfig } from './schema.ts';
import type { MigrationState, RoundState } from './state.ts';

/** Devices whose state lives in hardware the hypervisor can neither read nor recreate on the destination. */
const BLOCKING = new Set(['sriov-vf', 'pci-passthrough']);

type Phase = 'devices' | 'round' | 'stop-and-copy' | 'post-copy' | 'failed' | 'done';

/** Everything a migration run holds between two phases. */
export interface MigrationRun {
  config: MigrationConfig;
  trace: Trace;
  bandwidth: number;
  phase: Phase;
  /** Pages the next round (or the stop-and-copy) must send. */
  remaining: number;
  throttle: number;
  rounds: RoundState[];
  state: MigrationState;
}

const bandwidthPages = (c: MigrationConfig): number =>
  c.link.unit === 'pages/s' ? c.link.bandwidth : Math.floor(c.link.bandwidth / c.vm.pageSize!);

export function startMigration(config: MigrationConfig, trace: Trace): MigrationRun {
  const disk =
    config.storage.mode === 'copied' && config.storage.diskBytes > 0
      ? pagesOf(config.storage.diskBytes, config.vm.pageSize!)
      : 0;
  const bandwidth = bandwidthPages(config);
  return {
    config,
    trace,
    bandwidth,
    phase: 'devices',
    remaining: config.vm.memoryPages + disk,
    throttle: 0,
    rounds: [],
    state: {
      vm: config.vm.name,
      source: config.source,
      destination: config.destination,
      host: config.source,
      bandwidthPagesPerSecond: bandwidth,
      rounds: [],
      totalPagesSent: 0,
      downtimeMs: 0,
      totalMs: 0,
      converged: false,
      outcome: 'failed',
      method: 'pre-copy',
      throttlePercent: 0,
      postCopyPages: 0,
      reason: null,
    },
  };
}

const hypervisor = (run: MigrationRun, host: string) => ({
  actor: `hypervisor:${host}`,
  lane: 'hypervisor' as const,
  subject: run.config.vm.name,
});

/** One handler per phase; each returns the next phase. */
export const PHASES = {
  devices(run) {
    const blocker = run.config.vm.devices.find((d) => BLOCKING.has(d.kind));
    if (!blocker) return 'round';
    run.state.outcome = 'refused';
    run.state.reason = msg(
      `장치 '${blocker.name}'(${blocker.kind})의 상태는 하드웨어에 있어 하이퍼바이저가 복사할 수 없으므로 마이그레이션이 거부됩니다.`,
      `Migration is refused: device '${blocker.name}' (${blocker.kind}) keeps its state in hardware the hypervisor cannot copy.`,
    );
    run.trace.emit({
      ...hypervisor(run, run.config.source),
      kind: 'error',
      op: 'migration.start',
      outcome: 'denied',
      note: run.state.reason,
      fix: msg(
        `마이그레이션 전에 '${blocker.name}'을(를) 분리(hot-unplug)하고 뒤에 다시 붙이거나, 반가상화 NIC(virtio-net)를 쓰세요.`,
        `Detach (hot-unplug) '${blocker.name}' before migrating and re-attach it after, or use a paravirtual NIC (virtio-net).`,
      ),
    });
    return 'done';
  },
  /** A pre-copy round sends `remaining` pages while the guest keeps running and dirtying pages. */
  round(run) {
    const { config: c, bandwidth } = run;
    const n = run.rounds.length + 1;
    const pagesSent = run.remaining;
    const ms = transferMs(pagesSent, bandwidth);
    const dirtied = dirtiedDuring(pagesSent, throttled(c.vm.dirtyRate, run.throttle), bandwidth, c.vm.memoryPages);
    run.rounds.push({ round: n, pagesSent, dirtied, ms });
    run.trace.emit({
      actor: 'network:link',
      lane: 'network',
      kind: 'io',
      op: 'migration.round',
      subject: c.vm.name,
      detail: `round ${n}: ${pagesSent} pages, ${ms} ms, ${dirtied} dirtied (throttle ${run.throttle}%)`,
    });
    run.remaining = dirtied;
    if (fitsDowntime(dirtied, bandwidth, c.migration.maxDowntimeMs)) return 'stop-and-copy';
    const noProgress = dirtied >= pagesSent;
    if (c.migration.postCopy && (noProgress || n >= c.migration.maxRounds)) return 'post-copy';
    if (n >= c.migration.maxRounds) return 'failed';
    throttle(run, pagesSent, dirtied);
    return 'round';
  },
  /** The VM pauses on the source; the last dirty pages and the device state go across; it resumes on the destination. */
  'stop-and-copy'(run) {
    const ms = transferMs(run.remaining, run.bandwidth);
    run.state.downtimeMs = ms;
    run.state.converged = true;
    run.trace.emit({
      ...hypervisor(run, run.config.source),
      kind: 'pause',
      op: 'migration.stop-and-copy',
      detail: `${run.remaining} pages, ${ms} ms`,
    });
    run.trace.emit({
      actor: 'network:link',
      lane: 'network',
      kind: 'io',
      op: 'migration.stop-and-copy',
      subject: run.config.vm.name,
      detail: `${run.remaining} pages`,
    });
    return switchOver(run, false);
  },
  /** The VM resumes on the destination at once; every page still dirty is fetched from the source on its first fault. */
  'post-copy'(run) {
    run.state.method = 'post-copy';
    return switchOver(run, true);
  },
  failed(run) {
    run.state.outcome = 'failed';
    run.state.reason = msg(
      `사전 복사가 ${run.config.migration.maxRounds}라운드 안에 수렴하지 않았습니다: 더티 페이지가 최대 다운타임 안에 보낼 수 있는 양으로 줄지 않았습니다. VM은 출발 호스트에서 계속 돕니다.`,
      `Pre-copy did not converge within ${run.config.migration.maxRounds} rounds: the dirty set never shrank to what the maximum downtime allows. The VM keeps running on the source.`,
    );
    run.trace.emit({
      ...hypervisor(run, run.config.source),
      kind: 'error',
      op: 'migration.converge',
      outcome: 'failed',
      note: run.state.reason,
      fix: msg(
        'autoConverge(vCPU 스로틀링)나 postCopy를 켜거나, 대역폭이나 최대 다운타임을 늘리세요.',
        'Enable autoConverge (vCPU throttling) or postCopy, or raise the bandwidth or the maximum downtime.',
      ),
    });
    return 'done';
  },
  done: () => 'done',
} satisfies Record<Phase, (run: MigrationRun) => Phase>;

/** Auto-converge: throttle the vCPUs one step more when a round dirtied too much of what it sent (QEMU's trigger). */
function throttle(run: MigrationRun, pagesSent: number, dirtied: number): void {
  const ac = run.config.migration.autoConverge;
  if (!ac || dirtied * 100 < pagesSent * ac.triggerThreshold || run.throttle >= ac.max) return;
  run.throttle = Math.min(ac.max, run.throttle === 0 ? ac.initial : run.throttle + ac.increment);
  run.trace.emit({
    ...hypervisor(run, run.config.source),
    kind: 'throttle',
    op: 'migration.auto-converge',
    detail: `vCPU throttle ${run.throttle}%`,
  });
}

/** The destination takes over; with `fault: source-crash` the source fails right after. */
function switchOver(run: MigrationRun, postCopy: boolean): Phase {
  const { config: c, state } = run;
  run.trace.emit({
    ...hypervisor(run, c.destination),
    kind: 'resume',
    op: 'migration.switch-over',
    detail: postCopy ? 'post-copy' : 'pre-copy',
  });
  state.host = c.destination;
  state.outcome = 'migrated';
  if (c.fault === 'source-crash') {
    run.trace.emit({
      actor: `host:${c.source}`,
      lane: 'hardware',
      kind: 'fault',
      op: 'host.crash',
      subject: c.source,
      outcome: 'failed',
    });
    if (postCopy && run.remaining > 0) {
      state.host = null;
      state.outcome = 'failed';
      state.reason = msg(
        `사후 복사 중 출발 호스트가 멈춰 아직 옮기지 못한 ${run.remaining}페이지가 사라졌습니다: VM을 잃었습니다.`,
        `The source crashed during post-copy with ${run.remaining} pages not yet fetched: the VM is lost.`,
      );
      run.trace.emit({
        ...hypervisor(run, c.destination),
        kind: 'fault',
        op: 'migration.page-fault',
        outcome: 'lost',
        note: state.reason,
        fix: msg(
          '사전 복사가 수렴하도록 하세요(autoConverge): 그러면 출발 호스트가 끝까지 완전한 사본을 가집니다.',
          'Let pre-copy converge (autoConverge): the source then holds a complete copy until the end.',
        ),
      });
      return 'done';
    }
  }
  if (postCopy && run.remaining > 0) {
    run.trace.emit({
      actor: 'network:link',
      lane: 'network',
      kind: 'io',
      op: 'migration.post-copy',
      subject: c.vm.name,
      detail: `${run.remaining} pages on demand`,
    });
    state.postCopyPages = run.remaining;
  }
  return 'done';
}

/** The `migration` target's run: refuse on blocking devices, then pre-copy rounds until stop-and-copy, post-copy or failure. */
export function runMigration(config: MigrationConfig, trace: Trace): MigrationState {
  const run = startMigration(config, trace);
  trace.emit({
    ...hypervisor(run, config.source),
    kind: 'issue',
    op: 'migration.start',
    detail: `${config.source} → ${config.destination}`,
  });
  // Each phase runs once except `round`, which runs at most maxRounds (≤ MAX_ROUNDS) times.
  while (run.phase !== 'done') run.phase = PHASES[run.phase](run);
  return migrationState(run);
}

export function migrationState(run: MigrationRun): MigrationState {
  const rounds = run.rounds;
  return {
    ...run.state,
    rounds,
    totalPagesSent:
      rounds.reduce((n, r) => n + r.pagesSent, 0) + (run.state.converged ? run.remaining : 0) + run.state.postCopyPages,
    totalMs:
      rounds.reduce((n, r) => n + r.ms, 0) + run.state.downtimeMs + transferMs(run.state.postCopyPages, run.bandwidth),
    throttlePercent: run.throttle,
  };
}
