/**
 * The permission hook against a hostile client (issue classes 1–3, 4 at inspection, 7 and 8):
 * hand-encoded frames over a real socket to a real server with the demo plan. Every attack must
 * end the same way: the socket is closed with 4403, a fresh admin client sees the same document
 * and state vector as before, `GET …/plan` answers the same, the store holds the same state, and
 * an observer was relayed nothing (checked after a barrier the server answers in order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.ts';
import {
  addProgress,
  getMeta,
  getObjectivesMap,
  getProgressMap,
  getProjectsMap,
  getVision,
  readObjectives,
  readProjects,
  clearLock,
  readLock,
  setLock,
} from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestServer } from '../testing/harness.ts';
import { rawSocket, type RawSocket } from '../testing/rawSocket.ts';
import { rawUpdate, type Id } from '../testing/rawUpdate.ts';

const ROOM = 'acme-globex';
const USERS = {
  ada: 'ada@acme.example',
  ben: 'ben@acme.example',
  cara: 'cara@globex.example',
  vic: 'vic@globex.example',
};
type Who = keyof typeof USERS;

let server: TestServer;
const cookies = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;

async function signInAll(s: TestServer) {
  for (const who of Object.keys(USERS) as Who[]) {
    cookies[who] = await login(s.url, USERS[who]);
    ids[who] = (await (await fetch(`${s.url}/api/me`, { headers: { cookie: cookies[who] } })).json()).id;
  }
}

/** What everyone else would see: a fresh admin client's state, the REST plan, and the store. */
async function observed(s: TestServer) {
  const fresh = connectClient(s.wsUrl, ROOM, { cookie: cookies.ada });
  await fresh.synced();
  const sv = Y.encodeStateVector(fresh.doc);
  const vision = getVision(fresh.doc).toJSON();
  fresh.destroy();
  const plan = (
    await (await fetch(`${s.url}/api/relationships/${ROOM}/plan`, { headers: { cookie: cookies.ada } })).json()
  ).plan;
  await (await s.app.registry.get(ROOM)).flush();
  const stored = new Y.Doc();
  for (const r of await s.app.store.load(ROOM)) Y.applyUpdate(stored, r.data);
  return { sv, vision, plan, storedSv: Y.encodeStateVector(stored) };
}

/**
 * Runs an attack as `who`, expected to be refused for `reason`: `prepare` may send honest frames first (and must wait for them with a
 * barrier); the frames it returns are the hostile ones. Asserts the refusal and that nothing changed.
 */
async function expectRefused(
  who: Who,
  reason: RegExp,
  prepare: (attacker: RawSocket) => Uint8Array[] | Promise<Uint8Array[]>,
  s: TestServer = server,
) {
  const observer = await rawSocket(s.wsUrl, ROOM, cookies.cara);
  const attacker = await rawSocket(s.wsUrl, ROOM, cookies[who]);
  try {
    const hostile = await prepare(attacker);
    await observer.barrier();
    const relayedBefore = observer.relayed.length;
    const before = await observed(s);
    for (const update of hostile) attacker.sendUpdate(update);
    // The server answers a barrier only if it kept the socket open, i.e. accepted the attack.
    const accepted = attacker.barrier().then(() => {
      throw new Error(`the server accepted the attack`);
    });
    const { code } = await Promise.race([attacker.closed, accepted]);
    expect(code).toBe(CloseCode.PermissionDenied);
    expect(attacker.denials.length).toBe(1);
    expect(attacker.denials[0]).toMatch(reason);
    await observer.barrier();
    expect(observer.relayed.length).toBe(relayedBefore);
    expect(await observed(s)).toEqual(before);
  } finally {
    attacker.close();
    observer.close();
  }
}

/** An honest edit made with the Y API under `clientID`, sent through `socket`, waited for. */
async function honest(socket: RawSocket, clientID: number, edit: (doc: Y.Doc) => void): Promise<void> {
  const mine = new Y.Doc();
  mine.clientID = clientID;
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(socket.doc));
  const sv = Y.encodeStateVector(socket.doc);
  edit(mine);
  socket.sendUpdate(Y.encodeStateAsUpdate(mine, sv));
  const refused = socket.closed.then(({ code }) => {
    throw new Error(`honest edit refused (${code}): ${socket.denials.join('; ')}`);
  });
  await Promise.race([socket.barrier(), refused]);
  expect(Y.encodeStateVector(socket.doc)).toEqual(Y.encodeStateVector(mine));
}

/** The same edit made by a well-behaved client, as a hostile client would send it: its bytes. */
function editOf(socket: RawSocket, clientID: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const mine = new Y.Doc();
  mine.clientID = clientID;
  Y.applyUpdate(mine, Y.encodeStateAsUpdate(socket.doc));
  const sv = Y.encodeStateVector(socket.doc);
  edit(mine);
  return Y.encodeStateAsUpdate(mine, sv);
}

const itemId = (item: Y.Item | null): Id => [item!.id.client, item!.id.clock];
const firstObjectiveId = (doc: Y.Doc) => readObjectives(doc)[0].id;
const activityMap = (doc: Y.Doc) => {
  const app = readProjects(doc).find((p) => p.isAccountPlanProject)!;
  const acts = getProjectsMap(doc).get(app.id)!.get('activities') as Y.Array<Y.Map<unknown>>;
  return acts.get(0);
};
const entry = (by: string, value = 99) => ({ value, at: '2026-11-01T00:00:00.000Z', by });

let nextClient = 7_000_000;
const freshClient = () => ++nextClient;

beforeAll(async () => {
  server = await startServer({ SEED: 'demo' });
  await signInAll(server);
});

afterAll(async () => {
  await server?.destroy();
});

describe('1. structs that overlap what the server has', () => {
  it("a member's struct starting on their own last progress entry cannot forge a second entry by an admin", async () => {
    await expectRefused('ben', /^progress: a progress entry must be recorded by its author/, async (ben) => {
      const B = freshClient();
      const objective = firstObjectiveId(ben.doc);
      await honest(ben, B, (d) => addProgress(d, objective, entry(ids.ben, 1)));
      // (B, 0) is Ben's entry; (B, 1) is new. The struct names an activity title as its parent,
      // but Yjs integrates only (B, 1), after (B, 0): inside the progress list.
      return [
        rawUpdate([
          {
            client: B,
            clock: 0,
            structs: [
              { parent: itemId(activityMap(ben.doc)._item), sub: 'title', any: [entry(ids.ben, 1), entry(ids.ada)] },
            ],
          },
        ]),
      ];
    });
  });

  it("a member's struct overlapping an admin's lock cannot remove the lock", async () => {
    const ada = connectClient(server.wsUrl, ROOM, { cookie: cookies.ada });
    await ada.synced();
    setLock(ada.doc, 'vision', ids.ada);
    await waitFor(async () => !!readLock((await server.app.registry.get(ROOM)).doc, 'vision'), 5000, 'locked');
    ada.provider.disconnect();
    await expectRefused('ben', /someone else/, async (ben) => {
      await waitFor(() => !!(getMeta(ben.doc).get('locks') as Y.Map<unknown>).get('vision'), 5000, 'lock synced');
      const lockItem = (getMeta(ben.doc).get('locks') as Y.Map<unknown>)._map.get('vision')!;
      const [client, clock] = itemId(lockItem);
      return [
        rawUpdate([
          {
            client,
            clock,
            structs: [
              {
                parent: itemId(activityMap(ben.doc)._item),
                sub: 'title',
                any: [lockItem.content.getContent()[0], 'x'],
              },
            ],
          },
        ]),
      ];
    });
    ada.provider.connect();
    await ada.synced();
    clearLock(ada.doc, 'vision');
    await waitFor(async () => !readLock((await server.app.registry.get(ROOM)).doc, 'vision'), 5000, 'unlocked');
    ada.destroy();
  });

  it("a member cannot extend the server's own last struct (the seed) into an objective", async () => {
    await expectRefused('ben', /someone else/, (ben) => {
      const title = getObjectivesMap(ben.doc).get(firstObjectiveId(ben.doc))!._map.get('title')!;
      const server = title.id.client;
      const last = Y.getState(ben.doc.store, server) - 1;
      return [
        rawUpdate([
          {
            client: server,
            clock: last,
            structs: [{ parent: itemId(activityMap(ben.doc)._item), sub: 'title', any: ['a', 'b'] }],
          },
        ]),
      ];
    });
  });
});

describe('2. one client in several sections', () => {
  it('a client listed twice with another client in between is refused', async () => {
    await expectRefused('ben', /lists a client twice/, (ben) => {
      const B = freshClient();
      const C = freshClient();
      const title = itemId(activityMap(ben.doc)._item);
      return [
        rawUpdate([
          { client: B, clock: 0, structs: [{ parent: title, sub: 'title', any: ['one'] }] },
          { client: C, clock: 0, structs: [{ parent: title, sub: 'title', any: ['two'] }] },
          { client: B, clock: 1, structs: [{ origin: [B, 0], any: ['three'] }] },
        ]),
      ];
    });
  });

  it('adjacent sections are judged as one: the second cannot land as a forged entry later', async () => {
    await expectRefused('ben', /^projects: .*activities\/\[\]\/title .*wrong type/, (ben) => {
      const B = freshClient();
      const title = itemId(activityMap(ben.doc)._item);
      // Yjs alone would keep only the second section, pending, and integrate it after whatever
      // a later update puts at (B, 0). Judged together, it is a progress entry in an activity title.
      return [
        rawUpdate([
          { client: B, clock: 0, structs: [{ parent: title, sub: 'title', any: ['ok'] }] },
          { client: B, clock: 1, structs: [{ origin: [B, 0], any: [entry(ids.ada)] }] },
        ]),
      ];
    });
  });

  it('a section that starts beyond the server clock (a gap) is refused rather than parked', async () => {
    await expectRefused('ben', /builds on changes the server does not have/, (ben) => {
      const B = freshClient();
      return [
        rawUpdate([
          {
            client: B,
            clock: 5,
            structs: [{ parent: itemId(activityMap(ben.doc)._item), sub: 'title', any: ['later'] }],
          },
        ]),
      ];
    });
  });
});

describe("3. writing under someone else's client id", () => {
  it("a GC run on an admin's next clocks is refused", async () => {
    const ada = connectClient(server.wsUrl, ROOM, { cookie: cookies.ada });
    await ada.synced();
    getMeta(ada.doc).set('title', 'Acme × Globex — FY27');
    const A = ada.doc.clientID;
    await expectRefused('ben', /someone else/, async (ben) => {
      await waitFor(() => Y.getState(ben.doc.store, A) > 0, 5000, "Ada's edit");
      return [rawUpdate([{ client: A, clock: Y.getState(ben.doc.store, A), structs: [{ gc: 3 }] }])];
    });
    // Ada's own next edit still lands.
    getMeta(ada.doc).set('title', 'Acme × Globex');
    await waitFor(async () => (await observed(server)).plan.title === 'Acme × Globex', 5000, "Ada's next edit");
    ada.destroy();
  });

  it('a client id someone announced (connected, not yet written) is theirs', async () => {
    const cara = connectClient(server.wsUrl, ROOM, { cookie: cookies.cara });
    await cara.synced();
    // A fresh awareness state has clock 0, which receivers ignore; the web app always sets fields.
    cara.provider.awareness.setLocalStateField('section', 'vision');
    const C = cara.doc.clientID;
    await expectRefused('ben', /someone else/, async (ben) => {
      const watcher = connectClient(server.wsUrl, ROOM, { cookie: cookies.ben });
      try {
        await watcher.synced();
        await waitFor(() => watcher.provider.awareness.getStates().has(C), 5000, "Cara's presence");
      } finally {
        watcher.destroy();
      }
      return [editOf(ben, C, (d) => activityMap(d).set('title', 'squatted'))];
    }).finally(() => cara.destroy());
  });
});

describe('4. nesting', () => {
  it('10,000 nested blocks in an unlocked section are refused; a deep but real list is not', async () => {
    await expectRefused('ben', /^vision: nested more than 40 levels/, () => {
      // Hand-encoded: Yjs itself overflows its stack building this many nested types locally.
      const X = freshClient();
      const structs = [
        { parent: 'vision', type: { xmlElement: 'blockquote' } },
        ...Array.from({ length: 9_999 }, (_, i) => ({ parent: [X, i] as Id, type: { xmlElement: 'blockquote' } })),
      ];
      return [rawUpdate([{ client: X, clock: 0, structs }])];
    });
    const ben = await rawSocket(server.wsUrl, ROOM, cookies.ben);
    const B = freshClient();
    await honest(ben, B, (d) => {
      // Eight levels of nested bullets: list > item > (paragraph, list > item > …).
      let list = new Y.XmlElement('bulletList');
      const top = list;
      for (let level = 0; level < 8; level++) {
        const item = new Y.XmlElement('listItem');
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(`level ${level}`)]);
        const next = new Y.XmlElement('bulletList');
        item.insert(0, level < 7 ? [p, next] : [p]);
        list.insert(0, [item]);
        list = next;
      }
      getVision(d).push([top]);
    });
    expect(getVision(ben.doc).toJSON()).toContain('level 7');
    ben.close();
  });
});

describe('7. values of the wrong type', () => {
  const cases: Array<[string, RegExp, (d: Y.Doc) => void, Who?]> = [
    [
      'a project status outside the list (even by an admin)',
      /^projects: .*status .*wrong type/,
      (d) =>
        getProjectsMap(d)
          .get(readProjects(d).find((p) => p.isAccountPlanProject)!.id)!
          .set('status', 'banana'),
      'ada',
    ],
    ["an activity's done flag as text", /^projects: .*done .*wrong type/, (d) => activityMap(d).set('done', 'yes')],
    [
      "an activity's due date that is no date",
      /^projects: .*dueDate .*wrong type/,
      (d) => activityMap(d).set('dueDate', 'whenever'),
    ],
    [
      'a progress entry whose value is text',
      /^progress: .*wrong type/,
      (d) =>
        getProgressMap(d)
          .get(firstObjectiveId(d))!
          .push([{ value: '86%' as unknown as number, at: '2026-11-01T00:00:00.000Z', by: ids.ben }]),
    ],
    [
      'a field the schema does not have',
      /^projects: unrecognised activity path/,
      (d) => activityMap(d).set('colour', 'red'),
    ],
  ];
  for (const [name, reason, edit, who = 'ben'] of cases) {
    it(`${name} is refused`, async () => {
      await expectRefused(who, reason, (ben) => [editOf(ben, freshClient(), edit)]);
    });
  }
  it('an admin is held to the same types', async () => {
    await expectRefused('ada', /^objectives: .*dueDate .*wrong type/, (ada) => [
      editOf(ada, freshClient(), (d) => getObjectivesMap(d).get(firstObjectiveId(d))!.set('dueDate', 'soon')),
    ]);
  });
});

describe("8. rich text outside the editor's schema", () => {
  it('an element the editor does not know is refused', async () => {
    await expectRefused('ben', /^vision: "evilnode" is not something the editor can show/, (ben) => [
      editOf(ben, freshClient(), (d) => getVision(d).push([new Y.XmlElement('evilnode')])),
    ]);
  });

  it('a javascript: link is refused; an https link is stored', async () => {
    await expectRefused('ben', /^vision: links must be http/, (ben) => [
      editOf(ben, freshClient(), (d) => {
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        p.insert(0, [t]);
        t.insert(0, 'click', {
          link: { href: 'javascript:alert(1)', target: '_blank', rel: null, class: null, title: null },
        });
        getVision(d).push([p]);
      }),
    ]);
    const ben = await rawSocket(server.wsUrl, ROOM, cookies.ben);
    await honest(ben, freshClient(), (d) => {
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      p.insert(0, [t]);
      t.insert(0, 'site', {
        link: {
          href: 'https://example.com/',
          target: '_blank',
          rel: 'noopener noreferrer nofollow',
          class: null,
          title: null,
        },
      });
      getVision(d).push([p]);
    });
    ben.close();
  });

  it('an attribute a block does not have, and formatting the editor does not know, are refused', async () => {
    await expectRefused('ben', /^vision: "onclick" is not an attribute of paragraph/, (ben) => [
      editOf(ben, freshClient(), (d) => {
        const p = new Y.XmlElement('paragraph');
        p.setAttribute('onclick', 'alert(1)');
        getVision(d).push([p]);
      }),
    ]);
    await expectRefused('ben', /^vision: "blink" is not a formatting/, (ben) => [
      editOf(ben, freshClient(), (d) => {
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        p.insert(0, [t]);
        t.insert(0, 'x', { blink: {} });
        getVision(d).push([p]);
      }),
    ]);
  });

  it('a hand-encoded string straight inside a block (no text node) is refused', async () => {
    await expectRefused('ben', /^vision: blocks hold blocks and text only/, (ben) => {
      const para = getVision(ben.doc).get(0) as Y.XmlElement;
      return [
        rawUpdate([{ client: freshClient(), clock: 0, structs: [{ parent: itemId(para._item), text: 'loose' }] }]),
      ];
    });
  });
});

describe('client-id claims survive a restart', () => {
  it("an admin's client id stays hers after the server restarts on the same data", async () => {
    const s1 = await startServer({ SEED: 'demo' });
    await signInAll(s1);
    const ada = connectClient(s1.wsUrl, ROOM, { cookie: cookies.ada });
    await ada.synced();
    getMeta(ada.doc).set('title', 'Before restart');
    const A = ada.doc.clientID;
    await waitFor(async () => (await observed(s1)).plan.title === 'Before restart', 5000);
    ada.destroy();
    await s1.stop();
    const s2 = await startServer({ SEED: 'demo', DATA_DIR: s1.dataDir });
    try {
      await signInAll(s2);
      await expectRefused(
        'ben',
        /someone else/,
        (ben) => [rawUpdate([{ client: A, clock: Y.getState(ben.doc.store, A), structs: [{ gc: 1 }] }])],
        s2,
      );
    } finally {
      await s2.destroy();
      await signInAll(server);
    }
  });
});
