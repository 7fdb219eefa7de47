/**
 * The floor: the least a y-websocket server can do. It forwards every document update and
 * awareness frame to the other sockets of the same room, and keeps no document at all.
 *
 * Two concessions to the protocol, the least that lets stock y-websocket clients work:
 * - a provider only counts itself synced once it has received a sync step 2, so a client's sync
 *   step 1 is answered with an empty step 2;
 * - a provider re-broadcasts every awareness update it receives (y-websocket's
 *   `_awarenessUpdateHandler` does not look at the origin). A real server absorbs these echoes
 *   (same clock: no change), but a blind relay would forward each one to everyone, N² frames per
 *   cursor move. So the relay reads the (client id, clock) pairs of an awareness frame and drops
 *   the frame when it carries nothing newer than what the room has already seen.
 * Nothing else is interpreted, stored or checked: whatever a real server costs above this is the
 * price of its CRDT work, persistence and policy.
 *
 * Run as its own process: `node --import tsx bench/servers/floorRelay.ts` (HOST, PORT).
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';

const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT || 0);

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
/** [sync, step 2, length 2, empty update (0 structs, 0 deletes)] */
const EMPTY_SYNC_STEP2 = new Uint8Array([0, 1, 2, 0, 0]);

interface RelayRoom {
  sockets: Set<WebSocket>;
  /** Highest awareness clock seen per client id, to drop echoes. */
  awarenessClocks: Map<number, number>;
}
const rooms = new Map<string, RelayRoom>();

/** True when the awareness frame holds a state newer than the room has relayed already. */
function carriesNews(room: RelayRoom, frame: Buffer): boolean {
  try {
    const outer = decoding.createDecoder(frame);
    decoding.readVarUint(outer); // message type
    const d = decoding.createDecoder(decoding.readVarUint8Array(outer));
    let news = false;
    for (let n = decoding.readVarUint(d); n > 0; n--) {
      const client = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state = decoding.readVarString(d);
      const seen = room.awarenessClocks.get(client) ?? -1;
      // A removal (state "null") may repeat the current clock.
      if (clock > seen || (clock === seen && state === 'null')) {
        room.awarenessClocks.set(client, clock);
        news = true;
      }
    }
    return news;
  } catch {
    return false;
  }
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('floor');
});
const wss = new WebSocketServer({ server });

wss.on('connection', (ws, req) => {
  const name = (req.url || '/').slice(1).split('?')[0];
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = { sockets: new Set(), awarenessClocks: new Map() }));
  room.sockets.add(ws);

  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary || data.length < 2) return;
    // Every y-websocket frame starts with a one-byte varuint type; sync frames with a subtype.
    if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP1) {
      ws.send(EMPTY_SYNC_STEP2);
      return;
    }
    if (data[0] === MESSAGE_AWARENESS && !carriesNews(room, data)) return;
    for (const peer of room.sockets) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data);
  });
  ws.on('close', () => {
    room.sockets.delete(ws);
    if (room.sockets.size === 0) rooms.delete(name);
  });
  ws.on('error', () => undefined);
});

server.listen(PORT, HOST, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : PORT;
  console.log(`floor relay listening on ws://${HOST}:${port}`);
});

const stop = () => {
  for (const c of wss.clients) c.close(1001, 'relay stopping');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
