/**
 * Hand-encoded Yjs updates (the v1 wire format), for tests that must send what no well-behaved
 * client sends: overlapping clocks, one client in several sections, structs under other people's
 * client ids, wrong value types. Not imported by production code.
 */
import * as encoding from 'lib0/encoding';

export type Id = [client: number, clock: number];

/** A new shared type as an item's content. */
export type RawType = 'map' | 'array' | 'xmlText' | { xmlElement: string };

export type RawStruct =
  | { gc: number }
  | {
      origin?: Id;
      right?: Id;
      /** A root name, or the id of the item that created the parent type. */
      parent?: string | Id;
      sub?: string;
      text?: string;
      any?: unknown[];
      type?: RawType;
      format?: [key: string, value: unknown];
    };

export interface RawRun {
  client: number;
  clock: number;
  structs: RawStruct[];
}

const TYPE_REFS = { array: 0, map: 1, xmlElement: 3, xmlText: 6 } as const;

function contentRef(s: Exclude<RawStruct, { gc: number }>): number {
  if (s.text !== undefined) return 4;
  if (s.format) return 6;
  if (s.type) return 7;
  return 8;
}

/** One update: runs in the order given (a client may appear more than once), then the delete set. */
export function rawUpdate(runs: RawRun[], ds: Array<[client: number, clock: number, len: number]> = []): Uint8Array {
  const e = encoding.createEncoder();
  const id = ([client, clock]: Id) => (encoding.writeVarUint(e, client), encoding.writeVarUint(e, clock));
  encoding.writeVarUint(e, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(e, run.structs.length);
    id([run.client, run.clock]);
    for (const s of run.structs) {
      if ('gc' in s) {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, s.gc);
        continue;
      }
      const parentInfo = !s.origin && !s.right;
      encoding.writeUint8(
        e,
        contentRef(s) | (s.origin ? 128 : 0) | (s.right ? 64 : 0) | (parentInfo && s.sub ? 32 : 0),
      );
      if (s.origin) id(s.origin);
      if (s.right) id(s.right);
      if (parentInfo) {
        encoding.writeVarUint(e, typeof s.parent === 'string' ? 1 : 0);
        if (typeof s.parent === 'string') encoding.writeVarString(e, s.parent);
        else id(s.parent as Id);
        if (s.sub) encoding.writeVarString(e, s.sub);
      }
      if (s.text !== undefined) encoding.writeVarString(e, s.text);
      else if (s.format) {
        encoding.writeVarString(e, s.format[0]);
        encoding.writeVarString(e, JSON.stringify(s.format[1]));
      } else if (s.type) {
        if (typeof s.type === 'object') {
          encoding.writeVarUint(e, TYPE_REFS.xmlElement);
          encoding.writeVarString(e, s.type.xmlElement);
        } else encoding.writeVarUint(e, TYPE_REFS[s.type]);
      } else {
        encoding.writeVarUint(e, (s.any ?? []).length);
        for (const v of s.any ?? []) encoding.writeAny(e, v as never);
      }
    }
  }
  const clients = [...new Set(ds.map(([c]) => c))];
  encoding.writeVarUint(e, clients.length);
  for (const client of clients) {
    const mine = ds.filter(([c]) => c === client);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, mine.length);
    for (const [, clock, len] of mine) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}
