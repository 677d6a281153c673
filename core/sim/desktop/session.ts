import type { Device, Protocol } from './protocol.ts';

/**
 * A user's desktop session: CONNECTED → (network lost) DISCONNECTED, still running with its apps → RECONNECTED
 * (same session, same work, if the user is back before the disconnect timeout) or LOGGED_OFF (the timeout ran
 * out, or the user logged off): open apps close and unsaved work is lost.
 */
export type SessionStatus = 'CONNECTED' | 'DISCONNECTED' | 'RECONNECTED' | 'LOGGED_OFF';

export interface Session {
  state: SessionStatus;
  desktop: string;
  pool: string;
  host: string;
  device: Device;
  protocol: Protocol;
  port: number;
  /** Documents open in apps running on the desktop. */
  apps: string[];
  /** Open documents with changes not yet saved. */
  unsaved: string[];
  /** `lost` once a logoff closed documents with unsaved changes. */
  work: 'kept' | 'lost';
  lostWork: string[];
  /** Saved files a non-persistent desktop discarded at logoff. */
  filesDiscarded: string[];
  startedAt: number;
  disconnectedAt: number | null;
  /** When a disconnected session will be logged off (null: connected, or the timeout is `never`). */
  logoffDue: number | null;
  loggedOffAt: number | null;
  history: { at: number; state: SessionStatus }[];
}

export const isLive = (s: Session | undefined): s is Session => !!s && s.state !== 'LOGGED_OFF';
export const isAttached = (s: Session | undefined): s is Session =>
  !!s && (s.state === 'CONNECTED' || s.state === 'RECONNECTED');

export function moveTo(s: Session, state: SessionStatus, at: number): void {
  s.state = state;
  s.history.push({ at, state });
}
