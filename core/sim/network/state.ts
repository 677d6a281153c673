import type { Msg } from '../../i18n.ts';
import type { ManoEntry } from './mano.ts';
import type { Packet } from './packet.ts';
import type { DropReason, VnfType } from './vnf.ts';

/**
 * The final state of a network run, records keyed by name: `vnfs.fw1.status`, `packets.p1.outcome`, `hosts.h1.used`.
 */
export interface NetworkState {
  hosts: Record<string, { capacity: number; used: number; instances: string[] }>;
  vnfs: Record<
    string,
    {
      type: VnfType;
      kind: 'vnf' | 'appliance';
      form: 'vm' | 'container' | 'appliance';
      status: 'running' | 'degraded' | 'failed';
      /** Host of the first running instance (null for an appliance or when none runs). */
      host: string | null;
      port: string;
      instances: { id: string; host: string | null; status: string }[];
      /** Packets whose flow moved to another instance at the last scaling. */
      moved: string[];
    }
  >;
  packets: Record<string, PacketState>;
  mano: ManoEntry[];
}

/** What happened to one packet: the grader reads `packets.<name>.outcome`, `.hops`, `.final.dst`, `.drop.reason`… */
export interface PacketState {
  outcome: 'delivered' | 'dropped';
  classifierRule: string | null;
  path: string | null;
  /** The service functions that handled the packet, in order (the one that dropped it included). */
  hops: string[];
  steps: { vnf: string; instance: string; host: string | null; action: string; rule: string | null }[];
  final: Packet;
  /** An endpoint name, or `external` for an address beyond the uplink. */
  deliveredTo: string | null;
  drop: { reason: DropReason; at: string; rule: string | null; message: Msg } | null;
  backend: string | null;
  tags: string[];
  /** VLANs the packet was carried on, in order: more than one only through a router. */
  vlans: number[];
  vxlan: { from: string; to: string; vni: number; outer: number; fragments: number }[];
}
