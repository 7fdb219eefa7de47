/**
 * One socket in a room: the few socket operations the room needs (STYLE 5; `ws` sockets satisfy
 * them through an adapter in http/syncRoute.ts) and what the room keeps per socket.
 */
import { HeldUpdates } from './heldUpdates.ts';
import type { ConnectionContext } from './types.ts';

export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent; used for backpressure. */
  readonly bufferedAmount: number;
  /**
   * Optional write coalescing: between `cork()` and `uncork()` frames are buffered and then
   * leave in one system call. The outbox corks a socket on its first frame of a callback.
   */
  cork?(): void;
  uncork?(): void;
}

export class Connection {
  /** Awareness client ids this socket introduced: only it may set or remove them. */
  readonly awarenessIds = new Set<number>();
  /** Updates that came ahead of this client's sync step 2 (see heldUpdates.ts). */
  readonly held = new HeldUpdates();
  closed = false;
  /** Corked until the current callback is done (see Outbox.send). */
  corked = false;
  /** `ctx.user` as JSON, stamped into every awareness state this socket sends. */
  userJson: string;
  constructor(
    readonly socket: SyncSocket,
    public ctx: ConnectionContext,
  ) {
    this.userJson = JSON.stringify(ctx.user);
  }

  /** A role change or rename on an open socket takes effect at once (CONTRACT 6). */
  updateContext(ctx: ConnectionContext): void {
    this.ctx = ctx;
    this.userJson = JSON.stringify(ctx.user);
  }
}
