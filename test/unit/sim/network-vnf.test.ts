import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyFunction, type VnfFunction } from '../../../core/sim/network/vnf.ts';
import { inPrefix, type Packet } from '../../../core/sim/network/packet.ts';
import { encapsulate } from '../../../core/sim/network/vxlan.ts';
import { admits } from '../../../core/sim/network/vswitch.ts';

const pkt = (over: Partial<Packet> = {}): Packet => ({
  src: '198.51.100.7',
  dst: '203.0.113.10',
  proto: 'tcp',
  sport: 40000,
  dport: 80,
  size: 1000,
  ttl: 64,
  ...over,
});

describe('network functions are pure packet → packet | drop', () => {
  const fw: VnfFunction = {
    type: 'firewall',
    rules: [
      { name: 'deny-admin', action: 'deny', match: { dport: [8000, 8999] } },
      { action: 'allow', match: { proto: 'tcp', dst: '203.0.113.0/24' } },
    ],
    default: 'deny',
  };

  it('firewall: first match wins and names the rule; no match falls to the default', () => {
    const admin = applyFunction(fw, pkt({ dport: 8080 }));
    expect(admin).toMatchObject({ verdict: 'drop', reason: 'firewall-deny', rule: 'deny-admin' });
    expect(applyFunction(fw, pkt())).toMatchObject({ verdict: 'forward', action: 'allow', rule: 'rules[1]' });
    expect(applyFunction(fw, pkt({ proto: 'udp' }))).toMatchObject({ verdict: 'drop', rule: 'default' });
  });

  it('firewall never changes the packet it forwards', () => {
    const p = pkt();
    const d = applyFunction(fw, p);
    expect(d.verdict === 'forward' && d.packet).toEqual(p);
  });

  it('router: longest prefix picks the VLAN, TTL drops by one and expires at 1', () => {
    const r: VnfFunction = {
      type: 'router',
      routes: [
        { dst: '10.0.0.0/8', vlan: 100 },
        { dst: '10.0.2.0/24', vlan: 200 },
      ],
    };
    expect(applyFunction(r, pkt({ dst: '10.0.2.9', ttl: 5 }))).toMatchObject({
      verdict: 'forward',
      packet: { vlan: 200, ttl: 4 },
    });
    expect(applyFunction(r, pkt({ dst: '10.9.0.1' }))).toMatchObject({ packet: { vlan: 100 } });
    expect(applyFunction(r, pkt({ dst: '192.168.0.1' }))).toMatchObject({ verdict: 'drop', reason: 'no-route' });
    expect(applyFunction(r, pkt({ dst: '10.0.2.9', ttl: 1 }))).toMatchObject({
      verdict: 'drop',
      reason: 'ttl-expired',
    });
  });

  it('NAT rewrites source and destination', () => {
    const d = applyFunction({ type: 'nat', snat: '100.64.0.1', dnat: { ip: '10.0.0.5', port: 8443 } }, pkt());
    expect(d).toMatchObject({
      verdict: 'forward',
      packet: { src: '100.64.0.1', sport: 40000, dst: '10.0.0.5', dport: 8443 },
    });
  });

  it('load balancer: the same 5-tuple always picks the same backend, and flows spread over all of them', () => {
    const lb: VnfFunction = { type: 'loadbalancer', backends: ['10.0.1.1', '10.0.1.2', '10.0.1.3'] };
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 1, max: 254 }), (sport, last) => {
        const p = pkt({ sport, src: `198.51.100.${last}` });
        const a = applyFunction(lb, p);
        const b = applyFunction(lb, { ...p });
        expect(a.verdict === 'forward' && a.backend).toBe(b.verdict === 'forward' && b.backend);
        if (a.verdict === 'forward') seen.add(a.backend!);
      }),
    );
    expect(seen.size).toBe(3);
  });

  it('DPI tags or blocks by payload signature', () => {
    const dpi: VnfFunction = {
      type: 'dpi',
      signatures: [
        { name: 'sqli', contains: "' OR 1=1", action: 'drop' },
        { name: 'http', contains: 'GET ', action: 'tag' },
      ],
    };
    expect(applyFunction(dpi, pkt({ payload: "GET /?id=' OR 1=1" }))).toMatchObject({
      verdict: 'drop',
      reason: 'dpi-block',
      rule: 'sqli',
    });
    expect(applyFunction(dpi, pkt({ payload: 'GET /' }))).toMatchObject({ verdict: 'forward', tag: 'http' });
    expect(applyFunction(dpi, pkt())).toMatchObject({ verdict: 'forward', action: 'inspect' });
  });
});

describe('vswitch ports, prefixes and VXLAN', () => {
  it('access ports pass only their VLAN (or untagged); trunks their list', () => {
    expect(admits({ vlan: 100 }, 100)).toBe(true);
    expect(admits({ vlan: 100 }, undefined)).toBe(true);
    expect(admits({ vlan: 100 }, 200)).toBe(false);
    expect(admits({ trunk: [100, 300] }, 300)).toBe(true);
    expect(admits({ trunk: [100, 300] }, 200)).toBe(false);
    expect(admits({ trunk: 'all' }, 4094)).toBe(true);
  });

  it('prefixes', () => {
    expect(inPrefix('10.0.2.9', '10.0.2.0/24')).toBe(true);
    expect(inPrefix('10.0.3.9', '10.0.2.0/24')).toBe(false);
    expect(inPrefix('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inPrefix('1.2.3.4', '1.2.3.4')).toBe(true);
  });

  it('VXLAN adds 50 bytes: 1500 does not fit a 1500 MTU, 1450 does; fragmenting splits it', () => {
    expect(encapsulate(1500, 1500, 'drop')).toEqual({ ok: false, outer: 1550 });
    expect(encapsulate(1450, 1500, 'drop')).toEqual({ ok: true, outer: 1500, fragments: 1 });
    expect(encapsulate(1500, 1600, 'drop')).toEqual({ ok: true, outer: 1550, fragments: 1 });
    expect(encapsulate(1500, 1500, 'fragment')).toEqual({ ok: true, outer: 1550, fragments: 2 });
  });
});
