/**
 * One loaded plan document and the sockets editing it. Every client message runs the same short
 * pipeline, top to bottom:
 *
 *   decode → normalise → client ids → inspect (permission policy) → apply → persist → relay
 *
 * What must stay true:
 * - nothing from a malformed, oversized or denied message is applied, stored or relayed;
 * - what is applied is exactly what was judged (normaliseUpdate.ts);
 * - an update is relayed to other sockets only after the store says it is durable, so any edit
 *   another client has seen survives a kill -9 of the server (outbox.ts);
 * - a room whose live document may differ from the store ends itself (`end`) and is never used
 *   again;
 * - awareness: see awarenessRelay.ts; compaction: see logCompactor.ts.
 */
import * as Y from 'yjs';
import type { DocStore } from '../storage/DocStore.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { AwarenessRelay, ECHO_COST } from './awarenessRelay.ts';
import { ClientIds, SERVER_WRITER } from './clientIds.ts';
import { Connection } from './connection.ts';
import { buildsAhead } from './heldUpdates.ts';
import { LogCompactor, type CompactionLimits } from './logCompactor.ts';
import { judgeUpdate, type UpdateGuard } from './judgeUpdate.ts';
import { Outbox } from './outbox.ts';
import {
  decodeClientMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  MalformedMessageError,
} from './protocol.ts';
import type { DecodedUpdate, RateLimitCost } from './types.ts';

export { Connection, type SyncSocket } from './connection.ts';
export { ECHO_COST, MAX_AWARENESS_IDS_PER_CONNECTION, MAX_AWARENESS_STATE_BYTES } from './awarenessRelay.ts';

export interface RoomOptions extends CompactionLimits {
  guard: UpdateGuard;
  /** A socket with more than this many bytes queued is closed rather than buffered further. */
  maxBufferedBytes: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /**
   * Told once when the room ends itself (a failed write or apply, see `Room.end`). The owner must
   * never hand this room out again: the next join loads the document from the store.
   */
  onEnd?(room: Room): void;
}

export class Room {
  readonly connections = new Set<Connection>();
  readonly outbox: Outbox;
  private readonly presence: AwarenessRelay;
  private readonly compactor: LogCompactor;
  /** Who owns which Yjs client id in this document. */
  private readonly clientIds: ClientIds;
  /** The connection whose update is being applied right now, and the client ids it writes under. */
  private applying: { conn: Connection; writers: readonly number[] } | null = null;
  private failed = false;

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly opts: RoomOptions,
    log: { lastSeq: number; logRecords: number; logBytes: number; clientIds?: ReadonlyMap<number, string> },
  ) {
    this.clientIds = new ClientIds(log.clientIds ?? new Map());
    this.outbox = new Outbox(opts.maxBufferedBytes, (conn, code, reason) => this.close(conn, code, reason));
    this.compactor = new LogCompactor(docId, doc, store, opts, log, opts.log, () => this.failed);
    this.presence = new AwarenessRelay(doc, this, opts.log);
    this.doc.on('update', this.onDocUpdate);
  }

  get awareness() {
    return this.presence.awareness;
  }

  /** True once the room ended itself: it serves nobody again. */
  get ended(): boolean {
    return this.failed;
  }

  join(conn: Connection): void {
    this.connections.add(conn);
    this.outbox.sendInOrder(conn, encodeSyncStep1(this.doc));
    const states = this.presence.statesFrame();
    if (states) this.outbox.send(conn, states);
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
    this.presence.release(conn);
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

  /** Runs one frame through the pipeline; returns what it cost against the socket's rate limit. */
  receive(conn: Connection, data: Uint8Array): RateLimitCost {
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
        this.outbox.sendInOrder(conn, encodeSyncStep2(this.doc, msg.stateVector));
        return 1;
      case 'syncStep2':
        this.receiveUpdate(conn, msg.update, msg.decoded);
        this.replayHeld(conn);
        return 1;
      case 'update':
        // An update ahead of what the server has, before this client's step 2, waits for it.
        if (conn.held.isOpen && buildsAhead(this.doc, msg.decoded) && conn.held.hold(msg)) return 1;
        if (!conn.held.isOpen) this.replayHeld(conn);
        this.receiveUpdate(conn, msg.update, msg.decoded);
        return 1;
      case 'awareness':
        return this.presence.receive(conn, msg.entries) ? 1 : ECHO_COST;
      case 'queryAwareness':
        this.outbox.send(conn, this.presence.allStatesFrame());
        return 1;
      case 'auth':
        return 1;
    }
  }

  /** The updates held back for this client's offline edits (heldUpdates.ts), now in order. */
  private replayHeld(conn: Connection): void {
    for (const h of conn.held.release()) if (!conn.closed) this.receiveUpdate(conn, h.update, h.decoded);
  }

  private receiveUpdate(conn: Connection, update: Uint8Array, decoded: DecodedUpdate): void {
    if (this.failed) return;
    // A y-websocket client answers every sync step 1 with a step 2, empty when it has nothing.
    if (update.length <= 2 && update.every((b) => b === 0)) return;
    const judged = judgeUpdate(
      this.doc,
      decoded,
      conn.ctx,
      this.opts.guard,
      this.clientIds,
      (client) => this.presence.ownerOf(client)?.ctx.user.id,
    );
    if (!judged.ok) {
      this.opts.log.warn({ docId: this.docId, userId: conn.ctx.user.id, section: judged.section }, 'update denied');
      this.outbox.send(conn, encodePermissionDenied(`${judged.section}: ${judged.reason}`));
      this.close(conn, CloseCode.PermissionDenied, `permission denied: ${judged.section}`.slice(0, 120));
      return;
    }
    if (!judged.update) return; // nothing the document does not have
    this.applying = { conn, writers: judged.writers };
    try {
      Y.applyUpdate(this.doc, judged.update, conn);
      // Normalising and inspecting refuse whatever Yjs would park; this is the last line of defence.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs)
        throw new Error('the update left pending structs or deletes');
    } catch (err) {
      // Yjs can throw after it changed the live doc (a stack overflow deep inside a delete), and
      // then leaves its transaction cleanup unfinished, so later edits are neither stored nor
      // relayed. Nothing in memory can be trusted to match the store any more.
      this.end('update failed to apply', err, conn);
    } finally {
      this.applying = null;
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
      this.end('store write failed', err);
      return;
    }
    this.clientIds.record(claims);
    const frame = encodeUpdateMessage(update);
    this.outbox.trackWrite(
      appended.written,
      () => {
        for (const conn of this.connections) if (conn !== origin) this.outbox.send(conn, frame);
      },
      // The live doc now holds an edit the store may not: clients keep their edits and send them
      // again once the document is loaded from what is stored.
      (err) => this.end('store write failed', err),
    );
    this.compactor.appended(appended.seq, update.length);
  };

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

  /** Folds the stored log into one snapshot (see logCompactor.ts). */
  compactNow(): Promise<boolean> {
    return this.compactor.compactNow();
  }

  /** Resolves once every append made so far is durable and no compaction is running. */
  async flush(): Promise<void> {
    await this.outbox.flush();
    await this.compactor.settled();
  }

  destroy(): void {
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }
}
