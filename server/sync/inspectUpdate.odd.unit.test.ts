/**
 * Odd, crafted and fuzzed updates: each must be refused, thrown out as malformed, or (when it is
 * allowed) integrate completely without touching what the sender may not change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  getMeta,
  getObjectivesMap,
  getVision,
  readObjectives,
  richTextToPlain,
  updateObjective,
} from '../../shared/schema.ts';
import { MalformedUpdateError, inspectUpdate } from './inspectUpdate.ts';
import { rawUpdate, type Id } from '../testing/rawUpdate.ts';
import {
  ADA,
  BEN,
  VIC,
  clientOf,
  firstParagraphText,
  firstObjective,
  serverDoc,
  updateFrom,
} from './inspectUpdate.fixtures.ts';

const firstText = (doc: Y.Doc) => firstParagraphText(doc);
const denied = (section = 'document') => ({ ok: false, section, reason: expect.any(String) });

/** The id of the last character of the vision's first text node, and of an objective's title value. */
function anchors(server: Y.Doc) {
  const text = firstText(server)._start!;
  const objective = getObjectivesMap(server).get(firstObjective(server))!;
  const title = objective._map.get('title')!;
  return {
    textEnd: [text.id.client, text.id.clock + text.length - 1] as Id,
    title: [title.id.client, title.id.clock] as Id,
    text: [text.id.client, text.id.clock] as Id,
  };
}

describe('inspectUpdate: crafted updates', () => {
  it('a crafted insert into the vision is understood (the encoder is right)', () => {
    const server = serverDoc();
    const u = rawUpdate([{ client: 999, clock: 0, structs: [{ origin: anchors(server).textEnd, text: '!' }] }]);
    expect(inspectUpdate(server, u, BEN)).toEqual({ ok: true });
    Y.applyUpdate(server, u);
    expect(richTextToPlain(getVision(server))).toContain('Grow together.!');
  });

  it('inline content straight into a rich-text section is denied, even to an admin; a block is allowed', () => {
    const server = serverDoc();
    for (const inline of [() => new Y.XmlText('loose text'), () => new Y.XmlElement('paragraph')]) {
      const u = updateFrom(server, (doc) => getVision(doc).push([inline()]));
      const verdict = inspectUpdate(server, u, ADA);
      if (inline().constructor === Y.XmlText) expect(verdict).toEqual(denied('vision'));
      else expect(verdict).toEqual({ ok: true });
    }
    // A crafted string item with the section itself as parent is refused too.
    expect(
      inspectUpdate(server, rawUpdate([{ client: 999, clock: 0, structs: [{ parent: 'vision', text: 'x' }] }]), ADA),
    ).toEqual(denied('vision'));
  });

  it('an item between neighbours of different parents is denied', () => {
    const server = serverDoc();
    const { textEnd, title } = anchors(server);
    expect(
      inspectUpdate(
        server,
        rawUpdate([{ client: 999, clock: 0, structs: [{ origin: textEnd, right: title, text: 'x' }] }]),
        ADA,
      ),
    ).toEqual(denied());
  });

  it('an item whose parent is not a shared type is denied', () => {
    const server = serverDoc();
    expect(
      inspectUpdate(
        server,
        rawUpdate([{ client: 999, clock: 0, structs: [{ parent: anchors(server).text, text: 'x' }] }]),
        ADA,
      ),
    ).toEqual(denied());
  });

  it('a forward reference to the same client is denied (yjs would throw half way)', () => {
    const server = serverDoc();
    expect(
      inspectUpdate(server, rawUpdate([{ client: 999, clock: 0, structs: [{ origin: [999, 5], text: 'x' }] }]), ADA),
    ).toEqual(denied());
  });

  it('two clients referring to each other (a cycle) are denied', () => {
    const server = serverDoc();
    const u = rawUpdate([
      { client: 1001, clock: 0, structs: [{ origin: [1002, 0], text: 'a' }] },
      { client: 1002, clock: 0, structs: [{ origin: [1001, 0], text: 'b' }] },
    ]);
    expect(inspectUpdate(server, u, ADA)).toEqual(denied());
  });

  it('two clients where one builds on the other are allowed, in either listing order', () => {
    const server = serverDoc();
    const { textEnd } = anchors(server);
    const a = { client: 1001, clock: 0, structs: [{ origin: [1002, 0] as Id, text: 'a' }] };
    const b = { client: 1002, clock: 0, structs: [{ origin: textEnd, text: 'b' }] };
    expect(inspectUpdate(server, rawUpdate([a, b]), BEN)).toEqual({ ok: true });
    expect(inspectUpdate(server, rawUpdate([b, a]), BEN)).toEqual({ ok: true });
  });

  it('a client listed twice is denied', () => {
    const server = serverDoc();
    const u = rawUpdate([
      { client: 1003, clock: 0, structs: [{ gc: 2 }] },
      { client: 1003, clock: 0, structs: [{ gc: 2 }] },
    ]);
    expect(inspectUpdate(server, u, BEN)).toEqual(denied());
  });

  it('an item with an unknown root parent, or a map key on a known one, is judged by that root', () => {
    const server = serverDoc();
    expect(
      inspectUpdate(
        server,
        rawUpdate([{ client: 999, clock: 0, structs: [{ parent: 'evil', sub: 'k', any: [1] }] }]),
        ADA,
      ),
    ).toEqual(denied('evil'));
    expect(
      inspectUpdate(
        server,
        rawUpdate([{ client: 999, clock: 0, structs: [{ parent: 'objectives', sub: 'k', any: [1] }] }]),
        BEN,
      ),
    ).toEqual(denied('objectives'));
  });

  it('deleting ranges the server does not have is denied (yjs would apply them later, unseen)', () => {
    const server = serverDoc();
    expect(inspectUpdate(server, rawUpdate([], [[4242, 0, 3]]), ADA)).toEqual(denied());
    const state = Y.getState(server.store, server.clientID);
    expect(inspectUpdate(server, rawUpdate([], [[server.clientID, state - 1, 2]]), ADA)).toEqual(denied());
  });
});

describe('inspectUpdate: updates that build on what the server lacks', () => {
  it('a skip struct (a merged update with a hole) is denied', () => {
    const server = serverDoc();
    const c = clientOf(server);
    const updates: Uint8Array[] = [];
    c.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['a', 'b', 'c']) firstText(c).insert(0, word);
    expect(inspectUpdate(server, Y.mergeUpdates([updates[0], updates[2]]), BEN)).toEqual(denied());
    expect(inspectUpdate(server, updates[1], BEN)).toEqual(denied());
    expect(inspectUpdate(server, updates[0], BEN)).toEqual({ ok: true });
  });

  it("an origin in another client's change the server never got is denied", () => {
    const server = serverDoc();
    const other = clientOf(server);
    firstText(other).insert(0, 'Hello ');
    const ben = clientOf(server);
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(other));
    firstText(ben).insert(3, 'X');
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(other)), BEN)).toEqual(denied());
    firstText(ben).delete(0, 2);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(other)), BEN)).toEqual(denied());
    // With the other client's change included, it all resolves.
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(server)), BEN)).toEqual({ ok: true });
  });

  it('a subdocument is denied, even to an admin', () => {
    const server = serverDoc();
    expect(
      inspectUpdate(
        server,
        updateFrom(server, (d) => getObjectivesMap(d).set('x', new Y.Doc() as never)),
        ADA,
      ),
    ).toEqual(denied());
  });

  it('a struct partly known to the server is judged and integrates', () => {
    const server = serverDoc();
    const c = clientOf(server);
    const sv = Y.encodeStateVector(server);
    firstText(c).insert(0, 'He');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(c, sv));
    firstText(c).insert(2, 'llo ');
    const overlapping = Y.encodeStateAsUpdate(c, sv);
    expect(inspectUpdate(server, overlapping, BEN)).toEqual({ ok: true });
    expect(inspectUpdate(server, overlapping, VIC)).toEqual(denied('vision'));
    Y.applyUpdate(server, overlapping);
    expect(richTextToPlain(getVision(server))).toContain('Hello Grow');
  });

  it('typing into a paragraph someone deleted (now garbage-collected) changes nothing and is allowed', () => {
    const server = serverDoc();
    const stale = clientOf(server);
    Y.applyUpdate(
      server,
      updateFrom(server, (d) => getVision(d).delete(0, 1)),
    );
    const after = richTextToPlain(getVision(server));
    expect(server.store.clients.get(server.clientID)!.some((s) => s instanceof Y.GC)).toBe(true);
    firstText(stale).insert(0, 'late ');
    const u = Y.encodeStateAsUpdate(stale, Y.encodeStateVector(server));
    expect(inspectUpdate(server, u, BEN)).toEqual({ ok: true });
    expect(inspectUpdate(server, u, VIC)).toEqual(denied());
    Y.applyUpdate(server, u);
    expect(richTextToPlain(getVision(server))).toBe(after);
    expect(server.store.pendingStructs).toBeNull();
  });
});

describe('inspectUpdate: fuzzed bytes', () => {
  function prng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const adminOnly = (doc: Y.Doc) => JSON.stringify([getObjectivesMap(doc).toJSON(), getMeta(doc).toJSON()]);

  /** Either malformed, denied, or (allowed) integrating fully without touching admin-only parts. */
  function check(server: Y.Doc, bytes: Uint8Array) {
    let result;
    try {
      result = inspectUpdate(server, bytes, BEN);
    } catch (err) {
      expect(err).toBeInstanceOf(MalformedUpdateError);
      return 'malformed';
    }
    if (!result.ok) return 'denied';
    const clone = clientOf(server);
    const before = adminOnly(clone);
    Y.applyUpdate(clone, bytes);
    expect(clone.store.pendingStructs).toBeNull();
    expect(clone.store.pendingDs).toBeNull();
    expect(adminOnly(clone)).toBe(before);
    return 'allowed';
  }

  it('random bytes and bit-flipped real updates never slip past', () => {
    const server = serverDoc();
    const rand = prng(7);
    const bases = [
      updateFrom(server, (d) => updateObjective(d, firstObjective(d), { title: 'Mine' })),
      updateFrom(server, (d) => getMeta(d).set('title', 'Mine')),
      updateFrom(server, (d) => firstText(d).insert(0, 'typed')),
      updateFrom(server, (d) => getVision(d).delete(0, 1)),
    ];
    const seen = { malformed: 0, denied: 0, allowed: 0 };
    for (let i = 0; i < 400; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 48)).map(() => Math.floor(rand() * 256));
      seen[check(server, bytes)]++;
    }
    for (const base of bases) {
      for (let i = 0; i < 300; i++) {
        const bytes = base.slice();
        for (let f = 1 + Math.floor(rand() * 3); f > 0; f--)
          bytes[Math.floor(rand() * bytes.length)] ^= 1 << Math.floor(rand() * 8);
        seen[check(server, bytes)]++;
      }
    }
    expect(seen.denied + seen.malformed).toBeGreaterThan(0);
    expect(readObjectives(server)[0].title).toBe('Fill rate');
  });
});
