/**
 * Comments, mentions and the inbox through real parts: buildApp on port 0 with the demo data in a
 * temp LevelDB, stock y-websocket clients for honest people, a hand-driven socket for a forger,
 * and node's http client reading the plan event stream as a browser would.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.ts';
import { PlanEvent, type NotificationsEventData } from '../../shared/planEvents.ts';
import type { Notification } from './NotificationStore.ts';
import {
  addComment,
  deleteComment,
  editComment,
  getCommentsMap,
  readComments,
  setResolved,
} from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';
import { rawSocket } from '../testing/rawSocket.ts';

const REL = 'acme-globex';
const USERS = {
  ada: 'ada@acme.example',
  ben: 'ben@acme.example',
  cara: 'cara@globex.example',
  dan: 'dan@globex.example',
  vic: 'vic@globex.example',
};
type Who = keyof typeof USERS;

let s: TestServer;
const cookies = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;
const clients: TestClient[] = [];

beforeAll(async () => {
  // Documents stay loaded from the seed on: the inbox must watch documents loaded before any socket.
  s = await startServer(
    { SEED: 'demo', IDLE_UNLOAD_MS: 600_000 },
    { historyTimings: { settleMs: 3_600_000, maxBurstMs: 3_600_000 } },
  );
  for (const who of Object.keys(USERS) as Who[]) {
    cookies[who] = await login(s.url, USERS[who]);
    ids[who] = (await (await fetch(`${s.url}/api/me`, { headers: { cookie: cookies[who] } })).json()).id;
  }
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await s.destroy();
});

async function client(who: Who): Promise<TestClient> {
  const c = connectClient(s.wsUrl, REL, { cookie: cookies[who] });
  clients.push(c);
  await c.synced();
  return c;
}

async function api(who: Who, method: string, path: string, body?: unknown) {
  const res = await fetch(`${s.url}/api${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The `notifications` events of `who`'s plan event stream, as they arrive. */
function notificationEvents(who: Who): Promise<{ events: NotificationsEventData[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const events: NotificationsEventData[] = [];
    const req = http.get(
      `${s.url}/api/relationships/${REL}/events`,
      { headers: { accept: 'text/event-stream', cookie: cookies[who] } },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, at).split('\n');
            buffer = buffer.slice(at + 2);
            const event = block.find((l) => l.startsWith('event: '))?.slice(7);
            const data = block.find((l) => l.startsWith('data: '))?.slice(6);
            if (event === PlanEvent.Notifications && data) events.push(JSON.parse(data) as NotificationsEventData);
          }
        });
        resolve({ events, close: () => req.destroy() });
      },
    );
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
  });
}

const settled = () => s.app.fastify.notifications!.settled();

describe('comments through the real server', () => {
  it('mention, reply, resolve: the inbox records each for the right person and the count is pushed live', async () => {
    const ben = await client('ben');
    const cara = await client('cara');
    const caraStream = await notificationEvents('cara');
    const benStream = await notificationEvents('ben');
    try {
      const thread = addComment(ben.doc, {
        author: ids.ben,
        body: '@Cara can we commit to 95% by June?',
        mentions: [ids.cara, 'u_nobody'],
        anchor: { kind: 'objective', id: 'obj_x' },
      });
      await waitFor(() => caraStream.events.length > 0, 10_000, "Cara's unread count");
      expect(caraStream.events.at(-1)).toEqual({ unread: 1, byRelationship: { [REL]: 1 } });
      const inbox = await api('cara', 'GET', '/notifications');
      expect(inbox.status).toBe(200);
      expect(inbox.body).toMatchObject({ unread: 1, next: null });
      expect(inbox.body.items).toEqual([
        expect.objectContaining({
          kind: 'mention',
          relationshipId: REL,
          commentId: thread,
          threadId: thread,
          by: { id: ids.ben, name: expect.any(String) },
          excerpt: '@Cara can we commit to 95% by June?',
          read: false,
        }),
      ]);

      await waitFor(() => readComments(cara.doc).length === 1);
      addComment(cara.doc, { author: ids.cara, body: 'Yes, if Dan owns the data source.', thread });
      await waitFor(() => benStream.events.length > 0, 10_000, "Ben's unread count");
      await waitFor(() => readComments(ben.doc).length === 2, 10_000, 'the reply, live');
      setResolved(cara.doc, thread, ids.cara);
      await waitFor(() => benStream.events.length > 1, 10_000, "Ben's second count");
      await settled();
      const benInbox = await api('ben', 'GET', '/notifications');
      expect((benInbox.body.items as Notification[]).map((n) => n.kind)).toEqual(['resolved', 'reply']);
      expect(benInbox.body.unread).toBe(2);
      // Nobody is told of their own doing; the outsider mentioned got nothing.
      expect((await api('cara', 'GET', '/notifications')).body.items).toHaveLength(1);
      // Ben edits his comment to mention Dan too: Dan is told, Cara is not told again.
      editComment(ben.doc, thread, '@Cara @Dan can we commit to 95% by June?', [ids.cara, ids.dan]);
      await waitFor(async () => (await api('dan', 'GET', '/notifications')).body.items.length === 1, 10_000, 'Dan');
      await settled();
      expect((await api('dan', 'GET', '/notifications')).body.items[0]).toMatchObject({
        kind: 'mention',
        commentId: thread,
      });
      expect((await api('cara', 'GET', '/notifications')).body.items).toHaveLength(1);

      const read = await api('ben', 'POST', '/notifications/read', { ids: [benInbox.body.items[0].id] });
      expect(read.body).toMatchObject({ changed: 1, unread: 1 });
      await waitFor(() => benStream.events.at(-1)?.unread === 1);
      expect((await api('ben', 'POST', '/notifications/read', { all: true })).body).toMatchObject({ unread: 0 });
      expect((await api('ben', 'POST', '/notifications/read', {})).status).toBe(400);
      expect((await api('ben', 'GET', '/notifications?limit=0')).status).toBe(400);
    } finally {
      caraStream.close();
      benStream.close();
    }
  });

  it('a viewer comments and everyone sees it; a viewer editing another’s comment is refused and changes nothing', async () => {
    const ben = await client('ben');
    const vic = await client('vic');
    const thread = addComment(ben.doc, {
      author: ids.ben,
      body: 'Who owns the data source?',
      anchor: { kind: 'project', id: 'p' },
    });
    await waitFor(() => readComments(vic.doc).some((c) => c.id === thread));
    const reply = addComment(vic.doc, { author: ids.vic, body: 'Globex does.', thread });
    await waitFor(() => readComments(ben.doc).some((c) => c.id === reply), 10_000, "the viewer's reply");
    expect(vic.denials).toEqual([]);

    const raw = await rawSocket(s.wsUrl, REL, cookies.vic);
    const before = Y.encodeStateVector(raw.doc);
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(raw.doc));
    editComment(mine, thread, 'Vic was here', []);
    raw.sendUpdate(Y.encodeStateAsUpdate(mine, before));
    expect((await raw.closed).code).toBe(CloseCode.PermissionDenied);
    expect(raw.denials[0]).toMatch(/^comments: /);
    const fresh = await client('ada');
    expect(readComments(fresh.doc).find((c) => c.id === thread)!.body).toBe('Who owns the data source?');
  });

  it('a member forging the author is refused; an admin deletes another’s comment', async () => {
    const raw = await rawSocket(s.wsUrl, REL, cookies.ben);
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(raw.doc));
    const sv = Y.encodeStateVector(raw.doc);
    addComment(mine, { author: ids.dan, body: 'Signed, Dan', anchor: { kind: 'objective', id: 'o' } });
    raw.sendUpdate(Y.encodeStateAsUpdate(mine, sv));
    expect((await raw.closed).code).toBe(CloseCode.PermissionDenied);
    expect(raw.denials[0]).toMatch(/author/);

    const dan = await client('dan');
    const doomed = addComment(dan.doc, { author: ids.dan, body: 'Off topic', anchor: { kind: 'objective', id: 'o' } });
    const ada = await client('ada');
    await waitFor(() => getCommentsMap(ada.doc).has(doomed));
    deleteComment(ada.doc, doomed);
    await waitFor(() => !getCommentsMap(dan.doc).has(doomed), 10_000, 'the delete, live');
    expect(ada.denials).toEqual([]);
  });

  it('an archived relationship takes no comment, not even a viewer’s; unarchived, comments are open again', async () => {
    expect((await api('ada', 'PATCH', `/relationships/${REL}`, { archived: true })).status).toBe(200);
    try {
      const raw = await rawSocket(s.wsUrl, REL, cookies.vic);
      const mine = new Y.Doc();
      Y.applyUpdate(mine, Y.encodeStateAsUpdate(raw.doc));
      const sv = Y.encodeStateVector(raw.doc);
      const refused = addComment(mine, { author: ids.vic, body: 'Archived?', anchor: { kind: 'objective', id: 'o' } });
      raw.sendUpdate(Y.encodeStateAsUpdate(mine, sv));
      expect((await raw.closed).code).toBe(CloseCode.PermissionDenied);
      expect(raw.denials[0]).toMatch(/archived/);
      const reader = await client('ada');
      expect(getCommentsMap(reader.doc).has(refused)).toBe(false);
    } finally {
      expect((await api('ada', 'PATCH', `/relationships/${REL}`, { archived: false })).status).toBe(200);
    }
    const vic = await client('vic');
    const ada = await client('ada');
    const open = addComment(vic.doc, { author: ids.vic, body: 'Open again', anchor: { kind: 'objective', id: 'o' } });
    await waitFor(() => getCommentsMap(ada.doc).has(open), 10_000, 'the comment after unarchiving');
    expect(vic.denials).toEqual([]);
  });

  it('a comment written offline reaches the others after reconnecting', async () => {
    const dan = await client('dan');
    const cara = await client('cara');
    dan.provider.disconnect();
    const offline = addComment(dan.doc, {
      author: ids.dan,
      body: 'Written on the train',
      anchor: { kind: 'objective', id: 'o' },
    });
    dan.provider.connect();
    await waitFor(() => readComments(cara.doc).some((c) => c.id === offline), 10_000, 'the offline comment');
    expect(dan.denials).toEqual([]);
  });

  it('someone removed from the relationship no longer sees its notifications; back on the team, they do', async () => {
    const ben = await client('ben');
    const thread = addComment(ben.doc, {
      author: ids.ben,
      body: '@Dan is the Rotterdam lane data yours?',
      mentions: [ids.dan],
      anchor: { kind: 'objective', id: 'obj_lane' },
    });
    const mine = (body: { items: { commentId: string }[] }) => body.items.filter((n) => n.commentId === thread);
    await waitFor(
      async () => mine((await api('dan', 'GET', '/notifications')).body).length === 1,
      10_000,
      'the mention',
    );
    const before = (await api('dan', 'GET', '/notifications')).body;
    expect(before.byRelationship[REL]).toBeGreaterThanOrEqual(1);

    expect((await api('cara', 'DELETE', `/relationships/${REL}/team/${ids.dan}`)).status).toBe(204);
    try {
      const after = (await api('dan', 'GET', '/notifications')).body;
      expect(after.items.filter((n: { relationshipId: string }) => n.relationshipId === REL)).toEqual([]);
      expect(after.byRelationship[REL]).toBeUndefined();
      expect(after.unread).toBe(before.unread - before.byRelationship[REL]);
    } finally {
      expect((await api('cara', 'PUT', `/relationships/${REL}/team/${ids.dan}`, { role: 'member' })).status).toBe(200);
    }
    expect(mine((await api('dan', 'GET', '/notifications')).body)).toHaveLength(1);
  });
});
