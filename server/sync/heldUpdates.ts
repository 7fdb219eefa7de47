/**
 * Updates that arrive ahead of the edits they build on, held until the client's sync step 2.
 *
 * Why: after a reconnect (a network blip, or the server restarted after a crash that lost the
 * client's last unrelayed edits) a stock y-websocket client sends its new edits the moment the
 * socket opens, while the offline edits they build on only come in its sync step 2, one round
 * trip later. The permission inspector refuses an update whose clocks start beyond what the
 * server has ("builds on changes the server does not have"), because it cannot judge what such
 * an update touches; refusing it here would close an honest client with 4403 and make it throw
 * away its edits. Holding such updates until the same connection's step 2 has been applied, then
 * running them through the normal pipeline, keeps the inspector strict and the client whole.
 *
 * What must stay true:
 * - only updates that are *ahead* are held, and only before the connection's first step 2, so a
 *   client that never sends one (a raw socket) sees the usual answers for everything else;
 * - held updates are replayed in arrival order, through the same inspect → apply pipeline;
 * - holding is bounded in count and bytes; past the bound nothing more is held and the backlog
 *   is replayed as it is (an update still ahead is then refused as before).
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './types.ts';

export const MAX_HELD_UPDATES = 1000;
/**
 * What an honest client sends in the one round trip before its step 2 is a few keystrokes; the
 * bound is about what a hostile one can park. It applies per connection, so one user can hold
 * at most this × MAX_SYNC_CONNECTIONS_PER_USER (100 MiB at the defaults; it was 8 MiB per
 * connection, 800 MiB per user, before review). An honest client past it is refused (4403) and
 * resends after it reconnects, when its step 2 comes first.
 */
export const MAX_HELD_BYTES = 1024 * 1024;

type Decoded = DecodedUpdate;

/** True when the update starts, for some client, beyond what `doc` has of that client. */
export function buildsAhead(doc: Y.Doc, decoded: Decoded): boolean {
  const end = new Map<number, number>();
  for (const s of decoded.structs) {
    const client = s.id.client;
    if (!end.has(client)) {
      if (s.id.clock > Y.getState(doc.store, client)) return true;
      end.set(client, s.id.clock);
    }
    end.set(client, Math.max(end.get(client)!, s.id.clock + s.length));
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), end.get(client) ?? 0);
    for (const r of ranges) if (r.clock + r.len > known) return true;
  }
  return false;
}

export interface HeldUpdate {
  update: Uint8Array;
  decoded: Decoded;
}

const NOTHING: HeldUpdate[] = [];

/** Per connection: open until the first sync step 2 (or the bound), then never again. */
export class HeldUpdates {
  private items: HeldUpdate[] = [];
  private bytes = 0;
  private open = true;

  /** Holds `u` if the gate is still open and there is room; false means "process it now". */
  hold(u: HeldUpdate): boolean {
    if (!this.open) return false;
    if (this.items.length >= MAX_HELD_UPDATES || this.bytes + u.update.length > MAX_HELD_BYTES) {
      this.open = false;
      return false;
    }
    this.items.push(u);
    this.bytes += u.update.length;
    return true;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Closes the gate and hands back what was held, oldest first. */
  release(): HeldUpdate[] {
    this.open = false;
    if (this.items.length === 0) return NOTHING;
    const out = this.items;
    this.items = [];
    this.bytes = 0;
    return out;
  }
}
