/**
 * What the connection indicator says, derived from plain facts about the socket and the browser.
 * Pure, so the one rule table is unit-tested (connectionStatus.test.ts) apart from y-websocket.
 */
export type ConnectionStatus =
  /** First connection attempt, nothing synced yet. */
  | 'connecting'
  /** Socket open, waiting for the server's state. */
  | 'syncing'
  /** Socket open and in sync: edits go out as they happen. */
  | 'live'
  /** The browser reports no network. Edits are kept on this device. */
  | 'offline'
  /** Lost the server after having synced (shutdown, network blip); retrying with backoff. */
  | 'reconnecting'
  /** The server ended the session (4401). */
  | 'signed-out'
  /** Dropping the local copy after a refused change (4403, 1007, 1009) and starting over. */
  | 'refreshing'
  /** Refused twice in a row for the same section right after a refresh: stopped instead of looping. */
  | 'stopped';

export interface ConnectionFacts {
  browserOnline: boolean;
  socket: 'connecting' | 'connected' | 'disconnected';
  synced: boolean;
  everSynced: boolean;
  sessionEnded: boolean;
  resetting: boolean;
  /** Syncing was stopped after repeated refusals (see PlanConnection). */
  stopped?: boolean;
}

export function deriveStatus(f: ConnectionFacts): ConnectionStatus {
  if (f.sessionEnded) return 'signed-out';
  if (f.stopped) return 'stopped';
  if (f.resetting) return 'refreshing';
  if (!f.browserOnline) return 'offline';
  if (f.socket === 'connected') return f.synced ? 'live' : 'syncing';
  return f.everSynced ? 'reconnecting' : 'connecting';
}

/**
 * Parses the section out of the server's permission-denied reason ("vision: locked by an admin").
 * The server puts the root name first; anything unrecognised yields null ("the plan").
 */
export function sectionFromDenialReason(reason: string | null | undefined, known: readonly string[]): string | null {
  if (!reason) return null;
  const head = /^\s*([A-Za-z_][\w-]*)/.exec(reason)?.[1];
  return head && known.includes(head) ? head : null;
}
