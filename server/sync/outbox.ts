/**
 * A room's output: frames leave in the order the document changed, and frames to one socket
 * produced by one callback leave in one write.
 *
 * What must stay true:
 * - a frame sent "in order" (a sync reply, an awareness broadcast) leaves only after every write
 *   tracked before it is durable: it describes, or points into, a document that includes them;
 * - a relay leaves only once its own write is durable (`trackWrite`);
 * - a socket that stops reading is closed, not buffered without bound.
 */
import { CloseCode } from '../../shared/closeCodes.ts';
import type { Connection } from './connection.ts';

export class Outbox {
  /** Writes handed to the store and not yet durable; while > 0, ordered frames wait for `tail`. */
  private pendingWrites = 0;
  private tail: Promise<void> = Promise.resolve();
  /** Connections corked by the current callback, uncorked together on the next tick. */
  private readonly corked: Connection[] = [];

  constructor(
    private readonly maxBufferedBytes: number,
    /** Closes a socket (the room's close: it also leaves the room). */
    private readonly drop: (conn: Connection, code: number, reason: string) => void,
  ) {}

  /** Runs `fn` once every write tracked so far is durable: now, when none is pending. */
  afterWrites(fn: () => void): void {
    if (this.pendingWrites === 0) fn();
    else this.tail = this.tail.then(fn);
  }

  /** Sends after every write that precedes it is durable (sync replies carry that state). */
  sendInOrder(conn: Connection, frame: Uint8Array): void {
    this.afterWrites(() => this.send(conn, frame));
  }

  /**
   * A store write in flight. `durable` runs once it is, `failed` if it is not; writes resolve in
   * the order they were made (DocStore), so the newest one is the tail of everything before it.
   */
  trackWrite(written: Promise<void>, durable: () => void, failed: (err: unknown) => void): void {
    this.pendingWrites += 1;
    this.tail = written.then(
      () => {
        this.pendingWrites -= 1;
        durable();
      },
      (err) => {
        this.pendingWrites -= 1;
        failed(err);
      },
    );
  }

  /** Resolves once every write tracked so far is durable (or failed). */
  async flush(): Promise<void> {
    let t;
    do {
      t = this.tail;
      await t.catch(() => undefined);
    } while (t !== this.tail);
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
  send(conn: Connection, frame: Uint8Array): void {
    if (conn.closed) return;
    if (conn.socket.bufferedAmount > this.maxBufferedBytes) {
      // A client that stopped reading must not grow server memory without bound.
      this.drop(conn, CloseCode.RateLimited, 'client is not reading');
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
      this.drop(conn, CloseCode.GoingAway, 'send failed');
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
}
