/**
 * Server-side sessions in LevelDB, so they survive restarts and can be ended from the server.
 *
 * The cookie carries a random 256-bit token; the store keys the session by the token's SHA-256,
 * so a copy of the database does not hand out live sessions. That hash is also the `sessionId`
 * of sync connections, which is how logout finds and closes a session's sockets.
 *
 * What must stay true: a session unused for `idleMs` no longer authenticates, even before the
 * sweeper deleted it; the sweeper closes the sockets of the sessions it removes (4401).
 */
import { createHash, randomBytes } from 'node:crypto';
import { CloseCode } from '../../shared/closeCodes.ts';
import type { AccountStore } from './store.ts';
import type { PlanDocuments, Session, User } from './types.ts';

export const SESSION_COOKIE = 'charter_session';

export interface SessionOptions {
  idleMs: number;
  now?: () => number;
}

export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionService {
  private readonly now: () => number;
  /** Writing lastSeenAt on every request would cost a write per call; a coarse step suffices. */
  private readonly touchEveryMs: number;

  constructor(
    private readonly store: AccountStore,
    private readonly docs: PlanDocuments,
    private readonly opts: SessionOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.touchEveryMs = Math.min(60_000, Math.floor(opts.idleMs / 10));
  }

  async create(userId: string): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: Session = { id: sessionKey(token), userId, createdAt: at, lastSeenAt: at };
    await this.store.putSession(session);
    return { token, session };
  }

  /**
   * The live session and its user for a cookie token, sliding its expiry; null otherwise.
   * `touched` says the expiry moved, so the caller can refresh the cookie's Max-Age too.
   */
  async resolve(token: string | undefined): Promise<{ session: Session; user: User; touched: boolean } | null> {
    if (!token || token.length > 200) return null;
    const id = sessionKey(token);
    const session = await this.store.getSession(id);
    if (!session) return null;
    const now = this.now();
    if (this.expired(session, now)) {
      await this.end(id, 'session expired');
      return null;
    }
    const user = await this.store.getUser(session.userId);
    if (!user || user.deactivatedAt) {
      await this.end(id, user ? 'user deactivated' : 'user removed');
      return null;
    }
    const touched = now - session.lastSeenAt >= this.touchEveryMs;
    if (touched) {
      session.lastSeenAt = now;
      await this.store.putSession(session);
    }
    return { session, user, touched };
  }

  /** Deletes the session and closes its sync sockets with 4401. Returns the sockets closed. */
  async end(id: string, reason: string): Promise<number> {
    await this.store.deleteSession(id);
    return this.docs.closeConnections((ctx) => ctx.sessionId === id, CloseCode.SessionEnded, reason);
  }

  async endByToken(token: string | undefined, reason: string): Promise<void> {
    if (token && token.length <= 200) await this.end(sessionKey(token), reason);
  }

  /**
   * Ends every session of a user but `keepId` (a password change keeps the one that made it),
   * closing their sockets with 4401. Sockets of the kept session stay open.
   */
  async endAllOf(userId: string, reason: string, keepId?: string): Promise<number> {
    let closed = 0;
    for (const s of await this.store.sessionsOfUser(userId)) {
      if (s.id !== keepId) closed += await this.end(s.id, reason);
    }
    return closed;
  }

  /** Removes expired sessions (and their sockets). Run periodically by the accounts service. */
  async sweep(): Promise<number> {
    const now = this.now();
    const expired = (await this.store.allSessions()).filter((s) => this.expired(s, now));
    for (const s of expired) await this.end(s.id, 'session expired');
    return expired.length;
  }

  private expired(s: Session, now: number): boolean {
    return now - s.lastSeenAt > this.opts.idleMs;
  }
}
