import { msg, type Msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { appOf } from './check.ts';
import { READ_ORDER, WRITE_TO, type Isolation, type LayerName } from './isolation.ts';
import { Layer } from './layer.ts';
import { buildPackage, runtimeFile, runtimeKey, type AppPackage } from './package.ts';
import type { AppConfig, AppOp, ApplicationConfig } from './schema.ts';
import type { Access, AppState, ApplicationState, Kind } from './state.ts';

interface RunningApp {
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

/**
 * Application virtualization: apps packaged with their files, registry and runtime run in isolation (merged,
 * writecopy, full) through a virtual file system and registry, beside apps installed natively on the host.
 * Lanes: `app` for the application, `vmm` for the virtualization client (its VFS and virtual registry), `host-os`
 * for the real file system and registry.
 */
export function runApplication(c: ApplicationConfig, trace: Trace): ApplicationState {
  const host = { file: new Layer(c.host.files), registry: new Layer(c.host.registry) };
  const initial = { file: host.file.toRecord(), registry: host.registry.toRecord() };
  /** Which app put each machine-wide runtime on the host ('host' when it was there before). */
  const runtimeOwner = new Map<string, { version: string; app: string }>();
  const conflicts: ApplicationState['conflicts'] = [];
  const apps = new Map<string, RunningApp>();

  const layerOf = (app: RunningApp, kind: Kind, name: LayerName): Layer | undefined =>
    name === 'host' ? host[kind] : name === 'sandbox' ? app.sandbox[kind] : app.pkg?.[kind === 'file' ? 'files' : 'registry'];

  /** Resolve a read through the app's view: sandbox → package → host, or the host alone for a native app. */
  const read = (app: RunningApp, kind: Kind, path: string, record: boolean): Access => {
    const order = app.isolation ? READ_ORDER[app.isolation] : (['host'] as const);
    const op = kind === 'file' ? 'file.read' : 'registry.read';
    trace.emit({ actor: `app:${app.config.name}`, lane: 'app', kind: 'syscall', op, subject: app.config.name, detail: path });
    const misses: LayerName[] = [];
    let hit: Access = { kind, path, layer: null, value: null };
    for (const name of order) {
      trace.spend(1);
      const value = layerOf(app, kind, name)?.get(path);
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
      trace.emit({ actor: `host-os:${kind === 'file' ? 'fs' : 'registry'}`, lane: 'host-os', kind: 'io', op, subject: app.config.name, detail: path, outcome: hit.layer ? 'ok' : 'failed' });
    }
    if (record) app.state.reads.push(hit);
    return hit;
  };

  const write = (app: RunningApp, kind: Kind, path: string, value: string) => {
    const op = kind === 'file' ? 'file.write' : 'registry.write';
    const to = app.isolation ? WRITE_TO[app.isolation] : 'host';
    trace.emit({ actor: `app:${app.config.name}`, lane: 'app', kind: 'syscall', op, subject: app.config.name, detail: path });
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
            ? msg(`쓰기를 ${app.config.name}의 샌드박스로 돌렸습니다. 호스트는 그대로입니다.`, `The write was redirected to ${app.config.name}'s sandbox; the host is untouched.`)
            : msg('Merged 모드라 실제 호스트에 씁니다.', 'Merged mode: it writes to the real host.'),
      });
    }
    (to === 'host' ? host : app.sandbox)[kind].set(path, value);
    if (to === 'host') trace.emit({ actor: `host-os:${kind === 'file' ? 'fs' : 'registry'}`, lane: 'host-os', kind: 'io', op, subject: app.config.name, detail: path });
    app.state.writes.push({ kind, path, layer: to, value });
  };

  /** Native install: the installer writes everything onto the host, overwriting any other version of the runtime. */
  const install = (app: RunningApp) => {
    const pkg = buildPackage(app.config);
    const rt = app.config.runtime;
    if (rt) {
      const onHost = host.file.get(runtimeFile(rt));
      const current = runtimeOwner.get(rt.name) ?? (onHost === undefined ? undefined : { version: onHost, app: 'host' });
      if (current && current.version !== rt.version) {
        conflicts.push({ runtime: rt.name, versions: [current.version, rt.version], apps: [current.app, app.config.name] });
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
          fix: msg('두 앱을 각자의 런타임을 담은 가상 패키지로 배포하세요.', 'Deliver both apps as virtual packages, each carrying its own runtime.'),
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
      note: msg(`${app.config.name}을(를) 호스트에 직접 설치했습니다.`, `${app.config.name} was installed natively onto the host.`),
    });
  };

  const fail = (app: RunningApp, reason: 'runtime-mismatch' | 'missing-file', path: string, message: Msg, fix?: Msg) => {
    app.state.status = 'failed';
    app.state.failure = { reason, path, message };
    trace.emit({ actor: `app:${app.config.name}`, lane: 'app', kind: 'fault', op: 'app.run', subject: app.config.name, outcome: 'failed', note: message, fix });
  };

  /** Start the app: it loads what it needs, then checks the runtime version it finds in its view. */
  const start = (app: RunningApp) => {
    for (const path of app.config.needs) {
      if (read(app, 'file', path, false).layer) continue;
      return fail(
        app,
        'missing-file',
        path,
        msg(`${path}을(를) 찾을 수 없어 시작하지 못했습니다.`, `It could not find ${path} and did not start.`),
        app.isolation === 'full'
          ? msg('Full 격리는 시스템 DLL도 숨깁니다. 이 경로는 WriteCopy로 두세요.', 'Full isolation hides system DLLs too: use WriteCopy for this path.')
          : undefined,
      );
    }
    const rt = app.config.runtime;
    if (rt) {
      for (const [kind, path] of [['file', runtimeFile(rt)], ['registry', runtimeKey(rt)]] as const) {
        const found = read(app, kind, path, false);
        if (found.value === rt.version) continue;
        return fail(
          app,
          'runtime-mismatch',
          path,
          msg(
            `${rt.name} ${rt.version}이(가) 필요한데 ${found.value === null ? '없습니다' : `${found.value}이(가) 있습니다`} (${found.layer ? LAYER_NOTE[found.layer].ko : '어디에도 없음'}).`,
            `It needs ${rt.name} ${rt.version} but found ${found.value ?? 'none'} (${found.layer ? `in ${LAYER_NOTE[found.layer].en}` : 'nowhere'}).`,
          ),
          msg('런타임을 패키지에 담아 가상화하면 앱마다 자기 버전을 봅니다.', 'Virtualize the app with its runtime in the package: each app then sees its own version.'),
        );
      }
    }
    app.state.status = 'running';
    app.state.failure = null;
    trace.emit({ actor: `app:${app.config.name}`, lane: 'app', kind: 'start', op: 'app.run', subject: app.config.name, outcome: 'ok', detail: rt ? `${rt.name} ${rt.version}` : undefined });
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
    apps.set(config.name, app);
    if (pkg) {
      trace.emit({
        actor: `vfs:${config.name}`,
        lane: 'vmm',
        kind: 'publish',
        op: 'app.publish',
        subject: config.name,
        detail: `${pkg.files.size} files, ${pkg.registry.size} registry values, ${isolation}`,
        note: msg(`${config.name} 패키지를 게시했습니다. 호스트에는 아무것도 설치하지 않습니다.`, `Published the ${config.name} package; nothing is installed on the host.`),
      });
    } else install(app);
  }

  const requireRunning = (app: RunningApp, op: string): boolean => {
    if (app.state.status === 'running') return true;
    trace.emit({
      actor: `app:${app.config.name}`,
      lane: 'app',
      kind: 'error',
      op,
      subject: app.config.name,
      outcome: 'failed',
      note: msg(`${app.config.name}이(가) 실행 중이 아닙니다. 먼저 run 하세요.`, `${app.config.name} is not running: run it first.`),
    });
    return false;
  };

  c.ops.forEach((op: AppOp, step) => {
    trace.step = step;
    if ('run' in op) return start(apps.get(op.run)!);
    const app = apps.get(appOf(op)[1])!;
    if ('read' in op) requireRunning(app, 'file.read') && read(app, 'file', op.path, true);
    else if ('write' in op) requireRunning(app, 'file.write') && write(app, 'file', op.path, op.content);
    else if ('regRead' in op) requireRunning(app, 'registry.read') && read(app, 'registry', op.key, true);
    else requireRunning(app, 'registry.write') && write(app, 'registry', op.key, op.value);
  });

  const files = host.file.toRecord();
  const registry = host.registry.toRecord();
  const changed = [
    ...diff(initial.file, files),
    ...diff(initial.registry, registry),
  ];
  return {
    host: { files, registry, unchanged: changed.length === 0, changed },
    apps: Object.fromEntries(
      [...apps].map(([name, a]) => [
        name,
        {
          ...a.state,
          package: a.pkg ? { files: a.pkg.files.toRecord(), registry: a.pkg.registry.toRecord() } : null,
          sandbox: { files: a.sandbox.file.toRecord(), registry: a.sandbox.registry.toRecord() },
        },
      ]),
    ),
    conflicts,
  };
}

/** Paths added or changed (case-insensitively compared, as the layers store them). */
function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  const old = new Map(Object.entries(before).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(after)
    .filter(([k, v]) => old.get(k.toLowerCase()) !== v)
    .map(([k]) => k);
}
