/**
 * Server-Sent Events written by hand on a Node response (the format is a few lines of text;
 * https://html.spec.whatwg.org/multipage/server-sent-events.html).
 *
 * What must stay true:
 * - a stream never buffers without bound: events are rare and small, so a client whose unread
 *   bytes pass `maxBufferedBytes` has stopped reading and is cut off;
 * - `onClose` listeners run exactly once, however the stream ends (our `end`, the client going
 *   away, the server destroying the socket), so per-user slots and subscriptions never leak;
 * - nothing is written after the end.
 */
import type { ServerResponse } from 'node:http';

export interface SseOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: number;
  /** What `EventSource` waits before reconnecting after a drop (the SSE `retry:` field). */
  retryMs: number;
  /** Unread bytes tolerated before the client counts as not reading. */
  maxBufferedBytes: number;
}

export interface SseStream {
  readonly closed: boolean;
  /** Writes one named event; false when the stream is closed (or was just cut off as too slow). */
  send(event: string, data: unknown): boolean;
  /** Ends the response, after one last event when given. Idempotent. */
  end(last?: { event: string; data: unknown }): void;
  onClose(listener: () => void): void;
}

/** One event in wire form. JSON never holds a raw newline, so `data` is always a single line. */
export function formatEvent(event: string, data: unknown): string {
  if (/[\r\n]/.test(event)) throw new Error('an SSE event name cannot hold a line break');
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const HEARTBEAT = ': ping\n\n';

/**
 * Sends the event-stream headers (merged with any already set on `res`, e.g. the security
 * headers) and returns the stream. The caller owns the request: with Fastify, `reply.hijack()`
 * first, so nothing else writes to `res`.
 */
export function openSse(res: ServerResponse, opts: SseOptions): SseStream {
  const listeners: Array<() => void> = [];
  let closed = false;
  // Set before anything can call finish(): the first write may already close the stream.
  const heartbeat = setInterval(() => write(HEARTBEAT), opts.heartbeatMs);
  heartbeat.unref();

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const l of listeners.splice(0)) l();
  };

  const write = (chunk: string): boolean => {
    if (closed || res.writableEnded || res.destroyed) return false;
    if (res.writableLength > opts.maxBufferedBytes) {
      res.destroy();
      finish();
      return false;
    }
    res.write(chunk);
    return true;
  };

  res.on('close', finish);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    // Never cached or transformed; nginx-style proxies must pass each event on at once.
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
  });
  // The first bytes flush the headers, so the client's `open` fires now, not at the first event.
  write(`retry: ${opts.retryMs}\n${HEARTBEAT}`);

  if (res.destroyed) finish();

  return {
    get closed() {
      return closed;
    },
    send: (event, data) => write(formatEvent(event, data)),
    end(last) {
      if (closed) return;
      if (last) write(formatEvent(last.event, last.data));
      if (!closed) res.end();
      finish();
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
