/**
 * The first stage after decoding: rewrites a client's update into the one form that Yjs
 * integrates exactly as it is written, against the live document. The inspector judges the
 * rewritten update and the room applies that same rewritten update, so what is judged is what is
 * applied, struct for struct.
 *
 * Why a rewrite: Yjs integrates an update in ways a reader of its structs does not see.
 * - A struct that starts below the document's clock for its client and runs past it is
 *   integrated from the unseen part on, placed after the document's item just before it, in
 *   *that* item's parent, not the parent the struct names. The rewrite slices it exactly there,
 *   so the remaining part names its left neighbour as its origin, and the inspector resolves its
 *   place as Yjs does.
 * - A client listed in two sections of one update keeps only its last section; the rest waits as
 *   "pending" and integrates, unjudged, when a later update fills the gap. The rewrite writes each
 *   client once, all of its structs in one run.
 * - Anything Yjs would park as pending (a client's first new struct beyond the document's clock,
 *   a gap, a skip) is refused here, before anything is applied.
 *
 * What must stay true:
 * - the output holds each client once, its structs contiguous from exactly the document's clock;
 *   structs the document already has are left out;
 * - the cost follows the update: the document is only asked for its clock per client;
 * - nothing here changes the document.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DOCUMENT_SECTION, Refused, type Struct } from './updateIndex.ts';

import type { DecodedUpdate } from './types.ts';

export interface NormalisedUpdate {
  /** The rewritten update (v1), the bytes the room applies. */
  update: Uint8Array;
  /** `update`, decoded: the structs the inspector judges. */
  decoded: DecodedUpdate;
  /** Clients under which the update writes new structs (the client ids it uses). */
  writers: number[];
}

type Deletes = Map<number, Array<{ clock: number; len: number }>>;

const refuse = (reason: string): never => {
  throw new Refused(DOCUMENT_SECTION, reason);
};

/**
 * The update as Yjs will integrate it into `doc`, or null when it adds nothing (no new struct, no
 * delete). Throws `Refused` for anything that would not integrate completely right now.
 */
export function normaliseUpdate(doc: Y.Doc, decoded: DecodedUpdate): NormalisedUpdate | null {
  const runs = newStructsByClient(doc, decoded.structs);
  const deletes = mergedDeletes(decoded.ds.clients);
  if (runs.size === 0 && deletes.size === 0) return null;

  const encoder = new Y.UpdateEncoderV1();
  const out = encoder.restEncoder;
  // Highest client first, as Yjs writes them (the order does not change what integrates).
  const clients = [...runs.keys()].sort((a, b) => b - a);
  encoding.writeVarUint(out, clients.length);
  for (const client of clients) {
    const { structs, from } = runs.get(client)!;
    encoding.writeVarUint(out, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(out, from);
    structs[0].write(encoder, from - structs[0].id.clock);
    for (let i = 1; i < structs.length; i++) structs[i].write(encoder, 0);
  }
  // The delete set, as Yjs's writeDeleteSet writes it.
  encoding.writeVarUint(out, deletes.size);
  for (const [client, ranges] of deletes) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(out, client);
    encoding.writeVarUint(out, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  const update = encoder.toUint8Array();
  return { update, decoded: Y.decodeUpdate(update), writers: clients };
}

/**
 * Each client's structs that the document does not have yet, as one contiguous run starting at
 * the document's clock. Structs must arrive in clock order per client; a client may be split in
 * several adjacent sections (Yjs would drop all but the last; here they are joined), but never
 * interleaved with gaps, overlaps or other clients in between.
 */
function newStructsByClient(
  doc: Y.Doc,
  structs: readonly Struct[],
): Map<number, { structs: Array<Y.Item | Y.GC>; from: number }> {
  const runs = new Map<number, { structs: Array<Y.Item | Y.GC>; from: number; next: number; done: boolean }>();
  let current: number | null = null;
  for (const s of structs) {
    if (s instanceof Y.Skip) refuse('the update has gaps (skip structs)');
    if (!(s.length > 0)) refuse('the update holds an empty struct');
    const client = s.id.client;
    let run = runs.get(client);
    if (!run) {
      run = { structs: [], from: Y.getState(doc.store, client), next: s.id.clock, done: false };
      runs.set(client, run);
    } else if (current !== client) {
      refuse('the update lists a client twice');
    }
    if (s.id.clock !== run.next) refuse('the update lists a client with gaps or overlaps');
    current = client;
    run.next = s.id.clock + s.length;
    if (run.next <= run.from) continue; // the document has all of it: not part of what is applied
    if (run.structs.length === 0 && s.id.clock > run.from)
      refuse('the update builds on changes the server does not have');
    run.structs.push(s);
  }
  const out = new Map<number, { structs: Array<Y.Item | Y.GC>; from: number }>();
  for (const [client, run] of runs) if (run.structs.length) out.set(client, { structs: run.structs, from: run.from });
  return out;
}

/** The delete set sorted and merged per client; an empty range is refused (Yjs half-applies it). */
function mergedDeletes(clients: Deletes): Deletes {
  const out: Deletes = new Map();
  for (const [client, items] of clients) {
    if (items.some((d) => !(d.len > 0) || !Number.isSafeInteger(d.clock + d.len)))
      refuse('the update has an empty delete range');
    const sorted = items.map((d) => ({ clock: d.clock, len: d.len })).sort((a, b) => a.clock - b.clock);
    const merged: Array<{ clock: number; len: number }> = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
      else merged.push(r);
    }
    if (merged.length) out.set(client, merged);
  }
  return out;
}
