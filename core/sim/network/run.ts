import { msg } from '../../i18n.ts';
import type { Trace } from '../trace.ts';
import { forward } from './forwarder.ts';
import { Mano, laneOf, type VnfRuntime } from './mano.ts';
import type { NetworkConfig } from './schema.ts';
import type { NetworkState, PacketState } from './state.ts';
import { describePort } from './vswitch.ts';

/**
 * The `network` target's run: MANO instantiates every VNF, then the ops send packets through the service chains and
 * fail, heal or scale VNFs.
 */
export function runNetwork(c: NetworkConfig, trace: Trace): NetworkState {
  const vnfs = new Map<string, VnfRuntime>(
    c.vnfs.map((v) => [v.name, { config: v, kind: v.form === 'appliance' ? 'appliance' : 'vnf', instances: [], flows: new Map(), moved: [] }]),
  );
  const mano = new Mano(c.hosts, vnfs, trace);
  mano.instantiate();
  const packets: Record<string, PacketState> = {};
  c.ops.forEach((op, step) => {
    trace.step = step;
    if ('send' in op) {
      const { name, ...packet } = op.send;
      packets[name] = forward(name, packet, c, vnfs, trace);
    } else if ('fail' in op) {
      const vnf = vnfs.get(op.fail)!;
      const inst = mano.fail(vnf, op.instance);
      trace.emit({
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
      if (inst && c.mano.autoHeal && vnf.kind === 'vnf') mano.heal(vnf, op.instance);
    } else if ('heal' in op) {
      mano.heal(vnfs.get(op.heal)!, op.instance);
    } else {
      mano.scale(vnfs.get(op.scale)!, op.instances);
    }
  });
  return {
    hosts: Object.fromEntries(
      c.hosts.map((h) => {
        const ids = [...vnfs.values()].flatMap((v) => v.instances.filter((i) => i.host === h.name && i.status === 'running').map((i) => i.id));
        return [h.name, { capacity: h.capacity, used: ids.length, instances: ids }];
      }),
    ),
    vnfs: Object.fromEntries(
      [...vnfs.values()].map((v) => {
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
    packets,
    mano: mano.log,
  };
}
