/**
 * Authorization of a sync socket before the websocket upgrade (CONTRACT 5), in the contract's
 * order: origin, session, relationship, participation, configuration. The result carries the
 * connection's identity, colour included, so the sync layer never looks anything up itself.
 */
import type { FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { ErrorCode } from '../../shared/closeCodes.ts';
import type { ConnectionContext, ParticipantRole, SyncAuthResult } from '../sync/types.ts';
import { syncRole, type RelationshipService } from './relationships.ts';
import { SESSION_COOKIE, type SessionService } from './sessions.ts';
import type { AccountStore } from './store.ts';
import type { Relationship } from './types.ts';

/** Browsers always send Origin on websocket upgrades; other clients (Node, scripts) may not. */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}

export function sessionTokenFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  try {
    return fastifyCookie.parse(header)[SESSION_COOKIE];
  } catch {
    return undefined;
  }
}

const refuse = (status: 401 | 403 | 404 | 409, error: string, message: string): SyncAuthResult => ({
  ok: false,
  status,
  error,
  message,
});

export async function authorizeSync(
  deps: {
    store: AccountStore;
    sessions: SessionService;
    relationships: RelationshipService;
    allowedOrigins: readonly string[];
  },
  request: FastifyRequest,
  relationshipId: string,
): Promise<SyncAuthResult> {
  if (!originAllowed(request.headers.origin, deps.allowedOrigins)) {
    return refuse(403, ErrorCode.Forbidden, 'This origin may not open the sync socket.');
  }
  const live = await deps.sessions.resolve(sessionTokenFrom(request));
  if (!live) return refuse(401, ErrorCode.Unauthorized, 'Sign in first.');
  const rel = await deps.store.getRelationship(relationshipId);
  if (!rel) return refuse(404, ErrorCode.NotFound, `No relationship "${relationshipId}".`);
  const role = await deps.relationships.roleOf(rel, live.user);
  if (!role) return refuse(403, ErrorCode.Forbidden, 'You do not take part in this relationship.');
  if (rel.configuredAt === null) {
    return refuse(409, ErrorCode.AreaNotConfigured, 'This plan awaits configuration by a Company Admin.');
  }
  const ctx = await connectionContext(deps.relationships, rel, live.user.id, syncRole(rel, role), live.session.id);
  if (!ctx) return refuse(403, ErrorCode.Forbidden, 'You do not take part in this relationship.');
  return { ok: true, ctx };
}

/**
 * The identity a live connection of this session carries (a sync socket, an event stream):
 * the server-stamped name and presence colour, so closes that match one match the other.
 * Null when the user is not on the relationship's team.
 */
export async function connectionContext(
  relationships: RelationshipService,
  rel: Relationship,
  userId: string,
  role: ParticipantRole,
  sessionId: string,
): Promise<ConnectionContext | null> {
  const me = (await relationships.teamOf(rel)).find((m) => m.userId === userId);
  if (!me) return null;
  return {
    sessionId,
    relationshipId: rel.id,
    role,
    archived: Boolean(rel.archivedAt),
    user: { id: me.userId, name: me.name, color: me.color, companyId: me.companyId, companyName: me.companyName },
  };
}
