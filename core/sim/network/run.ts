import { msg } from '../../i18n.ts';
import { dispatch, type OpHandlers } from '../op-union.ts';
import type { Trace } from '../trace.ts';
import { forward } from './forwarder.ts';
import { Mano, laneOf, type VnfRuntime } from './mano.ts';
import { NETWORK_OP_KINDS, type NetworkConfig, type NetworkOp, type NetworkOpKind } from './schema.ts';
import type { NetworkState, PacketState } from './state.ts';
import { describePort } from './vswitch.ts';

/** Everything a network run holds between two ops: what each handler reads and changes. */
export interface NetworkRun {
  config: NetworkConfig;
  trace: Trace;
  vnfs: Map<string, VnfRuntime>;
  mano: Mano;
  packets: Record<string, PacketState>;
}

/** MANO instantiates every VNF (setup, step -1). */
export function startNetwork(config: NetworkConfig, trace: Trace): NetworkRun {
  const vnfs = new Map<string, VnfRuntime>(
    config.vnfs.map((v) => [
      v.name,
      { config: v, kind: v.form === 'appliance' ? 'appliance' : 'vnf', instances: [], flows: new Map(), moved: [] },
    ]),
  );
  const mano = new Mano(config.hosts, vnfs, trace);
  mano.instantiate();
  return { config, trace, vnfs, mano, packets: {} };
}

type Handlers = OpHandlers<NetworkRun, NetworkOp, NetworkOpKind>;

/** One handler per op. */
export const NETWORK_HANDLERS = {
  send(run, op) {
    const { name, ...packet } = op.send;
    run.packets[name] = forward(name, packet, run.config, run.vnfs, run.trace);
  },
  /** An instance crashes; with `mano.autoHeal` the VNFM heals a VNF (never an appliance) right away. */
  fail(run, op) {
    const vnf = run.vnfs.get(op.fail)!;
    const inst = run.mano.fail(vnf, op.instance);
    run.trace.emit({
      actor: `vnf:${inst?.id ?? op.fail}`,
      lane: laneOf(vnf),
      kind: 'fault',
      op: 'vnf.fail',
      subject: op.fail,
      outcome: 'failed',
      note: inst
        ? msg(`${inst.id}이(가) 멈췄습니다.`, `${inst.id} crashed.`)
        : msg(`${op.fail}에는 인스턴스 ${op.instance}이(가) 없습니다.`, `${op.fail} has no instance ${op.instance}.`),
    });
    if (inst && run.config.mano.autoHeal && vnf.kind === 'vnf') run.mano.heal(vnf, op.instance);
  },
  heal: (run, op) => run.mano.heal(run.vnfs.get(op.heal)!, op.instance),
  scale: (run, op) => run.mano.scale(run.vnfs.get(op.scale)!, op.instances),
} satisfies Handlers;

/** Run one op through its handler. */
export const step = (run: NetworkRun, op: NetworkOp): void => dispatch(NETWORK_OP_KINDS, NETWORK_HANDLERS, run, op);

/**
 * The `network` target's run: MANO instantiates every VNF, then the ops send packets through the service chains and
 * fail, heal or scale VNFs.
 */
export function runNetwork(config: NetworkConfig, trace: Trace): NetworkState {
  const run = startNetwork(config, trace);
  config.ops.forEach((op, i) => {
    trace.step = i;
    step(run, op);
  });
  return networkState(run);
}

export function networkState(run: NetworkRun): NetworkState {
  return {
    hosts: Object.fromEntries(
      run.config.hosts.map((h) => {
        const ids = [...run.vnfs.values()].flatMap((v) =>
          v.instances.filter((i) => i.host === h.name && i.status === 'running').map((i) => i.id),
        );
        return [h.name, { capacity: h.capacity, used: ids.length, instances: ids }];
      }),
    ),
    vnfs: Object.fromEntries(
      [...run.vnfs.values()].map((v) => {
        const running = v.instances.filter((i) => i.status === 'running');
        const status = running.length === v.instances.length ? 'running' : running.length ? 'degraded' : 'failed';
        return [
          v.config.name,
          {
            type: v.config.type,
            kind: v.kind,
            form: v.config.form,
            status,
            host: running[0]?.host ?? null,
            port: describePort(v.config.port),
            instances: v.instances.map((i) => ({ ...i })),
            moved: v.moved,
          },
        ];
      }),
    ),
    packets: run.packets,
    mano: run.mano.log,
  };
}
