/**
 * One loaded plan document and the sockets editing it. Every client message runs the same short
 * pipeline, top to bottom:
 *
 *   decode → (closed or denied? ignore) → inspect (permission policy) → apply → persist → relay
 *
 * What must stay true:
 * - nothing from a malformed, oversized or denied message is applied, stored or relayed;
 * - an update is relayed to other sockets only after the store says it is durable, so any edit
 *   another client has seen survives a kill -9 of the server;
 * - frames to a socket leave in the order the document changed (sync replies wait for the writes
 *   that precede them);
 * - a socket only sets or removes awareness states it introduced, and every state it sends carries
 *   the identity the server stamped, not the one the client claimed.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '../storage/DocStore.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import type { ConnectionContext } from './types.ts';
import {
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  MalformedMessageError,
  type AwarenessEntry,
} from './protocol.ts';
import { buildsAhead, HeldUpdates } from './heldUpdates.ts'; // reliability:
import { ClientIds, SERVER_WRITER } from './clientIds.ts';
import { normaliseUpdate, type DecodedUpdate } from './normaliseUpdate.ts';
import { Refused } from './updateIndex.ts';

/** The few socket operations a room needs (STYLE 5); `ws` sockets satisfy it via an adapter. */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent; used for backpressure. */
  readonly bufferedAmount: number;
  /**
   * Optional write coalescing: between `cork()` and `uncork()` frames are buffered and then
   * leave in one system call. A room corks a socket on its first frame of a callback (Room.send).
   */
  cork?(): void;
  uncork?(): void;
}

export type UpdateDecision = { ok: true } | { ok: false; section: string; reason: string };
/**
 * Decides whether a client's update may be applied (the permission hook). Must not mutate. It is
 * given the update as normalised against `doc` (normaliseUpdate.ts): exactly what will be applied.
 */
export type UpdateGuard = (doc: Y.Doc, update: Uint8Array, ctx: ConnectionContext, decoded: DecodedUpdate) => UpdateDecision;

export interface RoomOptions {
  guard: UpdateGuard;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** A socket with more than this many bytes queued is closed rather than buffered further. */
  maxBufferedBytes: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /**
   * Told once when the room ends itself (a failed write or apply, see `Room.end`). The owner must
   * never hand this room out again: the next join loads the document from the store.
   */
  onEnd?(room: Room): void;
}

/** An awareness state larger than this (UTF-8 bytes of its JSON, after stamping) is refused (CONTRACT 6). */
export const MAX_AWARENESS_STATE_BYTES = 4096;

/**
 * Awareness client ids one connection may introduce. A stock provider uses one per document; a
 * few more leave room for a client that replaces its Y.Doc on the same socket.
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/** Rate-limit cost of an awareness frame that only echoed other sockets' states. */
export const ECHO_COST = 0.05;

export class Connection {
  /** Awareness client ids this socket introduced: only it may set or remove them. */
  readonly awarenessIds = new Set<number>();
  /** reliability: updates that came ahead of this client's sync step 2 (see heldUpdates.ts). */
  readonly held = new HeldUpdates();
  closed = false;
  /** Corked until the current callback is done (see Room.send). */
  corked = false;
  /** `ctx.user` as JSON, stamped into every awareness state this socket sends. */
  userJson: string;
  constructor(
    readonly socket: SyncSocket,
    public ctx: ConnectionContext,
  ) {
    this.userJson = JSON.stringify(ctx.user);
  }
}

export class Room {
  readonly connections = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  private readonly awarenessOwner = new Map<number, Connection>();
  /** Appends handed to the store and not yet durable; while > 0, sends wait for `tail`. */
  private pendingWrites = 0;
  private tail: Promise<void> = Promise.resolve();
  private lastSeq: number;
  private logRecords: number;
  private logBytes: number;
  private compacting: Promise<void> | null = null;
  /** Who owns which Yjs client id in this document. */
  private readonly clientIds: ClientIds;
  /** The connection whose update is being applied right now, and the client ids it writes under. */
  private applying: { conn: Connection; writers: readonly number[] } | null = null;
  private failed = false;
  private destroyed = false;
  /** Awareness client ids changed this turn; broadcast together at the end of the turn. */
  private readonly awarenessChanged = new Set<number>();
  private awarenessScheduled = false;
  /** Connections corked by the current callback, uncorked together on the next tick. */
  private readonly corked: Connection[] = [];

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly opts: RoomOptions,
    log: { lastSeq: number; logRecords: number; logBytes: number; clientIds?: ReadonlyMap<number, string> },
  ) {
    this.clientIds = new ClientIds(log.clientIds ?? new Map());
    this.lastSeq = log.lastSeq;
    this.logRecords = log.logRecords;
    this.logBytes = log.logBytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it publishes no state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  // ---------------------------------------------------------------------------------------
  // Connections
  // ---------------------------------------------------------------------------------------

  join(conn: Connection): void {
    this.connections.add(conn);
    this.sendInOrder(conn, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) {
      this.send(conn, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    }
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
    const owned = [...conn.awarenessIds];
    for (const id of owned) this.awarenessOwner.delete(id);
    conn.awarenessIds.clear();
    if (owned.length) awarenessProtocol.removeAwarenessStates(this.awareness, owned, conn);
  }

  close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    try {
      conn.socket.close(code, reason);
    } catch {
      /* already closing */
    }
    this.leave(conn);
  }

  // ---------------------------------------------------------------------------------------
  // The message pipeline
  // ---------------------------------------------------------------------------------------

  /**
   * Runs one frame through the pipeline. Returns what it cost against the socket's rate limit:
   * an awareness frame that only echoes other sockets' states (stock providers re-broadcast
   * every remote awareness update they receive) is dropped before any JSON work and costs
   * little, so a 200-person room's cursor echoes do not throttle people's own edits.
   */
  handleMessage(conn: Connection, data: Uint8Array): number {
    if (conn.closed) return 1;
    let msg;
    try {
      msg = decodeClientMessage(data);
    } catch (err) {
      if (!(err instanceof MalformedMessageError)) throw err;
      this.close(conn, CloseCode.MalformedMessage, 'malformed message');
      return 1;
    }
    switch (msg.kind) {
      case 'syncStep1':
        this.sendInOrder(conn, encodeSyncStep2(this.doc, msg.stateVector));
        return 1;
      case 'syncStep2':
        this.receiveUpdate(conn, msg.update, msg.decoded);
        // reliability: the offline edits are in; replay what was held back waiting for them.
        for (const h of conn.held.release()) if (!conn.closed) this.receiveUpdate(conn, h.update, h.decoded);
        return 1;
      case 'update':
        // reliability: an update ahead of what the server has, before this client's step 2, waits for it.
        if (conn.held.isOpen && buildsAhead(this.doc, msg.decoded) && conn.held.hold(msg)) return 1;
        if (!conn.held.isOpen) for (const h of conn.held.release()) if (!conn.closed) this.receiveUpdate(conn, h.update, h.decoded);
        this.receiveUpdate(conn, msg.update, msg.decoded);
        return 1;
      case 'awareness':
        return this.receiveAwareness(conn, msg.entries) ? 1 : ECHO_COST;
      case 'queryAwareness': {
        const ids = [...this.awareness.getStates().keys()];
        this.send(conn, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return 1;
      }
      case 'auth':
        return 1;
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array, decoded: DecodedUpdate): void {
    if (this.failed) return;
    // A y-websocket client answers every sync step 1 with a step 2, empty when it has nothing.
    if (update.length <= 2 && update.every((b) => b === 0)) return;
    const judged = this.judge(conn, decoded);
    if (!judged.ok) {
      this.opts.log.warn({ docId: this.docId, userId: conn.ctx.user.id, section: judged.section }, 'update denied');
      this.send(conn, encodePermissionDenied(`${judged.section}: ${judged.reason}`));
      this.close(conn, CloseCode.PermissionDenied, `permission denied: ${judged.section}`.slice(0, 120));
      return;
    }
    if (!judged.update) return; // nothing the document does not have
    this.applying = { conn, writers: judged.writers };
    try {
      Y.applyUpdate(this.doc, judged.update, conn);
      // Normalising and inspecting refuse whatever Yjs would park; this is the last line of defence.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) throw new Error('the update left pending structs or deletes');
    } catch (err) {
      // Yjs can throw after it changed the live doc (a stack overflow deep inside a delete), and
      // then leaves its transaction cleanup unfinished, so later edits are neither stored nor
      // relayed. Nothing in memory can be trusted to match the store any more.
      this.end('update failed to apply', err, conn);
    } finally {
      this.applying = null;
    }
  }

  /**
   * Normalise (so the update is judged and applied exactly as Yjs integrates it), check the
   * client ids it writes under, then ask the permission hook. Reads the document, never changes it.
   */
  private judge(
    conn: Connection,
    decoded: DecodedUpdate,
  ): { ok: true; update: Uint8Array | null; writers: readonly number[] } | { ok: false; section: string; reason: string } {
    try {
      const normal = normaliseUpdate(this.doc, decoded);
      if (!normal) return { ok: true, update: null, writers: [] };
      const squat = this.clientIds.refusal(normal.writers, conn.ctx.user.id, (client) =>
        client === this.doc.clientID ? SERVER_WRITER : this.awarenessOwner.get(client)?.ctx.user.id,
      );
      if (squat) return { ok: false, section: 'document', reason: squat };
      const decision = this.opts.guard(this.doc, normal.update, conn.ctx, normal.decoded);
      return decision.ok ? { ok: true, update: normal.update, writers: normal.writers } : decision;
    } catch (err) {
      if (err instanceof Refused) return { ok: false, section: err.section, reason: err.message };
      // Anything else is a bug in a stage that must fail closed.
      return { ok: false, section: 'document', reason: `update not understood (${err instanceof Error ? err.message : 'error'})` };
    }
  }

  /** Persist, then relay: every change to the doc, whoever made it, goes through here. */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Client ids are claimed by the first write under them, stored in the same write as it.
    const claims =
      this.applying && this.applying.conn === origin
        ? this.clientIds.newClaims(this.applying.writers, this.applying.conn.ctx.user.id)
        : origin instanceof Connection
          ? []
          : this.clientIds.newClaims([this.doc.clientID], SERVER_WRITER);
    let appended;
    try {
      appended = this.store.append(this.docId, update, claims);
    } catch (err) {
      // Thrown inside Yjs's update event: end the room here rather than let it unwind Yjs.
      this.storeFailed(err);
      return;
    }
    this.clientIds.record(claims);
    const { seq, written } = appended;
    this.lastSeq = seq;
    this.logRecords += 1;
    this.logBytes += update.length;
    this.pendingWrites += 1;
    const frame = encodeUpdateMessage(update);
    this.tail = written.then(
      () => {
        this.pendingWrites -= 1;
        for (const conn of this.connections) if (conn !== origin) this.send(conn, frame);
      },
      (err) => {
        this.pendingWrites -= 1;
        this.storeFailed(err);
      },
    );
    if (this.overCompactionThreshold()) this.scheduleCompaction();
  };

  private storeFailed(err: unknown): void {
    // The live doc now holds an edit the store may not: clients keep their edits and send them
    // again once the document is loaded from what is stored.
    this.end('store write failed', err);
  }

  /** True once the room ended itself: it serves nobody again. */
  get ended(): boolean {
    return this.failed;
  }

  /**
   * Ends the room when its live doc may differ from the store. Every socket is closed with
   * DocumentReloaded before anything more leaves (relays and sync replies still waiting behind
   * writes find their sockets closed), and the owner unregisters the room so the next join loads
   * the document fresh. The socket whose update failed to apply is reset instead: reconnecting
   * with the same update would end the room again.
   */
  private end(why: string, err: unknown, culprit?: Connection): void {
    if (this.failed) return;
    this.failed = true;
    this.opts.log.error({ docId: this.docId, err, userId: culprit?.ctx.user.id }, `${why}; reloading the document`);
    if (culprit) this.close(culprit, CloseCode.MalformedMessage, why);
    for (const conn of [...this.connections]) this.close(conn, CloseCode.DocumentReloaded, `document reloaded: ${why}`);
    this.opts.onEnd?.(this);
  }

  /**
   * Applies the entries this socket owns; false when there were none (a pure echo). A frame that
   * would make the socket own more than MAX_AWARENESS_IDS_PER_CONNECTION ids, or carries a state
   * over MAX_AWARENESS_STATE_BYTES, closes it with nothing of the frame applied: one socket must
   * not fill every joiner's awareness.
   */
  private receiveAwareness(conn: Connection, entries: AwarenessEntry[]): boolean {
    if (conn.awarenessIds.size + this.idsIntroducedBy(conn, entries) > MAX_AWARENESS_IDS_PER_CONNECTION) {
      this.opts.log.warn({ docId: this.docId, userId: conn.ctx.user.id, entries: entries.length }, 'too many awareness client ids');
      this.close(conn, CloseCode.PolicyViolation, 'too many awareness client ids');
      return true;
    }
    const accepted: AwarenessEntry[] = [];
    let echo = true;
    for (const entry of entries) {
      const owner = this.awarenessOwner.get(entry.clientID);
      // Checked before any JSON work: most frames in a busy room are echoes of others' states.
      if (owner && owner !== conn) continue;
      if (!owner && !this.isNewer(entry)) continue;
      echo = false;
      let state: unknown;
      try {
        state = JSON.parse(entry.state);
      } catch {
        this.close(conn, CloseCode.MalformedMessage, 'malformed awareness state');
        return true;
      }
      let text = 'null';
      if (state !== null) {
        if (typeof state !== 'object' || Array.isArray(state)) continue;
        text = stamp(state as Record<string, unknown>, conn.userJson);
        // CONTRACT 6 counts bytes on the wire: a character can take up to 4 of them in UTF-8.
        // No stock client comes near the cap, so a state past it is refused like too many ids.
        if (Buffer.byteLength(text, 'utf8') > MAX_AWARENESS_STATE_BYTES) {
          this.close(conn, CloseCode.PolicyViolation, 'awareness state too large');
          return true;
        }
      } else if (!owner) {
        // Removing a state nobody holds: an echo of someone's departure, not a claim.
        continue;
      }
      if (!owner) {
        this.awarenessOwner.set(entry.clientID, conn);
        conn.awarenessIds.add(entry.clientID);
      }
      accepted.push({ clientID: entry.clientID, clock: entry.clock, state: text });
    }
    if (accepted.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), conn);
    return !echo;
  }

  /**
   * Distinct ids of `entries` this socket would start to own. Stock providers echo every state
   * they receive, including departed people's last state and removal: those carry a clock the
   * room already has (or no state), so they never count as introduced.
   */
  private idsIntroducedBy(conn: Connection, entries: AwarenessEntry[]): number {
    let introduced: Set<number> | null = null;
    for (const entry of entries) {
      if (this.awarenessOwner.has(entry.clientID) || entry.state === 'null' || !this.isNewer(entry)) continue;
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
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    if (!this.connections.size) return;
    for (const id of added) this.awarenessChanged.add(id);
    for (const id of updated) this.awarenessChanged.add(id);
    for (const id of removed) this.awarenessChanged.add(id);
    if (this.awarenessChanged.size && !this.awarenessScheduled) {
      // setImmediate runs after the poll phase: every message read this turn is in by then.
      this.awarenessScheduled = true;
      setImmediate(this.broadcastAwareness);
    }
  };

  /**
   * Awareness leaves behind the document updates that preceded it, as sync replies do: a cursor
   * is a relative position into the document, so it is only meaningful to a client holding the
   * text it points into, and a client busy with a cursor frame is not yet applying the edit.
   */
  private readonly broadcastAwareness = (): void => {
    this.awarenessScheduled = false;
    if (!this.awarenessChanged.size) return;
    const changed = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    if (this.pendingWrites === 0) this.sendAwareness(changed);
    else this.tail = this.tail.then(() => this.sendAwareness(changed));
  };

  private sendAwareness(changed: number[]): void {
    if (this.destroyed || !this.connections.size) return;
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) {
      // A socket already holds its own states: skip frames that carry nothing else.
      if (conn.awarenessIds.size && changed.every((id) => conn.awarenessIds.has(id))) continue;
      this.send(conn, frame);
    }
  }

  /** A role change on an open socket (CONTRACT: takes effect on open sockets). */
  updateContext(conn: Connection, ctx: ConnectionContext): void {
    conn.ctx = ctx;
    // The stamped identity may have changed too (a rename): re-stamp on the next state.
    conn.userJson = JSON.stringify(ctx.user);
  }

  // ---------------------------------------------------------------------------------------
  // Output
  // ---------------------------------------------------------------------------------------

  /** Sends after every write that precedes it is durable (sync replies carry that state). */
  private sendInOrder(conn: Connection, frame: Uint8Array): void {
    if (this.pendingWrites === 0) this.send(conn, frame);
    else this.tail = this.tail.then(() => this.send(conn, frame));
  }

  /**
   * Frames to one socket produced by one I/O callback leave together: the socket is corked on
   * its first frame and uncorked on `process.nextTick`, which runs once the callback and every
   * promise job it started are done. One LevelDB batch completing relays many updates at once,
   * and one socket read can carry many messages, so under load a socket owed k frames costs
   * one write system call, not k, while a lone frame waits for nothing but its own callback.
   * (Uncorking at the end of the whole event-loop turn saved a little more CPU but held frames
   * behind every other socket's messages: +0.6 ms at p50 in a 10-person room.)
   */
  private send(conn: Connection, frame: Uint8Array): void {
    if (conn.closed) return;
    if (conn.socket.bufferedAmount > this.opts.maxBufferedBytes) {
      // A client that stopped reading must not grow server memory without bound.
      this.close(conn, CloseCode.RateLimited, 'client is not reading');
      return;
    }
    try {
      if (!conn.corked && conn.socket.cork) {
        conn.socket.cork();
        conn.corked = true;
        this.corked.push(conn);
        if (this.corked.length === 1) process.nextTick(this.uncorkAll);
      }
      conn.socket.send(frame);
    } catch {
      this.close(conn, CloseCode.GoingAway, 'send failed');
    }
  }

  private readonly uncorkAll = (): void => {
    // Uncork even sockets closed since: a close frame may be waiting behind the cork.
    for (const conn of this.corked.splice(0)) {
      conn.corked = false;
      try {
        conn.socket.uncork?.();
      } catch {
        /* the socket is gone; nothing to flush */
      }
    }
  };

  // ---------------------------------------------------------------------------------------
  // Storage housekeeping
  // ---------------------------------------------------------------------------------------

  private overCompactionThreshold(): boolean {
    return this.logRecords >= this.opts.compactAfterUpdates || this.logBytes >= this.opts.compactAfterBytes;
  }

  private scheduleCompaction(): void {
    if (this.compacting || this.failed) return;
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compactNow())
      .catch(() => false)
      .then((ok) => {
        this.compacting = null;
        // Appends that arrived while compacting may already be past the threshold again, and
        // no further append may come to notice it. A failed compaction waits for the next append.
        if (ok && this.overCompactionThreshold()) this.scheduleCompaction();
      });
  }

  /** Folds the log into one snapshot. The snapshot covers exactly what was appended so far. */
  async compactNow(): Promise<boolean> {
    if (this.failed || this.logRecords === 0) return false;
    const upto = this.lastSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    const records = this.logRecords;
    const bytes = this.logBytes;
    try {
      await this.store.compact(this.docId, state, upto);
      this.logRecords -= records;
      this.logBytes -= bytes;
      return true;
    } catch (err) {
      this.opts.log.error({ docId: this.docId, err }, 'compaction failed; the log is kept');
      return false;
    }
  }

  /** Resolves once every append made so far is durable. */
  async flush(): Promise<void> {
    let t;
    do {
      t = this.tail;
      await t.catch(() => undefined);
    } while (t !== this.tail);
    if (this.compacting) await this.compacting;
  }

  destroy(): void {
    this.destroyed = true;
    this.awarenessChanged.clear();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
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
