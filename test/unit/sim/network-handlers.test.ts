import { describe, expect, it } from 'vitest';
import { LINKS, classifyAt, depart, linkKind, visit } from '../../../core/sim/network/forwarder.ts';
import { NETWORK_HANDLERS, startNetwork, type NetworkRun } from '../../../core/sim/network/run.ts';
import { networkConfigSchema } from '../../../core/sim/network/schema.ts';
import { Trace } from '../../../core/sim/trace.ts';

/** Each op handler of the network run, and each link and stage of the forwarder, alone. */
function start(extra: Record<string, unknown> = {}): NetworkRun {
  const config = networkConfigSchema.parse({
    target: 'network',
    hosts: [{ name: 'h0' }, { name: 'h1' }],
    segments: [{ name: 't', vlan: 100, vni: 5000 }],
    vnfs: [{ name: 'fw', type: 'firewall', default: 'allow', host: 'h1', instances: 2 }],
    paths: [{ name: 'p', hops: ['fw'] }],
    classifier: { host: 'h0', rules: [{ path: 'p' }] },
    endpoints: [{ name: 'web', ip: '10.0.0.9', vlan: 100, host: 'h1' }],
    ...extra,
  });
  return startNetwork(config, new Trace());
}
const packet = {
  vlan: 100,
  src: '198.51.100.7',
  dst: '10.0.0.9',
  proto: 'tcp',
  sport: 40000,
  dport: 80,
  size: 1400,
} as const;
const flight = (run: NetworkRun, p: Record<string, unknown> = {}) =>
  depart('p1', { ttl: 64, ...packet, ...p }, run.config, run.trace);

describe('network op handlers', () => {
  it('send: the packet crosses the chain and is recorded by name', () => {
    const run = start({ underlay: { mtu: 1600 } });
    NETWORK_HANDLERS.send(run, { send: { name: 'p1', ttl: 64, ...packet } });
    expect(run.packets.p1).toMatchObject({ outcome: 'delivered', hops: ['fw'], deliveredTo: 'web' });
  });

  it('fail: the instance stops; without autoHeal it stays failed', () => {
    const run = start();
    NETWORK_HANDLERS.fail(run, { fail: 'fw', instance: 2 });
    expect(run.vnfs.get('fw')!.instances.map((i) => i.status)).toEqual(['running', 'failed']);
  });

  it('fail: with autoHeal the VNFM heals it at once', () => {
    const run = start({ mano: { autoHeal: true } });
    NETWORK_HANDLERS.fail(run, { fail: 'fw', instance: 1 });
    expect(run.vnfs.get('fw')!.instances.map((i) => i.status)).toEqual(['running', 'running']);
  });

  it('heal: a failed instance runs again', () => {
    const run = start();
    NETWORK_HANDLERS.fail(run, { fail: 'fw', instance: 1 });
    NETWORK_HANDLERS.heal(run, { heal: 'fw', instance: 1 });
    expect(run.vnfs.get('fw')!.instances[0].status).toBe('running');
  });

  it('scale: the VNF gets the asked number of instances', () => {
    const run = start();
    NETWORK_HANDLERS.scale(run, { scale: 'fw', instances: 4 });
    expect(run.vnfs.get('fw')!.instances).toHaveLength(4);
    NETWORK_HANDLERS.scale(run, { scale: 'fw', instances: 1 });
    expect(run.vnfs.get('fw')!.instances).toHaveLength(1);
  });
});

describe('forwarder links and stages', () => {
  it('picks the link by where the packet is and where it goes', () => {
    expect(linkKind('h0', 'h0')).toBe('vswitch');
    expect(linkKind('h0', 'h1')).toBe('vxlan');
    expect(linkKind('h0', 'appliance:fw')).toBe('wire');
    expect(linkKind('h1', 'uplink')).toBe('wire');
  });

  it('vswitch: stays on the host', () => {
    const f = flight(start());
    expect(LINKS.vswitch(f, 'h0', 'fw')).toBe(true);
    expect(f.loc).toBe('h0');
    expect(f.trace.events.at(-1)).toMatchObject({ kind: 'forward', lane: 'network' });
  });

  it('wire: moves over the physical trunk', () => {
    const f = flight(start());
    expect(LINKS.wire(f, 'appliance:fw')).toBe(true);
    expect(f.loc).toBe('appliance:fw');
    expect(f.trace.events.at(-1)).toMatchObject({ kind: 'transmit', lane: 'hardware' });
  });

  it('vxlan: tunnels with the VLAN’s VNI when the underlay MTU has room', () => {
    const f = flight(start({ underlay: { mtu: 1600 } }));
    expect(LINKS.vxlan(f, 'h1')).toBe(true);
    expect(f.loc).toBe('h1');
    expect(f.state.vxlan).toEqual([{ from: 'h0', to: 'h1', vni: 5000, outer: 1450, fragments: 1 }]);
  });

  it('vxlan: drops what the encapsulation pushes past the MTU', () => {
    const f = flight(start(), { size: 1460 });
    expect(LINKS.vxlan(f, 'h1')).toBe(false);
    expect(f.state.drop).toMatchObject({ reason: 'mtu-exceeded', at: 'vtep:h0' });
  });

  it('vxlan: drops a VLAN with no segment', () => {
    const f = flight(start(), { vlan: 200 });
    expect(LINKS.vxlan(f, 'h1')).toBe(false);
    expect(f.state.drop).toMatchObject({ reason: 'no-overlay' });
  });

  it('classify: no matching rule drops the packet as unclassified', () => {
    const run = start({ classifier: { rules: [{ match: { dport: 22 }, path: 'p' }] } });
    const f = flight(run);
    expect(classifyAt(f)).toBeUndefined();
    expect(f.state.drop).toMatchObject({ reason: 'unclassified', at: 'classifier' });
  });

  it('visit: a function with no running instance drops the packet', () => {
    const run = start({ underlay: { mtu: 1600 } });
    NETWORK_HANDLERS.fail(run, { fail: 'fw', instance: 1 });
    NETWORK_HANDLERS.fail(run, { fail: 'fw', instance: 2 });
    const f = flight(run);
    expect(visit(f, run.vnfs.get('fw')!)).toBe(false);
    expect(f.state).toMatchObject({ hops: ['fw'], drop: { reason: 'vnf-down', at: 'fw' } });
  });

  it('visit: the function handles the packet on the host of the instance its flow hashes to', () => {
    const run = start({ underlay: { mtu: 1600 } });
    const f = flight(run);
    expect(visit(f, run.vnfs.get('fw')!)).toBe(true);
    const [step] = f.state.steps;
    expect(step).toMatchObject({ vnf: 'fw', action: 'allow' });
    expect(f.loc).toBe(step.host);
    expect(run.vnfs.get('fw')!.flows.get('p1')?.instance).toBe(step.instance);
  });
});
