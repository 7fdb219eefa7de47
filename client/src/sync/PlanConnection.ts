/**
 * One live plan in the browser: the Y.Doc, its browser copy (y-indexeddb) and its sync socket
 * (y-websocket), plus everything the UI needs to say about them. Framework-free; React reads it
 * through `usePlanConnection`.
 *
 * What must stay true:
 * - The browser copy is loaded before the socket connects, so offline edits merge on reconnect
 *   instead of arriving after the server state.
 * - A 4401 keeps the browser copy (its unsynced text syncs after sign-in); a 4403, 1007 or 1009
 *   drops it and starts over with a fresh doc, copy and socket — `generation` changes and every
 *   binding to the old doc (editors, observers) must be rebuilt.
 * - The browser's offline event closes the socket ourselves: Chromium may keep a dead socket open,
 *   and edits must then count as unsynced instead of vanishing into it.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import * as authProtocol from 'y-protocols/auth';
import type * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, closeCodeAction, type CloseAction } from '../../../shared/closeCodes.ts';
import { defineRoots, getMeta, META_KEYS } from '../../../shared/schema.ts';
import type { PresenceUser } from '../api/types.ts';
import { deriveStatus, sectionFromDenialReason, type ConnectionStatus } from './connectionStatus.ts';
import { localCopyName, rememberLocalCopy, hasPendingChanges, setPendingChanges } from './localCopies.ts';
import { SECTION_IDS } from '../plan/sections.ts';
import { getMe } from '../api/endpoints.ts';
import { destroyProvider } from './providerLifecycle.ts';
import { ApiError } from '../api/http.ts';

export interface PlanNotice {
  id: number;
  action: CloseAction;
  section: string | null;
  /** Refused again for the same section right after a refresh: syncing stopped (see RESET_LOOP_MS). */
  stopped?: boolean;
}

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Edits made here that the server has not received yet. */
  pending: boolean;
  /** Bumped whenever the doc is replaced; key doc-bound components on it. */
  generation: number;
  /** There is content to show: the browser copy had the plan, or the server sent it. */
  ready: boolean;
  notice: PlanNotice | null;
}

export interface PlanConnectionOptions {
  relationshipId: string;
  user: PresenceUser;
  /** e.g. ws://host/sync */
  serverUrl: string;
  onSessionEnded: () => void;
}

/** The awareness fields this client publishes besides the caret (`cursor`, set by editors). */
export interface LocalPresence {
  user: PresenceUser;
  section: string | null;
}

const DELETE_DB_TIMEOUT_MS = 2000;
/**
 * A refusal for the same section this soon after the previous refresh finished is a loop (the
 * copy keeps making the refused change by itself, e.g. an editor normalising stored content):
 * stop syncing and say so rather than refresh forever.
 */
const RESET_LOOP_MS = 15_000;
/** Failed attempts before asking the REST API whether the session is still valid. */
const PROBE_SESSION_AFTER_FAILURES = 2;

export class PlanConnection {
  doc!: Y.Doc;
  provider!: WebsocketProvider;
  private persistence!: IndexeddbPersistence;
  private readonly copyName: string;
  private listeners = new Set<() => void>();
  private snapshot: ConnectionSnapshot;
  private destroyed = false;
  private browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  private socket: 'connecting' | 'connected' | 'disconnected' = 'disconnected';
  private synced = false;
  private everSynced = false;
  private sessionEnded = false;
  private resetting = false;
  private stopped = false;
  /** The section and time of the last refresh after a refusal, to notice a loop. */
  private lastReset: { section: string | null; at: number } | null = null;
  private pending: boolean;
  private localLoaded = false;
  private generation = 0;
  private notice: PlanNotice | null = null;
  private noticeSeq = 0;
  private lastDenialReason: string | null = null;
  private section: string | null = null;
  private failures = 0;
  private probing = false;
  private user: PresenceUser;

  constructor(private readonly opts: PlanConnectionOptions) {
    this.user = opts.user;
    this.copyName = localCopyName(opts.user.id, opts.relationshipId);
    rememberLocalCopy(opts.user.id, this.copyName);
    this.pending = hasPendingChanges(this.copyName);
    this.snapshot = this.computeSnapshot();
    this.create();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  // ---- React store interface ----------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  private emit(): void {
    const next = this.computeSnapshot();
    const prev = this.snapshot;
    if (
      next.status === prev.status &&
      next.pending === prev.pending &&
      next.generation === prev.generation &&
      next.ready === prev.ready &&
      next.notice === prev.notice
    )
      return;
    this.snapshot = next;
    for (const l of this.listeners) l();
  }

  private computeSnapshot(): ConnectionSnapshot {
    return {
      status: deriveStatus({
        browserOnline: this.browserOnline,
        socket: this.socket,
        synced: this.synced,
        everSynced: this.everSynced,
        sessionEnded: this.sessionEnded,
        resetting: this.resetting,
        stopped: this.stopped,
      }),
      pending: this.pending,
      generation: this.generation,
      ready: !this.resetting && (this.synced || this.everSynced || (this.localLoaded && this.hasContent())),
      notice: this.notice,
    };
  }

  private hasContent(): boolean {
    return !!this.doc && typeof getMeta(this.doc).get(META_KEYS.schemaVersion) === 'number';
  }

  // ---- Presence -----------------------------------------------------------------------------

  /** Which section this person is in, for everyone's presence stack ("Ada · Objectives"). */
  setSection(section: string | null): void {
    if (section === this.section) return;
    this.section = section;
    this.provider?.awareness.setLocalStateField('section', section);
  }

  /** Your identity as shown locally (the server stamps what others see); e.g. the team colour. */
  setUser(user: PresenceUser): void {
    this.user = user;
    this.provider?.awareness.setLocalStateField('user', user);
  }

  dismissNotice(): void {
    this.notice = null;
    this.emit();
  }

  // ---- Lifecycle ----------------------------------------------------------------------------

  private create(): void {
    const doc = new Y.Doc();
    defineRoots(doc);
    const persistence = new IndexeddbPersistence(this.copyName, doc);
    const provider = new WebsocketProvider(this.opts.serverUrl, this.opts.relationshipId, doc, {
      connect: false,
      // Server is the single source of truth; tabs must not relay each other's (maybe refused) edits.
      disableBc: true,
      // Reconnect only when the close code says so; the rest end in the `closed` event below.
      shouldReconnect: (event) => closeCodeAction(event.code) === 'reconnect',
    });
    this.doc = doc;
    this.persistence = persistence;
    this.provider = provider;
    this.synced = false;
    this.everSynced = false;
    this.socket = 'disconnected';
    this.localLoaded = false;
    this.lastDenialReason = null;
    this.failures = 0;

    // The server explains a refusal (y-protocols auth message) right before closing with 4403.
    provider.messageHandlers[MessageType.Auth] = (_enc: unknown, decoder: decoding.Decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_y, reason) => {
        this.lastDenialReason = reason;
      });
    };

    const presence: LocalPresence = { user: this.user, section: this.section };
    provider.awareness.setLocalState(presence);

    provider.on('status', ({ status }) => {
      if (provider !== this.provider) return;
      this.socket = status;
      if (status === 'connected') this.failures = 0;
      this.emit();
    });
    provider.on('sync', (isSynced: boolean) => {
      if (provider !== this.provider) return;
      this.synced = isSynced;
      if (isSynced) {
        this.everSynced = true;
        // The server sends its sync step 1 on connect, and our step 2 answer (carrying whatever
        // was made here) went out before its step 2 arrived: local changes are delivered.
        this.setPending(false);
      }
      this.emit();
    });
    provider.on('connection-close', (event) => {
      if (provider !== this.provider) return;
      this.synced = false;
      this.socket = 'disconnected';
      // A refused upgrade (HTTP 401 because the session expired meanwhile) only shows as 1006.
      if (event && event.code === 1006 && this.browserOnline) {
        this.failures++;
        if (this.failures === PROBE_SESSION_AFTER_FAILURES || this.failures % 20 === 0) void this.probeSession();
      }
      this.emit();
    });
    provider.on('closed', ({ code, reason }) => {
      if (provider !== this.provider) return;
      void this.handleTerminalClose(code, reason);
    });

    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === persistence) return;
      if (!(this.socket === 'connected' && this.synced && this.browserOnline)) this.setPending(true);
    });

    const onLoaded = () => {
      if (provider !== this.provider || this.destroyed) return;
      this.localLoaded = true;
      this.emit();
      if (this.browserOnline && !this.sessionEnded && !this.stopped) provider.connect();
    };
    persistence.whenSynced.then(onLoaded, onLoaded);
    this.emit();
  }

  private setPending(pending: boolean): void {
    if (this.pending === pending) return;
    this.pending = pending;
    setPendingChanges(this.copyName, pending);
    this.emit();
  }

  /** Repeated refusals of the upgrade itself (HTTP 401 before the socket opens) look like 1006. */
  private async probeSession(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await getMe();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && !this.destroyed) {
        this.provider.disconnect();
        this.sessionEnded = true;
        this.emit();
        this.opts.onSessionEnded();
      }
    } finally {
      this.probing = false;
    }
  }

  private async handleTerminalClose(code: number, closeReason: string): Promise<void> {
    const action = closeCodeAction(code);
    if (action === 'sign-in') {
      // Keep the browser copy: the text typed before the session ended syncs after sign-in.
      this.sessionEnded = true;
      this.emit();
      this.opts.onSessionEnded();
      return;
    }
    if (action === 'reset-after-denial' || action === 'reset-and-reconnect') {
      // The auth message says "<section>: <why>"; the close reason repeats the section as a fallback.
      const reason = this.lastDenialReason ?? closeReason.replace(/^permission denied:\s*/i, '');
      const section = code === CloseCode.PermissionDenied ? sectionFromDenialReason(reason, SECTION_IDS) : null;
      const last = this.lastReset;
      if (
        code === CloseCode.PermissionDenied &&
        last &&
        last.section === section &&
        Date.now() - last.at < RESET_LOOP_MS
      ) {
        this.provider.disconnect();
        this.stopped = true;
        this.notice = { id: ++this.noticeSeq, action, section, stopped: true };
        this.emit();
        return;
      }
      await this.reset();
      this.lastReset = { section, at: Date.now() };
      if (this.destroyed) return;
      this.notice = { id: ++this.noticeSeq, action, section };
      this.emit();
    }
  }

  /** Drops the doc and its browser copy, then starts over from the server's state. */
  private async reset(): Promise<void> {
    this.resetting = true;
    this.emit();
    const { provider, persistence, doc } = this;
    provider.destroy();
    await persistence.destroy();
    await Promise.race([
      clearDocument(this.copyName).catch(() => undefined),
      new Promise((r) => setTimeout(r, DELETE_DB_TIMEOUT_MS)),
    ]);
    doc.destroy();
    this.setPending(false);
    if (this.destroyed) return;
    this.generation++;
    this.resetting = false;
    this.create();
  }

  private onOnline = () => {
    this.browserOnline = true;
    if (this.localLoaded && !this.sessionEnded && !this.resetting && !this.stopped) this.provider.connect();
    this.emit();
  };

  private onOffline = () => {
    this.browserOnline = false;
    this.provider.disconnect();
    this.synced = false;
    this.socket = 'disconnected';
    this.emit();
  };

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.provider.awareness.setLocalState(null);
    const { provider, doc } = this;
    destroyProvider(provider);
    void this.persistence.destroy();
    // The doc outlives a still-connecting socket by a moment; nothing reads it any more.
    setTimeout(() => doc.destroy(), 0);
    this.listeners.clear();
  }
}

export function syncServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}
