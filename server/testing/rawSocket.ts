/**
 * A sync client that speaks the y-websocket protocol by hand over a real `ws` socket: it keeps a
 * mirror of what the server sent, counts every document update relayed to it, and sends any frame
 * a test builds. For hostile cases the stock provider cannot produce. Not used by production code.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/closeCodes.ts';
import { encodeUpdateMessage } from '../sync/protocol.ts';

export interface RawSocket {
  /** What the server sent of the document (sync step 2 and relayed updates applied). */
  readonly doc: Y.Doc;
  /** Document updates relayed to this socket after its initial sync. */
  readonly relayed: Uint8Array[];
  /** Permission-denied reasons received. */
  readonly denials: string[];
  /** Resolves with the close code and reason once the socket closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): void;
  sendUpdate(update: Uint8Array): void;
  /**
   * A positive barrier: asks the server for its state (sync step 1) and resolves when the answer
   * arrives. The server answers after every write it accepted before, so anything it was going to
   * relay to this socket from earlier messages has arrived by then.
   */
  barrier(): Promise<void>;
  close(): void;
}

export async function rawSocket(wsUrl: string, room: string, cookie: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/${room}`, { headers: { cookie } });
  ws.binaryType = 'nodebuffer';
  const doc = new Y.Doc();
  const relayed: Uint8Array[] = [];
  const denials: string[] = [];
  let synced = false;
  const waiting: Array<() => void> = [];
  let onSynced: () => void = () => undefined;
  const syncedOnce = new Promise<void>((r) => (onSynced = r));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Auth) {
      authProtocol.readAuthMessage(decoder, doc, (_d, reason) => denials.push(reason));
      return;
    }
    if (type !== MessageType.Sync) return;
    const sub = decoding.readVarUint(decoder);
    if (sub === syncProtocol.messageYjsSyncStep1) {
      // Answer as a stock client does (with what the server lacks: nothing), which ends the
      // server's wait for this client's offline edits.
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.writeSyncStep2(e, doc, decoding.readVarUint8Array(decoder));
      ws.send(encoding.toUint8Array(e));
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    Y.applyUpdate(doc, update, 'server');
    if (sub === syncProtocol.messageYjsSyncStep2) {
      if (!synced) {
        synced = true;
        onSynced();
      } else waiting.shift()?.();
    } else relayed.push(update);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  const step1 = () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, doc);
    return encoding.toUint8Array(e);
  };
  ws.send(step1());
  await syncedOnce;
  return {
    doc,
    relayed,
    denials,
    closed,
    send: (frame) => ws.send(frame),
    sendUpdate: (update) => ws.send(encodeUpdateMessage(update)),
    barrier: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        ws.send(step1());
      }),
    close: () => ws.close(),
  };
}
