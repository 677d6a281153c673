import { msg, type Msg } from '../../i18n.ts';
import { dispatch, type OpHandlers } from '../op-union.ts';
import type { Trace } from '../trace.ts';
import { READ_ORDER, WRITE_TO, type Isolation, type LayerName } from './isolation.ts';
import { Layer } from './layer.ts';
import { buildPackage, runtimeFile, runtimeKey, type AppPackage } from './package.ts';
import { APP_OP_KINDS, type AppConfig, type AppOp, type AppOpKind, type ApplicationConfig } from './schema.ts';
import type { Access, AppState, ApplicationState, Kind } from './state.ts';

/** An app during the run: its view of files and registry, and the state reported for it. */
export interface RunningApp {
  config: AppConfig;
  isolation: Isolation | null;
  pkg: AppPackage | null;
  sandbox: { file: Layer; registry: Layer };
  state: AppState;
}

const LAYER_NOTE: Record<LayerName, Msg> = {
  sandbox: msg('샌드박스', 'the sandbox'),
  package: msg('패키지 VFS', 'the package VFS'),
  host: msg('호스트', 'the host'),
};

/** Everything an application run holds between two ops: what each handler reads and changes. */
export interface ApplicationRun {
  trace: Trace;
  /** The real machine's file system and registry. */
  host: { file: Layer; registry: Layer };
  /** The host before anything was installed, to report what changed. */
  initial: { file: Record<string, string>; registry: Record<string, string> };
  /** Which app put each machine-wide runtime on the host ('host' when it was there before). */
  runtimeOwner: Map<string, { version: string; app: string }>;
  conflicts: ApplicationState['conflicts'];
  apps: Map<string, RunningApp>;
}

/** Publish every virtual app and install every native one, in the order written (setup, step -1). */
export function startApplication(c: ApplicationConfig, trace: Trace): ApplicationRun {
  const host = { file: new Layer(c.host.files), registry: new Layer(c.host.registry) };
  const run: ApplicationRun = {
    trace,
    host,
    initial: { file: host.file.toRecord(), registry: host.registry.toRecord() },
    runtimeOwner: new Map(),
    conflicts: [],
    apps: new Map(),
  };
  for (const config of c.apps) {
    const isolation = config.delivery === 'virtual' ? (config.isolation ?? 'writecopy') : null;
    const pkg = isolation ? buildPackage(config) : null;
    const app: RunningApp = {
      config,
      isolation,
      pkg,
      sandbox: { file: new Layer(), registry: new Layer() },
      state: {
        delivery: config.delivery,
        isolation,
        runtime: config.runtime ? `${config.runtime.name} ${config.runtime.version}` : null,
        status: isolation ? 'published' : 'installed',
        failure: null,
        package: null,
        sandbox: { files: {}, registry: {} },
        reads: [],
        writes: [],
      },
    };
    run.apps.set(config.name, app);
    if (pkg) {
      trace.emit({
        actor: `vfs:${config.name}`,
        lane: 'vmm',
        kind: 'publish',
        op: 'app.publish',
        subject: config.name,
        detail: `${pkg.files.size} files, ${pkg.registry.size} registry values, ${isolation}`,
        note: msg(
          `${config.name} 패키지를 게시했습니다. 호스트에는 아무것도 설치하지 않습니다.`,
          `Published the ${config.name} package; nothing is installed on the host.`,
        ),
      });
    } else install(run, app);
  }
  return run;
}

type Handlers = OpHandlers<ApplicationRun, AppOp, AppOpKind>;

/** One handler per op. Reads and writes need the app running. */
export const APPLICATION_HANDLERS = {
  run: (run, op) => start(run, run.apps.get(op.run)!),
  read(run, op) {
    const app = run.apps.get(op.read)!;
    if (requireRunning(run, app, 'file.read')) read(run, app, 'file', op.path, true);
  },
  write(run, op) {
    const app = run.apps.get(op.write)!;
    if (requireRunning(run, app, 'file.write')) write(run, app, 'file', op.path, op.content);
  },
  regRead(run, op) {
    const app = run.apps.get(op.regRead)!;
    if (requireRunning(run, app, 'registry.read')) read(run, app, 'registry', op.key, true);
  },
  regWrite(run, op) {
    const app = run.apps.get(op.regWrite)!;
    if (requireRunning(run, app, 'registry.write')) write(run, app, 'registry', op.key, op.value);
  },
} satisfies Handlers;

/** Run one op through its handler. */
export const step = (run: ApplicationRun, op: AppOp): void => dispatch(APP_OP_KINDS, APPLICATION_HANDLERS, run, op);

/**
 * The `application` target's run: apps packaged with their files, registry and runtime run in isolation (merged,
 * writecopy, full) through a virtual file system and registry, beside apps installed natively on the host.
 * Lanes: `app` for the application, `vmm` for the virtualization client (its VFS and virtual registry), `host-os`
 * for the real file system and registry.
 */
export function runApplication(c: ApplicationConfig, trace: Trace): ApplicationState {
  const run = startApplication(c, trace);
  c.ops.forEach((op, i) => {
    trace.step = i;
    step(run, op);
  });
  return applicationState(run);
}

export function applicationState(run: ApplicationRun): ApplicationState {
  const files = run.host.file.toRecord();
  const registry = run.host.registry.toRecord();
  const changed = [...diff(run.initial.file, files), ...diff(run.initial.registry, registry)];
  return {
    host: { files, registry, unchanged: changed.length === 0, changed },
    apps: Object.fromEntries(
      [...run.apps].map(([name, a]) => [
        name,
        {
          ...a.state,
          package: a.pkg ? { files: a.pkg.files.toRecord(), registry: a.pkg.registry.toRecord() } : null,
          sandbox: { files: a.sandbox.file.toRecord(), registry: a.sandbox.registry.toRecord() },
        },
      ]),
    ),
    conflicts: run.conflicts,
  };
}

function layerOf(run: ApplicationRun, app: RunningApp, kind: Kind, name: LayerName): Layer | undefined {
  return name === 'host'
    ? run.host[kind]
    : name === 'sandbox'
      ? app.sandbox[kind]
      : app.pkg?.[kind === 'file' ? 'files' : 'registry'];
}

/** Resolve a read through the app's view: sandbox → package → host, or the host alone for a native app. */
function read(run: ApplicationRun, app: RunningApp, kind: Kind, path: string, record: boolean): Access {
  const { trace } = run;
  const order = app.isolation ? READ_ORDER[app.isolation] : (['host'] as const);
  const op = kind === 'file' ? 'file.read' : 'registry.read';
  trace.emit({
    actor: `app:${app.config.name}`,
    lane: 'app',
    kind: 'syscall',
    op,
    subject: app.config.name,
    detail: path,
  });
  const misses: LayerName[] = [];
  let hit: Access = { kind, path, layer: null, value: null };
  for (const name of order) {
    trace.spend(1);
    const value = layerOf(run, app, kind, name)?.get(path);
    if (value !== undefined) {
      hit = { kind, path, layer: name, value };
      break;
    }
    misses.push(name);
  }
  if (app.isolation) {
    trace.emit({
      actor: `${kind === 'file' ? 'vfs' : 'vreg'}:${app.config.name}`,
      lane: 'vmm',
      kind: 'redirect',
      op,
      subject: app.config.name,
      detail: [...misses.map((m) => `${m}: miss`), ...(hit.layer ? [`${hit.layer}: hit`] : [])].join(' → '),
      outcome: hit.layer ? 'ok' : 'failed',
      note:
        !hit.layer && app.isolation === 'full'
          ? msg('Full 격리는 호스트를 전혀 보지 않습니다.', 'Full isolation does not see the host at all.')
          : undefined,
    });
  }
  if (order.includes('host') && hit.layer !== 'sandbox' && hit.layer !== 'package') {
    trace.emit({
      actor: `host-os:${kind === 'file' ? 'fs' : 'registry'}`,
      lane: 'host-os',
      kind: 'io',
      op,
      subject: app.config.name,
      detail: path,
      outcome: hit.layer ? 'ok' : 'failed',
    });
  }
  if (record) app.state.reads.push(hit);
  return hit;
}

function write(run: ApplicationRun, app: RunningApp, kind: Kind, path: string, value: string): void {
  const { trace, host } = run;
  const op = kind === 'file' ? 'file.write' : 'registry.write';
  const to = app.isolation ? WRITE_TO[app.isolation] : 'host';
  trace.emit({
    actor: `app:${app.config.name}`,
    lane: 'app',
    kind: 'syscall',
    op,
    subject: app.config.name,
    detail: path,
  });
  if (app.isolation) {
    trace.emit({
      actor: `${kind === 'file' ? 'vfs' : 'vreg'}:${app.config.name}`,
      lane: 'vmm',
      kind: to === 'sandbox' ? 'redirect' : 'pass',
      op,
      subject: app.config.name,
      detail: `→ ${to}`,
      note:
        to === 'sandbox'
          ? msg(
              `쓰기를 ${app.config.name}의 샌드박스로 돌렸습니다. 호스트는 그대로입니다.`,
              `The write was redirected to ${app.config.name}'s sandbox; the host is untouched.`,
            )
          : msg('Merged 모드라 실제 호스트에 씁니다.', 'Merged mode: it writes to the real host.'),
    });
  }
  (to === 'host' ? host : app.sandbox)[kind].set(path, value);
  if (to === 'host')
    trace.emit({
      actor: `host-os:${kind === 'file' ? 'fs' : 'registry'}`,
      lane: 'host-os',
      kind: 'io',
      op,
      subject: app.config.name,
      detail: path,
    });
  app.state.writes.push({ kind, path, layer: to, value });
}

/** Native install: the installer writes everything onto the host, overwriting any other version of the runtime. */
function install(run: ApplicationRun, app: RunningApp): void {
  const { trace, host, runtimeOwner, conflicts } = run;
  const pkg = buildPackage(app.config);
  const rt = app.config.runtime;
  if (rt) {
    const onHost = host.file.get(runtimeFile(rt));
    const current = runtimeOwner.get(rt.name) ?? (onHost === undefined ? undefined : { version: onHost, app: 'host' });
    if (current && current.version !== rt.version) {
      conflicts.push({
        runtime: rt.name,
        versions: [current.version, rt.version],
        apps: [current.app, app.config.name],
      });
      trace.emit({
        actor: 'host-os:fs',
        lane: 'host-os',
        kind: 'overwrite',
        op: 'app.install',
        subject: app.config.name,
        detail: `${runtimeFile(rt)}: ${current.version} → ${rt.version}`,
        outcome: 'violation',
        note: msg(
          `${app.config.name} 설치가 ${current.app}이(가) 쓰던 ${rt.name} ${current.version}을(를) ${rt.version}(으)로 덮어씁니다. 한 호스트에 한 버전만 남습니다.`,
          `Installing ${app.config.name} overwrites ${rt.name} ${current.version}, used by ${current.app}, with ${rt.version}: one host holds one version.`,
        ),
        fix: msg(
          '두 앱을 각자의 런타임을 담은 가상 패키지로 배포하세요.',
          'Deliver both apps as virtual packages, each carrying its own runtime.',
        ),
      });
    }
    runtimeOwner.set(rt.name, { version: rt.version, app: app.config.name });
  }
  for (const [path, value] of Object.entries(pkg.files.toRecord())) host.file.set(path, value);
  for (const [key, value] of Object.entries(pkg.registry.toRecord())) host.registry.set(key, value);
  trace.spend(pkg.files.size + pkg.registry.size);
  trace.emit({
    actor: `host-os:fs`,
    lane: 'host-os',
    kind: 'install',
    op: 'app.install',
    subject: app.config.name,
    detail: `${pkg.files.size} files, ${pkg.registry.size} registry values`,
    note: msg(
      `${app.config.name}을(를) 호스트에 직접 설치했습니다.`,
      `${app.config.name} was installed natively onto the host.`,
    ),
  });
}

function fail(
  run: ApplicationRun,
  app: RunningApp,
  reason: 'runtime-mismatch' | 'missing-file',
  path: string,
  message: Msg,
  fix?: Msg,
): void {
  const { trace } = run;
  app.state.status = 'failed';
  app.state.failure = { reason, path, message };
  trace.emit({
    actor: `app:${app.config.name}`,
    lane: 'app',
    kind: 'fault',
    op: 'app.run',
    subject: app.config.name,
    outcome: 'failed',
    note: message,
    fix,
  });
}

/** Start the app: it loads what it needs, then checks the runtime version it finds in its view. */
function start(run: ApplicationRun, app: RunningApp): void {
  const { trace } = run;
  for (const path of app.config.needs) {
    if (read(run, app, 'file', path, false).layer) continue;
    return fail(
      run,
      app,
      'missing-file',
      path,
      msg(`${path}을(를) 찾을 수 없어 시작하지 못했습니다.`, `It could not find ${path} and did not start.`),
      app.isolation === 'full'
        ? msg(
            'Full 격리는 시스템 DLL도 숨깁니다. 이 경로는 WriteCopy로 두세요.',
            'Full isolation hides system DLLs too: use WriteCopy for this path.',
          )
        : undefined,
    );
  }
  const rt = app.config.runtime;
  if (rt) {
    for (const [kind, path] of [
      ['file', runtimeFile(rt)],
      ['registry', runtimeKey(rt)],
    ] as const) {
      const found = read(run, app, kind, path, false);
      if (found.value === rt.version) continue;
      return fail(
        run,
        app,
        'runtime-mismatch',
        path,
        msg(
          `${rt.name} ${rt.version}이(가) 필요한데 ${found.value === null ? '없습니다' : `${found.value}이(가) 있습니다`} (${found.layer ? LAYER_NOTE[found.layer].ko : '어디에도 없음'}).`,
          `It needs ${rt.name} ${rt.version} but found ${found.value ?? 'none'} (${found.layer ? `in ${LAYER_NOTE[found.layer].en}` : 'nowhere'}).`,
        ),
        msg(
          '런타임을 패키지에 담아 가상화하면 앱마다 자기 버전을 봅니다.',
          'Virtualize the app with its runtime in the package: each app then sees its own version.',
        ),
      );
    }
  }
  app.state.status = 'running';
  app.state.failure = null;
  trace.emit({
    actor: `app:${app.config.name}`,
    lane: 'app',
    kind: 'start',
    op: 'app.run',
    subject: app.config.name,
    outcome: 'ok',
    detail: rt ? `${rt.name} ${rt.version}` : undefined,
  });
}

function requireRunning(run: ApplicationRun, app: RunningApp, op: string): boolean {
  const { trace } = run;
  if (app.state.status === 'running') return true;
  trace.emit({
    actor: `app:${app.config.name}`,
    lane: 'app',
    kind: 'error',
    op,
    subject: app.config.name,
    outcome: 'failed',
    note: msg(
      `${app.config.name}이(가) 실행 중이 아닙니다. 먼저 run 하세요.`,
      `${app.config.name} is not running: run it first.`,
    ),
  });
  return false;
}

/** Paths added or changed (case-insensitively compared, as the layers store them). */
function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  const old = new Map(Object.entries(before).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(after)
    .filter(([k, v]) => old.get(k.toLowerCase()) !== v)
    .map(([k]) => k);
}
