import type { BrokerDecision } from './broker.ts';
import type { Desktop, HostUsage } from './pool.ts';
import type { Device } from './protocol.ts';
import type { Session } from './session.ts';

/** The final state of a desktop run, records keyed by name: `sessions.alice.state`, `desktops.pool-1.files`. */
export interface DesktopState {
  /** Simulated time (seconds) when the run ended. */
  clock: number;
  sessions: Record<string, Session>;
  desktops: Record<string, Desktop>;
  hosts: Record<
    string,
    HostUsage & { capacity: { desktops: number | null; vcpus: number | null; memoryGb: number | null } }
  >;
  /** Nothing is stored on the client: `storage` is always 0, every file lands on a desktop's disk. */
  clients: Record<string, { device: Device; link: 'up' | 'down'; storage: 0 }>;
  broker: { status: 'up' | 'down'; decisions: BrokerDecision[] };
}
