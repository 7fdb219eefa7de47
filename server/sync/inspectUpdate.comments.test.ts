/**
 * The permission hook on the `comments` root, with updates as stock Yjs clients produce them and
 * as a hostile client hand-encodes them.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  deleteComment,
  editComment,
  encodePosition,
  getCommentsMap,
  getVision,
  readComments,
  setResolved,
} from '../../shared/schema.ts';
import { rawUpdate } from '../testing/rawUpdate.ts';
import { inspectUpdate } from './inspectUpdate.ts';
import { ADA, BEN, DAN, VIC, attempt, firstObjective, serverDoc, typeInVision } from './inspectUpdate.fixtures.ts';

const denied = (section: string) => ({ ok: false, section, reason: expect.any(String) });
const ok = { ok: true };

/** The server doc with a thread Ben started on the first objective. */
function withThread() {
  const server = serverDoc();
  const id = addComment(
    server,
    { author: BEN.userId, body: 'Can we commit to 95%?', anchor: { kind: 'objective', id: firstObjective(server) } },
    'c_ben',
  );
  return { server, id };
}

describe('inspectUpdate: comments', () => {
  it('a viewer starts a thread and replies as themselves', () => {
    const { server, id } = withThread();
    const reply = (d: Y.Doc) => addComment(d, { author: VIC.userId, body: 'Yes, by June.', thread: id }, 'c_vic');
    expect(attempt(server, VIC, reply)).toEqual(ok);
    const own = (d: Y.Doc) =>
      addComment(d, { author: VIC.userId, body: 'Who owns the data?', anchor: { kind: 'project', id: 'prj_ben' } });
    expect(attempt(server, VIC, own)).toEqual(ok);
    expect(readComments(server).map((c) => c.author)).toEqual([BEN.userId, VIC.userId, VIC.userId]);
  });

  it('a viewer still changes nothing else, not even alongside a comment', () => {
    const { server, id } = withThread();
    const both = (d: Y.Doc) => {
      addComment(d, { author: VIC.userId, body: 'Hi', thread: id });
      typeInVision(d);
    };
    expect(attempt(server, VIC, both).ok).toBe(false);
    expect(readComments(server)).toHaveLength(1);
  });

  it("a viewer editing another's comment is denied; so is a member or an admin", () => {
    const { server, id } = withThread();
    for (const actor of [VIC, DAN, ADA]) {
      expect(attempt(server, actor, (d) => editComment(d, id, 'Changed', []))).toEqual(denied('comments'));
    }
    expect(readComments(server)[0].body).toBe('Can we commit to 95%?');
    expect(attempt(server, BEN, (d) => editComment(d, id, 'Can we commit to 96%?', []))).toEqual(ok);
    expect(readComments(server)[0]).toMatchObject({ body: 'Can we commit to 96%?', editedAt: expect.any(String) });
  });

  it('a member forging the author is denied, as a new comment and afterwards', () => {
    const { server, id } = withThread();
    const forged = (d: Y.Doc) => addComment(d, { author: DAN.userId, body: 'I agree', thread: id });
    expect(attempt(server, BEN, forged)).toEqual(denied('comments'));
    expect(attempt(server, BEN, (d) => getCommentsMap(d).get(id)!.set('author', DAN.userId))).toEqual(
      denied('comments'),
    );
    expect(readComments(server).map((c) => c.author)).toEqual([BEN.userId]);
  });

  it("an admin deletes another's comment; a member or viewer cannot; the author can", () => {
    const { server, id } = withThread();
    const reply = addComment(server, { author: DAN.userId, body: 'Later', thread: id }, 'c_dan');
    expect(attempt(server, VIC, (d) => deleteComment(d, id))).toEqual(denied('comments'));
    expect(attempt(server, DAN, (d) => deleteComment(d, id))).toEqual(denied('comments'));
    expect(attempt(server, ADA, (d) => deleteComment(d, id))).toEqual(ok);
    expect(attempt(server, DAN, (d) => deleteComment(d, reply))).toEqual(ok);
    expect(readComments(server)).toEqual([]);
  });

  it("resolving: members, admins and the thread's author; not a viewer on someone else's thread", () => {
    const { server, id } = withThread();
    expect(attempt(server, VIC, (d) => setResolved(d, id, VIC.userId))).toEqual(denied('comments'));
    expect(attempt(server, DAN, (d) => setResolved(d, id, BEN.userId))).toEqual(denied('comments'));
    expect(attempt(server, DAN, (d) => setResolved(d, id, DAN.userId))).toEqual(ok);
    expect(attempt(server, ADA, (d) => setResolved(d, id, null))).toEqual(ok);
    const vicThread = addComment(server, { author: VIC.userId, body: 'Mine', anchor: { kind: 'objective', id: 'x' } });
    expect(attempt(server, VIC, (d) => setResolved(d, vicThread, VIC.userId))).toEqual(ok);
    expect(readComments(server).find((c) => c.id === vicThread)!.resolved).toMatchObject({ by: VIC.userId });
  });

  it('a text anchor from relative positions is accepted and resolves back to the phrase', () => {
    const server = serverDoc();
    const text = getVision(server).get(0) as Y.XmlElement;
    const run = text.get(0) as Y.XmlText;
    const start = Y.createRelativePositionFromTypeIndex(run, 0);
    const end = Y.createRelativePositionFromTypeIndex(run, 4);
    const anchor = {
      kind: 'text' as const,
      section: 'vision' as const,
      start: encodePosition(start),
      end: encodePosition(end),
      quote: 'Grow',
    };
    expect(attempt(server, VIC, (d) => addComment(d, { author: VIC.userId, body: 'Nice', anchor }))).toEqual(ok);
  });

  it('hand-encoded: a viewer writing a comment map with two authors is denied', () => {
    const server = serverDoc();
    const client = 4242;
    const update = rawUpdate([
      {
        client,
        clock: 0,
        structs: [
          { parent: 'comments', sub: 'c_x', type: 'map' },
          { parent: [client, 0], sub: 'author', any: [VIC.userId] },
          { parent: [client, 0], sub: 'body', any: ['hello'] },
          { origin: [client, 1], parent: [client, 0], sub: 'author', any: [BEN.userId] },
        ],
      },
    ]);
    expect(inspectUpdate(server, update, VIC)).toEqual(denied('comments'));
  });

  it('hand-encoded: a viewer hiding a GC struct next to an honest comment is denied', () => {
    const server = serverDoc();
    const client = 4243;
    const update = rawUpdate([
      {
        client,
        clock: 0,
        structs: [
          { parent: 'comments', sub: 'c_y', type: 'map' },
          { parent: [client, 0], sub: 'author', any: [VIC.userId] },
          { gc: 3 },
        ],
      },
    ]);
    expect(inspectUpdate(server, update, VIC).ok).toBe(false);
  });

  it('hand-encoded: a comment field holding a nested map is denied', () => {
    const server = serverDoc();
    const client = 4244;
    const update = rawUpdate([
      {
        client,
        clock: 0,
        structs: [
          { parent: 'comments', sub: 'c_z', type: 'map' },
          { parent: [client, 0], sub: 'author', any: [BEN.userId] },
          { parent: [client, 0], sub: 'body', type: 'map' },
        ],
      },
    ]);
    expect(inspectUpdate(server, update, BEN)).toEqual(denied('comments'));
    expect(inspectUpdate(server, update, ADA)).toEqual(denied('comments'));
  });
});
