/**
 * One simulated user: a stock y-websocket WebsocketProvider on its own Y.Doc, typing at a fixed
 * rate and timing every remote edit that reaches it.
 *
 * How latency is measured without touching the payload: every bench client has a known Yjs
 * client id (the run's clientIdBase + its global index), and each edit it makes consumes exactly the
 * clocks [before, after) of that id. The sender writes its send time for those clocks into a
 * table shared by all worker threads (a SharedArrayBuffer); a receiver, when a remote
 * transaction advances a sender's clock, looks the send times up. Same machine, same clock.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import { MessageType } from '../../shared/closeCodes.ts';
import { recordMs } from '../metrics/histogram.ts';
import { firstObjective, visionText } from './planContent.ts';

/**
 * Picks the first Yjs client id of a load run. Each run needs ids no earlier run used on the same
 * server: a fresh Y.Doc reusing an id whose edits the server already holds would restart that
 * id's clocks at 0, which Yjs cannot tell apart from the old edits. Random blocks of 100,000,
 * above the small ids of seed content and below 2^32.
 */
export function pickClientIdBase(): number {
  return 1_000_000 + Math.floor(Math.random() * 40_000) * 100_000;
}

export type ClientAction = 'typeVision' | 'editObjective' | 'idle';

export interface ClientSpec {
  /** Global index over every client of the workload (all workers). */
  index: number;
  room: string;
  /** Session cookie (Charter); sent as a header, as a browser would. */
  cookie?: string;
  action: ClientAction;
  editsPerSecond: number;
  /** Publish a cursor (awareness) with every edit, as y-prosemirror does. */
  cursor: boolean;
}

/** Tables shared by every worker of one workload run. */
export interface SharedTables {
  /** sendTimes[index * maxClocks + clock] = epoch ms (fractional) when that clock was typed. */
  sendTimes: Float64Array;
  /** finalClocks[index] = the client's clock when it stopped typing (published before the drain). */
  finalClocks: Int32Array;
  maxClocks: number;
  totalClients: number;
  /** Yjs client id of the client with global index 0. */
  clientIdBase: number;
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

/** The most Yjs clocks one edit may consume (one character or one map value uses exactly 1). */
const CLOCKS_PER_EDIT = 4;

const TYPED = 'the quick brown fox jumps over the lazy dog ';

/** A `ws` class that sends the session cookie, since Node's ws clients have no cookie jar. */
function wsWithCookie(cookie: string | undefined): typeof WebSocket {
  if (!cookie) return WebSocket;
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as unknown as typeof WebSocket;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly clientId: number;
  /** Close codes this client's socket saw (anything here means a reconnect happened). */
  readonly closeCodes: number[] = [];
  readonly denials: string[] = [];
  edits = 0;
  private timer: NodeJS.Timeout | null = null;
  private cursor: Y.RelativePosition | null = null;
  /** Range of arrival times this client recorded, for the sustained-rate window. */
  lastArrival = 0;
  /** Arrivals with no send time on record: a bench bug if ever non-zero. */
  untimed = 0;

  constructor(
    readonly spec: ClientSpec,
    serverUrl: string,
    private readonly tables: SharedTables,
    private readonly latency: Float64Array,
    localSeed: Uint8Array | null,
  ) {
    this.clientId = tables.clientIdBase + spec.index;
    // Must be set before the doc holds anything of its own: clocks then count this client's edits.
    this.doc.clientID = this.clientId;
    if (localSeed) Y.applyUpdate(this.doc, localSeed, 'seed');
    this.doc.on('afterTransaction', this.onTransaction);
    this.provider = new WebsocketProvider(serverUrl, spec.room, this.doc, {
      WebSocketPolyfill: wsWithCookie(spec.cookie) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
    });
    this.provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code);
    });
    // Charter reports a refused update on the auth channel before closing with 4403.
    const handlers = (
      this.provider as unknown as {
        messageHandlers: Array<(encoder: unknown, decoder: Parameters<typeof authProtocol.readAuthMessage>[0]) => void>;
      }
    ).messageHandlers;
    handlers[MessageType.Auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_y, reason) => this.denials.push(reason));
    };
    if (spec.cursor)
      this.provider.awareness.setLocalStateField('user', { name: `bench ${spec.index}`, color: '#335577' });
  }

  /** True once the provider synced and the part of the plan this client edits has arrived. */
  isReady(): boolean {
    if (!this.provider.synced) return false;
    if (this.spec.action === 'editObjective') return firstObjective(this.doc) !== null;
    return visionText(this.doc) !== null;
  }

  startTyping(): void {
    if (this.spec.action === 'idle' || this.spec.editsPerSecond <= 0) return;
    const interval = 1000 / this.spec.editsPerSecond;
    // A random phase, so that clients do not all type in the same millisecond.
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => this.edit(), interval);
      this.edit();
    }, Math.random() * interval);
  }

  stopTyping(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** This client's own clock: the number of clocks it has typed. */
  ownClock(): number {
    return Y.getState(this.doc.store, this.clientId);
  }

  private edit(): void {
    const before = this.ownClock();
    if (before + CLOCKS_PER_EDIT >= this.tables.maxClocks) return; // the send-time table is full: stop typing
    // The send time is written before the edit, because the provider sends it synchronously
    // and a receiver on another thread may look it up before this function returns. Clocks the
    // edit does not use are overwritten by the next edit, before it is sent.
    const at = nowMs();
    const base = this.spec.index * this.tables.maxClocks;
    for (let c = before; c < before + CLOCKS_PER_EDIT; c++) this.tables.sendTimes[base + c] = at;
    if (this.spec.action === 'editObjective') this.editObjective();
    else this.typeOneCharacter();
    if (this.ownClock() - before > CLOCKS_PER_EDIT) throw new Error('an edit used more clocks than CLOCKS_PER_EDIT');
    this.edits += 1;
  }

  private typeOneCharacter(): void {
    const text = visionText(this.doc);
    if (!text) return;
    let index: number;
    const resolved = this.cursor && Y.createAbsolutePositionFromRelativePosition(this.cursor, this.doc);
    if (resolved && resolved.type === text) index = resolved.index;
    else index = Math.floor(Math.random() * (text.length + 1));
    text.insert(index, TYPED[this.edits % TYPED.length]);
    // Keep typing where we were, even as others insert before us: a relative position moves with the text.
    this.cursor = Y.createRelativePositionFromTypeIndex(text, index + 1);
    if (this.spec.cursor) {
      const pos = Y.relativePositionToJSON(this.cursor);
      this.provider.awareness.setLocalStateField('cursor', { anchor: pos, head: pos });
    }
  }

  private editObjective(): void {
    const objective = firstObjective(this.doc);
    if (!objective) return;
    objective.set('description', `Reviewed in the weekly call, revision ${this.edits}.`);
    if (this.spec.cursor) this.provider.awareness.setLocalStateField('cursor', null);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (tr.local) return;
    const now = nowMs();
    const { sendTimes, maxClocks, totalClients, clientIdBase } = this.tables;
    tr.afterState.forEach((after, client) => {
      const index = client - clientIdBase;
      if (index < 0 || index >= totalClients || index === this.spec.index) return;
      const before = tr.beforeState.get(client) ?? 0;
      const base = index * maxClocks;
      for (let c = before; c < after && c < maxClocks; c++) {
        const sent = sendTimes[base + c];
        if (sent > 0) recordMs(this.latency, now - sent);
        else this.untimed += 1;
      }
      if (after > before) this.lastArrival = now;
    });
  };

  /** Edits of `senders` (global indexes, same room) this client has not received yet. */
  missingFrom(senders: readonly number[]): number {
    let missing = 0;
    for (const s of senders) {
      if (s === this.spec.index) continue;
      const want = this.tables.finalClocks[s];
      const got = Y.getState(this.doc.store, this.tables.clientIdBase + s);
      if (want > got) missing += want - got;
    }
    return missing;
  }

  destroy(): void {
    this.stopTyping();
    this.provider.destroy();
    this.doc.destroy();
  }
}
