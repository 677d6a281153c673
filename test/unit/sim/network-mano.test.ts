import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { NetworkState } from '../../../core/sim/network/state.ts';
import { example, validState } from './example-fixture.ts';

const state = (config: unknown) => validState<NetworkState>(config);

describe('network: MANO lifecycle', () => {
  it('NFVO instantiates the service, the VNFM asks the VIM to place each VNF and create its port', () => {
    const s = state(example('network-vnf-heal-scale'));
    expect(s.mano.slice(0, 4).map((m) => `${m.role}:${m.action}`)).toEqual([
      'NFVO:instantiate-ns',
      'VNFM:instantiate',
      'VIM:place',
      'VIM:port',
    ]);
    expect(s.vnfs['edge-nat']).toMatchObject({ kind: 'appliance', form: 'appliance', host: null });
  });

  it('a failed VNF drops packets until the VNFM heals it on another host', () => {
    const s = state(example('network-vnf-heal-scale'));
    expect(s.packets.during).toMatchObject({ outcome: 'dropped', drop: { reason: 'vnf-down', at: 'fw' } });
    expect(s.packets.after.outcome).toBe('delivered');
    const heal = s.mano.findIndex((m) => m.action === 'heal');
    expect(s.mano[heal]).toMatchObject({ role: 'VNFM', vnf: 'fw', outcome: 'ok' });
    expect(s.mano[heal + 1]).toMatchObject({ role: 'VIM', action: 'place', instance: 'fw#1' });
    expect(s.mano[heal + 1].host).not.toBe('nfvi1');
    expect(s.vnfs.fw.instances[0]).toMatchObject({ id: 'fw#1', status: 'running' });
  });

  it('with autoHeal the VNFM heals right after the failure', () => {
    const config = example('network-vnf-heal-scale');
    config.mano = { autoHeal: true };
    config.ops = config.ops.filter((op: object) => !('heal' in op));
    expect(state(config).packets.during.outcome).toBe('delivered');
  });

  it('the hardware appliance can be neither healed nor scaled by software', () => {
    const config = example('network-vnf-heal-scale');
    config.ops = [{ fail: 'edge-nat' }, { heal: 'edge-nat' }, { scale: 'edge-nat', instances: 2 }, config.ops[0]];
    const s = state(config);
    expect(s.mano.filter((m) => m.vnf === 'edge-nat').map((m) => `${m.action}:${m.outcome}`)).toEqual([
      'heal:refused',
      'scale:refused',
    ]);
    expect(s.vnfs['edge-nat'].status).toBe('failed');
    expect(s.packets.a1).toMatchObject({ outcome: 'dropped', drop: { reason: 'vnf-down', at: 'edge-nat' } });
  });

  it('a VIM with no room left refuses to place an instance', () => {
    const config = example('network-vnf-heal-scale');
    config.hosts = [{ name: 'nfvi1', capacity: 1 }];
    config.endpoints[0].host = 'nfvi1';
    config.ops = [{ scale: 'fw', instances: 2 }];
    const s = state(config);
    expect(s.mano.at(-1)).toMatchObject({ role: 'VIM', action: 'place', instance: 'fw#2', outcome: 'refused' });
    expect(s.vnfs.fw.status).toBe('degraded');
  });

  it('property: scaling out moves only the flows the new instance wins; the rest keep their instance', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1024, max: 65535 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (ports, from) => {
          const config = example('network-vnf-heal-scale');
          config.hosts = [
            { name: 'nfvi1', capacity: 8 },
            { name: 'nfvi2', capacity: 8 },
          ];
          config.vnfs[1].instances = from;
          const send = (prefix: string) =>
            ports.map((p) => ({
              send: { name: `${prefix}${p}`, src: '198.51.100.1', dst: '203.0.113.5', sport: p, dport: 443, vlan: 100 },
            }));
          config.ops = [...send('before'), { scale: 'fw', instances: from + 1 }, ...send('after')];
          const s = state(config);
          const inst = (name: string) => s.packets[name].steps.find((x) => x.vnf === 'fw')!.instance;
          for (const p of ports) {
            const moved = s.vnfs.fw.moved.includes(`before${p}`);
            if (moved) expect(inst(`after${p}`)).toBe(`fw#${from + 1}`);
            else expect(inst(`after${p}`)).toBe(inst(`before${p}`));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
