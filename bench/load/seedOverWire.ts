/**
 * Puts content into a running server the way a client would: through a stock provider. Used to
 * seed the reference server's rooms, so its documents reach its store by its own write path.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True once `doc` holds at least everything `want` (a state vector) describes. */
export function covers(doc: Y.Doc, want: Map<number, number>): boolean {
  for (const [client, clock] of want) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}

export function openProvider(serverUrl: string, room: string, doc: Y.Doc, cookie?: string): WebsocketProvider {
  const WS = cookie
    ? (class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie } });
        }
      } as unknown as typeof WebSocket)
    : WebSocket;
  return new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
}

/** Waits until a fresh client of `room` receives everything in `want` from the server. */
export async function waitUntilServed(
  serverUrl: string,
  room: string,
  want: Map<number, number>,
  timeoutMs: number,
  cookie?: string,
): Promise<void> {
  const doc = new Y.Doc();
  const provider = openProvider(serverUrl, room, doc, cookie);
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(provider.synced && covers(doc, want))) {
      if (Date.now() > deadline)
        throw new Error(`room ${room}: the server did not serve the seeded content within ${timeoutMs} ms`);
      await sleep(10);
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Sends `update` into each room and checks that a second client is served it. */
export async function seedRooms(
  serverUrl: string,
  rooms: readonly string[],
  update: Uint8Array,
  concurrency = 20,
): Promise<void> {
  const want = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const queue = [...rooms];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let room = queue.shift(); room; room = queue.shift()) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, update);
        const provider = openProvider(serverUrl, room, doc);
        try {
          await waitUntilServed(serverUrl, room, want, 30_000);
        } finally {
          provider.destroy();
          doc.destroy();
        }
      }
    }),
  );
}
