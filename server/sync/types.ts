/**
 * What the sync layer knows about a connection, decided once before the websocket upgrade
 * (STYLE 4: load, then decide, then act) and kept current afterwards: a role change or a removal
 * from the relationship updates `role` (or closes the socket) on open connections.
 */
export type ParticipantRole = 'admin' | 'member' | 'viewer';

/** The identity the server stamps on every awareness state a connection sends (CONTRACT 6). */
export interface PresenceUser {
  id: string;
  name: string;
  /** Stable per user, readable on white; distinct within the user's side of the relationship. */
  color: string;
  companyId: string;
  companyName: string;
}

export interface ConnectionContext {
  sessionId: string;
  relationshipId: string;
  user: PresenceUser;
  role: ParticipantRole;
}

export type SyncAuthResult =
  | { ok: true; ctx: ConnectionContext }
  // 429: reliability's per-user connection cap (server/limits/syncLimits.ts).
  | { ok: false; status: 401 | 403 | 404 | 409 | 429; error: string; message: string };
