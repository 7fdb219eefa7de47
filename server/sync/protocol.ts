/**
 * Decoding and encoding of the y-websocket wire format (y-protocols), kept pure so the room only
 * ever sees messages that were fully decoded and checked. Decoding never touches a document:
 * a message that fails here changes nothing (CONTRACT 5: close 1007).
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { MessageType } from '../../shared/closeCodes.ts';
import type { DecodedUpdate } from './types.ts';

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** The raw JSON text of the state ("null" removes the state). */
  state: string;
}

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2' | 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' }
  | { kind: 'auth' };

export class MalformedMessageError extends Error {}

function fail(why: string): never {
  throw new MalformedMessageError(why);
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) fail('trailing bytes after the message');
}

/**
 * Decodes one client frame. Throws MalformedMessageError for anything that is not a complete,
 * well-formed y-websocket message; the update payload is decoded with `Y.decodeUpdate`, which
 * (unlike `Y.applyUpdate`) throws without side effects.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          Y.decodeStateVector(payload);
          return { kind: 'syncStep1', stateVector: payload };
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const decoded = Y.decodeUpdate(payload);
          return {
            kind: syncType === syncProtocol.messageYjsSyncStep2 ? 'syncStep2' : 'update',
            update: payload,
            decoded,
          };
        }
        return fail(`unknown sync message type ${syncType}`);
      }
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        return { kind: 'awareness', entries: decodeAwarenessUpdate(update) };
      }
      case MessageType.QueryAwareness:
        expectEnd(decoder);
        return { kind: 'queryAwareness' };
      case MessageType.Auth:
        // Clients have nothing to say on the auth channel; accept and ignore a well-formed frame.
        decoding.readVarUint(decoder);
        return { kind: 'auth' };
      default:
        return fail(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err));
  }
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const len = decoding.readVarUint(decoder);
  // Every entry takes at least 3 bytes: a count beyond that is a lie, not a big update.
  if (len > update.length) fail('awareness entry count exceeds the message');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < len; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    entries.push({ clientID, clock, state });
  }
  expectEnd(decoder);
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientID);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

// ------------------------------------------------------------------------------------------
// Server → client frames
// ------------------------------------------------------------------------------------------

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
