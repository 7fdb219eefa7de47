/**
 * One Y.Doc per relationship in memory, loaded on first use and unloaded after the last socket
 * left plus an idle delay. No module-level state: the app owns one registry.
 *
 * What must stay true:
 * - a document is loaded once, however many sockets ask for it at the same time, and nobody is
 *   served a half-loaded document (sockets wait for `get`; their messages queue meanwhile);
 * - a stored record that fails to apply is quarantined and logged, never fatal;
 * - unloading writes everything pending and compacts; a socket that arrives during an unload
 *   waits for it and then gets a freshly loaded document.
 */
import * as Y from 'yjs';
import type { DocStore, StoredRecord } from '../storage/DocStore.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { migratePlan } from '../../shared/schema.ts';
import { Connection, Room, type RoomOptions, type SyncSocket } from './Room.ts';
import type { ConnectionContext, ParticipantRole, PresenceUser } from './types.ts';
import { DocumentExistsError } from '../errors.ts';

export interface RegistryOptions extends RoomOptions {
  idleUnloadMs: number;
}

/** told of every change to a loaded document, after the room handled it. */
export type DocUpdateListener = (
  docId: string,
  update: Uint8Array,
  ctx: ConnectionContext | null,
  /** The root types the change touched, by name. */
  roots: ReadonlySet<string>,
) => void;

/** Names of the root types a transaction changed (a change deep inside a root counts for it). */
function changedRoots(tr: Y.Transaction | undefined): ReadonlySet<string> {
  const roots = new Set<string>();
  if (!tr) return roots;
  for (const type of tr.changed.keys()) {
    let t: typeof type = type;
    while (t._item !== null && t._item.parent instanceof Y.AbstractType) t = t._item.parent as typeof type;
    if (t._item === null) roots.add(Y.findRootTypeKey(t));
  }
  return roots;
}

export class DocumentRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly updateListeners = new Set<DocUpdateListener>();
  private readonly loadListeners = new Set<(docId: string, doc: Y.Doc) => void>();
  private shuttingDown = false;

  constructor(
    private readonly store: DocStore,
    private readonly opts: RegistryOptions,
  ) {}

  /** The loaded room for `docId`, loading it if needed. */
  async get(docId: string): Promise<Room> {
    if (this.shuttingDown) throw new Error('shutting down');
    const pendingUnload = this.unloading.get(docId);
    if (pendingUnload) await pendingUnload;
    const room = this.rooms.get(docId);
    if (room) return room;
    let loading = this.loading.get(docId);
    if (!loading) {
      loading = this.load(docId).finally(() => this.loading.delete(docId));
      this.loading.set(docId, loading);
    }
    return loading;
  }

  // The observer API of server/history (versions need to know when and by whom a
  // document changed). `ctx` is the editing connection's, null for changes made on the server.
  onDocUpdate(listener: DocUpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  // a listener's failure must never reach the sync pipeline.
  private notifyUpdate(docId: string, update: Uint8Array, origin: unknown, tr?: Y.Transaction): void {
    const ctx = origin instanceof Connection ? origin.ctx : null;
    const roots = changedRoots(tr);
    for (const listener of this.updateListeners) {
      try {
        listener(docId, update, ctx, roots);
      } catch (err) {
        this.opts.log.error({ docId, err }, 'document update listener failed');
      }
    }
  }

  /**
   * Told of every document once it is loaded and before anyone is served it, so a listener can
   * observe the live document (its observers go with the document when it is unloaded). Changes
   * made by a connection carry that `Connection` as their transaction origin.
   */
  onDocLoaded(listener: (docId: string, doc: Y.Doc) => void): () => void {
    this.loadListeners.add(listener);
    return () => this.loadListeners.delete(listener);
  }

  isLoaded(docId: string): boolean {
    return this.rooms.has(docId);
  }

  loadedCount(): number {
    return this.rooms.size;
  }

  private async load(docId: string): Promise<Room> {
    const records = await this.store.load(docId);
    const claims = await this.store.clientIds(docId);
    const doc = await this.buildDoc(docId, records);
    const log = records.filter((r) => r.kind === 'update');
    const lastSeq = records.reduce((m, r) => Math.max(m, r.seq), 0);
    const room: Room = new Room(
      docId,
      doc,
      this.store,
      { ...this.opts, onEnd: (ended) => this.evict(ended) },
      {
        lastSeq,
        logRecords: log.length,
        logBytes: log.reduce((n, r) => n + r.data.length, 0),
        clientIds: claims,
      },
    );
    this.rooms.set(docId, room);
    // A document stored by an older schema gains what the current one adds, through the room's
    // own persist path (so the migration is stored once) and before anyone is served it.
    migratePlan(doc);
    // registered after the room's own handler, so listeners see changes already stored.
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) =>
      this.notifyUpdate(docId, update, origin, tr),
    );
    for (const listener of this.loadListeners) {
      try {
        listener(docId, doc);
      } catch (err) {
        this.opts.log.error({ docId, err }, 'document load listener failed');
      }
    }
    // Load time must follow document size, not history length: fold any log into the snapshot.
    if (records.length > 1) void room.compactNow();
    return room;
  }

  /**
   * A doc from stored records. The fast path merges everything into one update; if that fails,
   * records are applied one by one so that a single bad one is quarantined, not fatal.
   */
  private async buildDoc(docId: string, records: StoredRecord[]): Promise<Y.Doc> {
    const valid: StoredRecord[] = [];
    for (const r of records) {
      try {
        Y.decodeUpdate(r.data);
        valid.push(r);
      } catch (err) {
        await this.quarantine(docId, r, err);
      }
    }
    const fast = new Y.Doc({ gc: true });
    try {
      if (valid.length)
        Y.applyUpdate(fast, valid.length === 1 ? valid[0].data : Y.mergeUpdates(valid.map((r) => r.data)));
      return fast;
    } catch {
      fast.destroy();
    }
    const doc = new Y.Doc({ gc: true });
    for (const r of valid) {
      // Try each record on a scratch copy first: applyUpdate can throw after changing its target.
      const trial = new Y.Doc({ gc: true });
      try {
        Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
        Y.applyUpdate(trial, r.data);
        Y.applyUpdate(doc, r.data);
      } catch (err) {
        await this.quarantine(docId, r, err);
      } finally {
        trial.destroy();
      }
    }
    return doc;
  }

  /**
   * A room that ended itself (Room.end) is never served again. Its writes already handed to the
   * store settle first, so the next load reads them; until then a new socket waits in `get`.
   */
  private evict(room: Room): void {
    // An unload in progress already takes the room out once its writes settle.
    if (this.rooms.get(room.docId) !== room || this.unloading.has(room.docId)) return;
    this.rooms.delete(room.docId);
    const timer = this.idleTimers.get(room.docId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room.docId);
    const done = room
      .flush()
      .finally(() => room.destroy())
      .finally(() => this.unloading.delete(room.docId));
    this.unloading.set(room.docId, done);
  }

  private async quarantine(docId: string, r: StoredRecord, err: unknown): Promise<void> {
    const reason = err instanceof Error ? err.message : String(err);
    this.opts.log.error({ docId, seq: r.seq, kind: r.kind, reason }, 'stored record failed to load; quarantined');
    await this.store.quarantine(docId, r.seq, reason);
  }

  /** Registers a socket with the room (the room sends sync step 1 and current awareness). */
  connect(room: Room, socket: SyncSocket, ctx: ConnectionContext): Connection {
    if (room.ended) {
      // It ended between `get` and here: the socket reconnects and finds the reloaded document.
      const conn = new Connection(socket, ctx);
      room.close(conn, CloseCode.DocumentReloaded, 'document reloaded');
      return conn;
    }
    const timer = this.idleTimers.get(room.docId);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(room.docId);
    }
    const conn = new Connection(socket, ctx);
    room.join(conn);
    return conn;
  }

  disconnect(room: Room, conn: Connection): void {
    room.leave(conn);
    if (room.connections.size === 0 && !this.shuttingDown && this.rooms.get(room.docId) === room) {
      const timer = setTimeout(() => void this.unload(room), this.opts.idleUnloadMs);
      timer.unref();
      this.idleTimers.set(room.docId, timer);
    }
  }

  private unload(room: Room): Promise<void> {
    this.idleTimers.delete(room.docId);
    if (room.connections.size > 0 || this.rooms.get(room.docId) !== room) return Promise.resolve();
    const done = (async () => {
      try {
        await room.flush();
        await room.compactNow();
      } finally {
        this.rooms.delete(room.docId);
        room.destroy();
      }
    })().finally(() => this.unloading.delete(room.docId));
    this.unloading.set(room.docId, done);
    return done;
  }

  // ---------------------------------------------------------------------------------------
  // Operations for the accounts layer (PlanDocuments)
  // ---------------------------------------------------------------------------------------

  /** Builds a new document's initial content on the server and stores it. */
  async createDocument(docId: string, build: (doc: Y.Doc) => void): Promise<void> {
    if (this.rooms.has(docId) || (await this.store.exists(docId))) throw new DocumentExistsError(docId);
    const room = await this.get(docId);
    // Building inside the loaded room stores it through the same persist path as any edit.
    room.doc.transact(() => build(room.doc));
    await room.flush();
    if (room.connections.size === 0) this.scheduleIdle(room);
  }

  private scheduleIdle(room: Room): void {
    // An evicted room is already on its way out; its timer would stand in for the next room's.
    if (this.idleTimers.has(room.docId) || this.rooms.get(room.docId) !== room) return;
    const timer = setTimeout(() => void this.unload(room), this.opts.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.docId, timer);
  }

  /** Runs `fn` against a loaded document (loading it if needed), e.g. for reads by REST routes. */
  async withDocument<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.get(docId);
    try {
      return fn(room.doc);
    } finally {
      await room.flush();
      if (room.connections.size === 0) this.scheduleIdle(room);
    }
  }

  /** Closes every open socket whose context matches; returns how many were closed. */
  closeConnections(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const room of this.rooms.values()) {
      for (const conn of [...room.connections]) {
        if (match(conn.ctx)) {
          room.close(conn, code, reason);
          n += 1;
        }
      }
    }
    return n;
  }

  /**
   * Who is in a loaded plan, one entry per user (several tabs count once), from the identities
   * the server stamped on awareness states. A plan nobody has open is not loaded for this.
   */
  presence(relationshipId: string): Array<PresenceUser & { section: string | null }> {
    const room = this.rooms.get(relationshipId);
    if (!room) return [];
    const byUser = new Map<string, PresenceUser & { section: string | null }>();
    for (const state of room.awareness.getStates().values()) {
      const user = (state as { user?: PresenceUser }).user;
      if (!user || typeof user.id !== 'string') continue;
      const section = typeof state.section === 'string' ? state.section : null;
      const known = byUser.get(user.id);
      if (!known || (!known.section && section)) byUser.set(user.id, { ...user, section });
    }
    return [...byUser.values()].sort(
      (a, b) => a.companyName.localeCompare(b.companyName) || a.name.localeCompare(b.name),
    );
  }

  /** A participant's new role applies to their open sockets at once; `null` removes them. */
  setRole(relationshipId: string, userId: string, role: ParticipantRole | null): void {
    const room = this.rooms.get(relationshipId);
    if (!room) return;
    for (const conn of [...room.connections]) {
      if (conn.ctx.user.id !== userId) continue;
      if (role === null) room.close(conn, CloseCode.PermissionDenied, 'removed from the relationship');
      else conn.updateContext({ ...conn.ctx, role });
    }
  }

  /** Archiving or unarchiving reaches open sockets at once: their next update is judged by it. */
  setArchived(relationshipId: string, archived: boolean): void {
    const room = this.rooms.get(relationshipId);
    if (!room) return;
    for (const conn of room.connections) conn.updateContext({ ...conn.ctx, archived });
  }

  /** CONTRACT 1: write everything pending, close sockets with 1001, compact. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const t of this.idleTimers.values()) clearTimeout(t);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    await Promise.allSettled([...this.unloading.values()]);
    const rooms = [...this.rooms.values()];
    for (const room of rooms) {
      for (const conn of [...room.connections]) room.close(conn, CloseCode.GoingAway, 'server shutting down');
    }
    await Promise.all(
      rooms.map(async (room) => {
        await room.flush();
        await room.compactNow();
        room.destroy();
      }),
    );
    this.rooms.clear();
  }
}
