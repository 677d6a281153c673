import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../core/sim/simulate.ts';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import type { NetworkState } from '../../../core/sim/network/state.ts';
import { example } from './example-fixture.ts';

const run = (config: unknown) => {
  const r = simulate(config);
  return { ...r, state: r.state as NetworkState };
};

describe('network: service function chains', () => {
  it('firewall → load balancer: web flows reach a backend, SSH is denied by the named rule', () => {
    const r = run(example('network-firewall-lb-chain'));
    expect(r.errors).toEqual([]);
    const { p1, p2, p3 } = r.state.packets;
    for (const p of [p1, p2]) {
      expect(p.outcome).toBe('delivered');
      expect(p.hops).toEqual(['fw1', 'lb1']);
      expect(['10.0.1.11', '10.0.1.12']).toContain(p.final.dst);
      expect(p.final.dst).toBe(p.backend);
      expect(p.final.dport).toBe(8080);
      expect(p.vxlan).toEqual([{ from: 'nfvi1', to: 'nfvi2', vni: 10100, outer: 1450, fragments: 1 }]);
    }
    expect(p3).toMatchObject({
      outcome: 'dropped',
      hops: ['fw1'],
      drop: { reason: 'firewall-deny', at: 'fw1', rule: 'deny-ssh' },
    });
    expect(p3.drop!.message.ko).toMatch(/deny-ssh/);
    const lanes = r.events.filter((e) => e.subject === 'p1').map((e) => `${e.lane}:${e.kind}`);
    expect(lanes).toEqual([
      'network:ingress',
      'network:classify',
      'network:forward',
      'guest:firewall',
      'network:encap',
      'network:decap',
      'container:loadbalancer',
      'network:forward',
      'guest:deliver',
    ]);
  });

  it('flow affinity: the same 5-tuple sent again reaches the same backend', () => {
    const config = example('network-firewall-lb-chain');
    const again = config.ops.map((op: { send: { name: string } }) => ({
      send: { ...op.send, name: `${op.send.name}again` },
    }));
    config.ops.push(...again);
    const { packets } = run(config).state;
    expect(packets.p1again.backend).toBe(packets.p1.backend);
    expect(packets.p2again.backend).toBe(packets.p2.backend);
  });

  it('an unclassified packet is dropped at the classifier', () => {
    const config = example('network-firewall-lb-chain');
    config.ops = [{ send: { name: 'x', src: '10.9.9.9', dst: '10.9.9.10' } }];
    expect(run(config).state.packets.x).toMatchObject({
      outcome: 'dropped',
      hops: [],
      drop: { reason: 'unclassified', at: 'classifier' },
    });
  });

  it('is deterministic', () => {
    expect(simulate(example('network-vnf-heal-scale'))).toEqual(simulate(example('network-vnf-heal-scale')));
  });
});

describe('network: VXLAN MTU and VLAN isolation', () => {
  it('a 1500-byte packet over a 1500 MTU underlay is dropped by the VTEP; 1400 passes', () => {
    const { big, small } = run(example('network-vxlan-mtu')).state.packets;
    expect(big).toMatchObject({ outcome: 'dropped', drop: { reason: 'mtu-exceeded', at: 'vtep:nfvi1' } });
    expect(big.drop!.message.en).toContain('1550');
    expect(small).toMatchObject({ outcome: 'delivered', deliveredTo: 'blue-db' });
  });

  it('with a fragmenting underlay the big packet arrives in two fragments; with MTU 1600 in one', () => {
    const frag = example('network-vxlan-mtu');
    frag.underlay = { mtu: 1500, oversize: 'fragment' };
    expect(run(frag).state.packets.big).toMatchObject({ outcome: 'delivered', vxlan: [{ outer: 1550, fragments: 2 }] });
    const jumbo = example('network-vxlan-mtu');
    jumbo.underlay = { mtu: 1600 };
    expect(run(jumbo).state.packets.big).toMatchObject({
      outcome: 'delivered',
      vxlan: [{ outer: 1550, fragments: 1 }],
    });
  });

  it('no packet crosses VLANs without the router', () => {
    const { cross, routed } = run(example('network-vxlan-mtu')).state.packets;
    expect(cross).toMatchObject({ outcome: 'dropped', drop: { reason: 'vlan-mismatch', at: 'green-db' } });
    expect(routed).toMatchObject({ outcome: 'delivered', deliveredTo: 'green-db', vlans: [100, 200], hops: ['r1'] });
    expect(routed.final.ttl).toBe(63);
  });

  it('property: whatever the chain, a delivered packet changes VLAN only where a router is on its path', () => {
    const vlan = fc.constantFrom(100, 200, 300);
    const vnf = fc.oneof(
      fc.record({
        type: fc.constant('switch'),
        port: fc.oneof(
          vlan.map((v) => ({ vlan: v })),
          fc.constant({ trunk: 'all' }),
        ),
      }),
      fc.record({
        type: fc.constant('router'),
        port: fc.constant({ trunk: 'all' }),
        routes: fc.constant([
          { dst: '10.0.0.0/16', vlan: 200 },
          { dst: '10.1.0.0/16', vlan: 300 },
        ]),
      }),
      fc.record({ type: fc.constant('firewall'), port: vlan.map((v) => ({ vlan: v })), default: fc.constant('allow') }),
    );
    fc.assert(
      fc.property(
        fc.array(vnf, { minLength: 1, maxLength: 5 }),
        vlan,
        vlan,
        fc.boolean(),
        (vnfs, start, dstVlan, twoHosts) => {
          const config = {
            target: 'network',
            hosts: [{ name: 'h1' }, { name: 'h2' }],
            underlay: { mtu: 1600 },
            segments: [100, 200, 300].map((v) => ({ name: `s${v}`, vlan: v, vni: 5000 + v })),
            vnfs: vnfs.map((v, i) => ({ ...v, name: `v${i}`, host: twoHosts && i % 2 ? 'h2' : 'h1' })),
            paths: [{ name: 'p', hops: vnfs.map((_, i) => `v${i}`) }],
            classifier: { rules: [{ match: {}, path: 'p' }] },
            endpoints: [{ name: 'dst', ip: '10.0.0.9', vlan: dstVlan, host: 'h2' }],
            ops: [{ send: { name: 'x', src: '10.1.0.1', dst: '10.0.0.9', vlan: start } }],
          };
          const r = run(config);
          expect(r.errors).toEqual([]);
          const x = r.state.packets.x;
          const routers = x.steps.filter((s) => s.action === 'route').length;
          if (x.outcome === 'delivered') {
            expect(x.vlans.length - 1).toBeLessThanOrEqual(routers);
            expect(x.final.vlan).toBe(dstVlan);
            if (routers === 0) expect(x.vlans).toEqual([start]);
          } else {
            expect(x.drop!.reason).toBe('vlan-mismatch');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('network: configuration errors and limits', () => {
  it('reports unknown names with their path in both languages, never throws', () => {
    const config = example('network-firewall-lb-chain');
    config.paths[0].hops.push('ids9');
    config.vnfs[0].host = 'nowhere';
    const r = simulate(config);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['paths[0].hops[2]', 'vnfs[0].host']);
    for (const e of r.errors) expect(e.message.ko).not.toBe(e.message.en);
  });

  it('rejects a VNI outside 24 bits and a VLAN outside 1..4094 by schema', () => {
    const config = example('network-vxlan-mtu');
    config.segments[0].vni = 16_777_216;
    config.segments[1].vlan = 4095;
    const r = simulate(config);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['segments[0].vni', 'segments[1].vlan']);
  });

  it('explains a bad VNF type, address or op in both languages', () => {
    const config = example('network-firewall-lb-chain');
    config.vnfs[1].type = 'balancer';
    config.ops = [{ send: { name: 'x', src: '10.0.0', dst: '10.0.0.1' } }, { scale: 'fw1' }];
    const r = simulate(config);
    expect(r.errors.map((e) => e.path)).toEqual(['vnfs[1].type', 'ops[0].send.src', 'ops[1]']);
    expect(r.errors[0].message.ko).toContain('loadbalancer');
    expect(r.errors[1].message.en).toContain('IPv4');
    expect(r.errors[2].message.en).toMatch(/^scale operation, instances/);
  });

  it('an appliance cannot be placed on an NFVI host', () => {
    const config = example('network-vnf-heal-scale');
    config.vnfs[0].host = 'nfvi1';
    expect(simulate(config).errors[0].path).toBe('vnfs[0]');
  });

  it('stops at the work limit with an issue instead of running on', () => {
    const r = simulate(example('network-firewall-lb-chain'), { limits: { ...SIM_LIMITS, maxEvents: 10 } });
    expect(r.ok).toBe(false);
    expect(r.errors[0].message.en).toMatch(/at most 10 trace events/);
  });
});
