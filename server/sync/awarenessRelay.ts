/**
 * A room's awareness (presence, cursors): who owns which awareness client id, the server's
 * identity stamped on every state, the limits per connection, and one merged broadcast per
 * event-loop turn.
 *
 * What must stay true (CONTRACT 6):
 * - a socket only sets or removes states it introduced, and every state it sends carries the
 *   identity the server stamped (`user`), not the one the client claimed;
 * - a state is at most MAX_AWARENESS_STATE_BYTES of UTF-8 and a socket introduces at most
 *   MAX_AWARENESS_IDS_PER_CONNECTION ids; a frame past either closes it (1008) with nothing kept;
 * - when a socket leaves, the states it owns are removed for everyone;
 * - a broadcast leaves behind the document updates that preceded it (Outbox.afterWrites).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.ts';
import type { Connection } from './connection.ts';
import type { Outbox } from './outbox.ts';
import { encodeAwarenessEntries, encodeAwarenessMessage, type AwarenessEntry } from './protocol.ts';
import type { RateLimitCost } from './types.ts';

/** An awareness state larger than this (UTF-8 bytes of its JSON, after stamping) is refused (CONTRACT 6). */
export const MAX_AWARENESS_STATE_BYTES = 4096;

/**
 * Awareness client ids one connection may introduce. A stock provider uses one per document; a
 * few more leave room for a client that replaces its Y.Doc on the same socket.
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/**
 * Rate-limit cost of an awareness frame that only echoed other sockets' states. Stock providers
 * re-broadcast every remote awareness update they receive; such a frame is dropped before any
 * JSON work and costs little, so a 200-person room's cursor echoes do not throttle people's edits.
 */
export const ECHO_COST: RateLimitCost = 0.05;

/** What the relay needs from its room. */
export interface AwarenessRoom {
  readonly docId: string;
  readonly connections: ReadonlySet<Connection>;
  readonly outbox: Outbox;
  close(conn: Connection, code: number, reason: string): void;
}

export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Connection>();
  /** Awareness client ids changed this turn; broadcast together at the end of the turn. */
  private readonly changed = new Set<number>();
  private scheduled = false;
  private destroyed = false;

  constructor(
    doc: Y.Doc,
    private readonly room: AwarenessRoom,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it publishes no state of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** The connection that introduced `clientID`, if it is still here. */
  ownerOf(clientID: number): Connection | undefined {
    return this.owners.get(clientID);
  }

  /** Every state the room holds, as one frame; null when there is none. */
  statesFrame(): Uint8Array | null {
    return this.awareness.getStates().size ? this.allStatesFrame() : null;
  }

  /** Every state the room holds, as one frame (empty when there is none: the answer to a query). */
  allStatesFrame(): Uint8Array {
    return encodeAwarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    );
  }

  /** Removes, for everyone, the states `conn` owns. */
  release(conn: Connection): void {
    const owned = [...conn.awarenessIds];
    for (const id of owned) this.owners.delete(id);
    conn.awarenessIds.clear();
    if (owned.length) awarenessProtocol.removeAwarenessStates(this.awareness, owned, conn);
  }

  /**
   * Applies the entries this socket owns; false when there were none (a pure echo). A frame that
   * would make the socket own more than MAX_AWARENESS_IDS_PER_CONNECTION ids, or carries a state
   * over MAX_AWARENESS_STATE_BYTES, closes it with nothing of the frame applied: one socket must
   * not fill every joiner's awareness.
   */
  receive(conn: Connection, entries: AwarenessEntry[]): boolean {
    if (conn.awarenessIds.size + this.idsIntroducedBy(conn, entries) > MAX_AWARENESS_IDS_PER_CONNECTION) {
      this.log.warn(
        { docId: this.room.docId, userId: conn.ctx.user.id, entries: entries.length },
        'too many awareness client ids',
      );
      this.room.close(conn, CloseCode.PolicyViolation, 'too many awareness client ids');
      return true;
    }
    const accepted: AwarenessEntry[] = [];
    let echo = true;
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientID);
      // Checked before any JSON work: most frames in a busy room are echoes of others' states.
      if (owner && owner !== conn) continue;
      if (!owner && !this.isNewer(entry)) continue;
      echo = false;
      let state: unknown;
      try {
        state = JSON.parse(entry.state);
      } catch {
        this.room.close(conn, CloseCode.MalformedMessage, 'malformed awareness state');
        return true;
      }
      let text = 'null';
      if (state !== null) {
        if (typeof state !== 'object' || Array.isArray(state)) continue;
        text = stamp(state as Record<string, unknown>, conn.userJson);
        // CONTRACT 6 counts bytes on the wire: a character can take up to 4 of them in UTF-8.
        // No stock client comes near the cap, so a state past it is refused like too many ids.
        if (Buffer.byteLength(text, 'utf8') > MAX_AWARENESS_STATE_BYTES) {
          this.room.close(conn, CloseCode.PolicyViolation, 'awareness state too large');
          return true;
        }
      } else if (!owner) {
        // Removing a state nobody holds: an echo of someone's departure, not a claim.
        continue;
      }
      if (!owner) {
        this.owners.set(entry.clientID, conn);
        conn.awarenessIds.add(entry.clientID);
      }
      accepted.push({ clientID: entry.clientID, clock: entry.clock, state: text });
    }
    if (accepted.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
    return !echo;
  }

  destroy(): void {
    this.destroyed = true;
    this.changed.clear();
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /**
   * Distinct ids of `entries` this socket would start to own. Stock providers echo every state
   * they receive, including departed people's last state and removal: those carry a clock the
   * room already has (or no state), so they never count as introduced.
   */
  private idsIntroducedBy(conn: Connection, entries: AwarenessEntry[]): number {
    let introduced: Set<number> | null = null;
    for (const entry of entries) {
      if (this.owners.has(entry.clientID) || entry.state === 'null' || !this.isNewer(entry)) continue;
      (introduced ??= new Set()).add(entry.clientID);
      if (conn.awarenessIds.size + introduced.size > MAX_AWARENESS_IDS_PER_CONNECTION) break;
    }
    return introduced?.size ?? 0;
  }

  /** Would the awareness take this entry (a clock past the one it knows for that id)? */
  private isNewer(entry: AwarenessEntry): boolean {
    const known = this.awareness.meta.get(entry.clientID);
    return !known || known.clock < entry.clock;
  }

  /**
   * Awareness changes are collected for the rest of the event-loop turn and broadcast as one
   * frame. In a busy room many cursors move per turn; one frame carrying all of them costs each
   * socket one frame instead of one per mover, and since stock providers echo every awareness
   * frame they receive, it also divides the echoes coming back by the same factor.
   */
  private readonly onUpdate = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    if (!this.room.connections.size) return;
    for (const id of added) this.changed.add(id);
    for (const id of updated) this.changed.add(id);
    for (const id of removed) this.changed.add(id);
    if (this.changed.size && !this.scheduled) {
      // setImmediate runs after the poll phase: every message read this turn is in by then.
      this.scheduled = true;
      setImmediate(this.broadcast);
    }
  };

  /**
   * Awareness leaves behind the document updates that preceded it, as sync replies do: a cursor
   * is a relative position into the document, so it is only meaningful to a client holding the
   * text it points into, and a client busy with a cursor frame is not yet applying the edit.
   */
  private readonly broadcast = (): void => {
    this.scheduled = false;
    if (!this.changed.size) return;
    const changed = [...this.changed];
    this.changed.clear();
    this.room.outbox.afterWrites(() => this.send(changed));
  };

  private send(changed: number[]): void {
    if (this.destroyed || !this.room.connections.size) return;
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.room.connections) {
      // A socket already holds its own states: skip frames that carry nothing else.
      if (conn.awarenessIds.size && changed.every((id) => conn.awarenessIds.has(id))) continue;
      this.room.outbox.send(conn, frame);
    }
  }
}

/**
 * An awareness state with the server's identity stamped last, so no client-provided field can
 * shadow it. The user's JSON is kept per connection: only the client's own fields are serialised.
 */
function stamp(state: Record<string, unknown>, userJson: string): string {
  let rest = state;
  if ('user' in state) {
    rest = { ...state };
    delete rest.user;
  }
  const body = JSON.stringify(rest);
  return body === '{}' ? `{"user":${userJson}}` : `${body.slice(0, -1)},"user":${userJson}}`;
}
