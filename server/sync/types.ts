/**
 * What the sync layer knows about a connection, decided once before the websocket upgrade
 * (STYLE 4: load, then decide, then act) and kept current afterwards: a role change or a removal
 * from the relationship updates `role` (or closes the socket) on open connections.
 */
import type * as Y from 'yjs';
import type { ParticipantRole, PresenceUser } from '../../shared/apiTypes.ts';

export type { ParticipantRole, PresenceUser };

export interface ConnectionContext {
  sessionId: string;
  relationshipId: string;
  user: PresenceUser;
  role: ParticipantRole;
  /** The relationship is archived: nothing is written, comments included (role is then viewer). */
  archived?: boolean;
}

export type SyncAuthResult =
  | { ok: true; ctx: ConnectionContext }
  // 429: reliability's per-user connection cap (server/limits/syncLimits.ts).
  | { ok: false; status: 401 | 403 | 404 | 409 | 429; error: string; message: string };

/** An update as `Y.decodeUpdate` returns it: its structs in update order and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Whether an update may be applied, and if not, the section it fell in and why. */
export type Verdict = { ok: true } | { ok: false; section: string; reason: string };

/** What a frame cost against its socket's rate limit (http/syncRoute.ts throttles on it). */
export type RateLimitCost = number;
