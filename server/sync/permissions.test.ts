/**
 * The permission table of CONTRACT 6 through the real server: stock y-websocket clients signed
 * in as the demo users make each change; an allowed one reaches another client, a denied one
 * gets a permission-denied auth message naming the section, close 4403, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addObjective,
  addProgress,
  addProject,
  clearLock,
  deleteObjective,
  getProgressMap,
  getProjectsMap,
  getVision,
  readObjectives,
  readProgress,
  readProjects,
  richTextToPlain,
  setLock,
  updateObjective,
  updateProject,
} from '../../shared/schema.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';

const ROOM = 'acme-globex';
const USERS = {
  ada: 'ada@acme.example',
  ben: 'ben@acme.example',
  cara: 'cara@globex.example',
  dan: 'dan@globex.example',
  vic: 'vic@globex.example',
};
type Who = keyof typeof USERS;

let server: TestServer;
const cookies = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;
let observer: TestClient;

beforeAll(async () => {
  server = await startServer({ SEED: 'demo' });
  for (const who of Object.keys(USERS) as Who[]) {
    cookies[who] = await login(server.url, USERS[who]);
    const me = await (await fetch(`${server.url}/api/me`, { headers: { cookie: cookies[who] } })).json();
    ids[who] = me.id;
  }
  observer = connectClient(server.wsUrl, ROOM, { cookie: cookies.cara });
  await observer.synced();
});

afterAll(async () => {
  observer?.destroy();
  await server?.destroy();
});

async function as(who: Who): Promise<TestClient> {
  const c = connectClient(server.wsUrl, ROOM, { cookie: cookies[who] });
  await c.synced();
  return c;
}

const serverState = async () => Y.encodeStateVector((await server.app.registry.get(ROOM)).doc);

/** Runs `change` as `who` and expects the server to refuse it for `section`. */
async function expectDenied(who: Who, section: string, change: (doc: Y.Doc) => void) {
  const c = await as(who);
  const before = await serverState();
  try {
    change(c.doc);
    await waitFor(() => c.closes.some((e) => e.code === CloseCode.PermissionDenied), 5_000, `4403 for ${who}`);
    expect(c.denials[0]).toMatch(new RegExp(`^${section}\\b`));
    expect(await serverState()).toEqual(before);
  } finally {
    c.destroy();
  }
}

/** Runs `change` as `who` and expects it to reach the observer (`seen`). */
async function expectAllowed(who: Who, change: (doc: Y.Doc) => void, seen: (doc: Y.Doc) => boolean) {
  const c = await as(who);
  try {
    change(c.doc);
    await waitFor(() => seen(observer.doc), 5_000, `${who}'s change to reach others`);
    expect(c.closes.filter((e) => e.code === CloseCode.PermissionDenied)).toEqual([]);
  } finally {
    c.destroy();
  }
}

const firstObjective = (doc: Y.Doc) => readObjectives(doc)[0];
const measure = { unit: '%', baseline: 1, target: 2, direction: 'increase' as const };

describe('objectives', () => {
  it('an admin edits an objective; a member sees it', async () => {
    await expectAllowed(
      'ada',
      (d) => updateObjective(d, firstObjective(d).id, { title: 'Raise OTIF' }),
      (d) => firstObjective(d).title === 'Raise OTIF',
    );
  });
  it("a member overwriting an objective's title is denied", async () => {
    await expectDenied('ben', 'objectives', (d) => updateObjective(d, firstObjective(d).id, { title: 'Hijacked' }));
    expect(firstObjective(observer.doc).title).toBe('Raise OTIF');
  });
  it('a member deleting an objective is denied', async () => {
    await expectDenied('dan', 'objectives', (d) => deleteObjective(d, firstObjective(d).id));
    expect(readObjectives(observer.doc)).toHaveLength(3);
  });
  it('a member adding an objective is denied; an admin may', async () => {
    await expectDenied('ben', 'objectives', (d) =>
      addObjective(d, { title: 'Mine', description: '', catalogId: null, dueDate: null, measure }),
    );
    await expectAllowed(
      'cara',
      (d) => addObjective(d, { title: 'Joint', description: '', catalogId: null, dueDate: null, measure }),
      (d) => readObjectives(d).some((o) => o.title === 'Joint'),
    );
  });
});

describe('other roots', () => {
  it('adding a new root type is denied', async () => {
    await expectDenied('ada', 'evil', (d) => d.getMap('evil').set('x', 1));
  });
  it('a member cannot change meta', async () => {
    await expectDenied('ben', 'meta', (d) => d.getMap('meta').set('title', 'Renamed'));
  });
});

describe('progress', () => {
  it('a member adds progress as themselves', async () => {
    await expectAllowed(
      'ben',
      (d) => addProgress(d, firstObjective(d).id, { value: 85, at: new Date().toISOString(), by: ids.ben }),
      (d) => readProgress(d, firstObjective(d).id).some((e) => e.value === 85),
    );
  });
  it("writing progress with someone else's `by` is denied", async () => {
    await expectDenied('ben', 'progress', (d) =>
      addProgress(d, firstObjective(d).id, { value: 99, at: new Date().toISOString(), by: ids.ada }),
    );
  });
  it('a member deleting a progress entry is denied', async () => {
    await expectDenied('ben', 'progress', (d) =>
      (getProgressMap(d).get(firstObjective(d).id) as Y.Array<unknown>).delete(0, 1),
    );
    expect(readProgress(observer.doc, firstObjective(observer.doc).id)).toHaveLength(1);
  });
  it('a viewer cannot add progress', async () => {
    await expectDenied('vic', 'progress', (d) =>
      addProgress(d, firstObjective(d).id, { value: 1, at: new Date().toISOString(), by: ids.vic }),
    );
  });
});

describe('projects', () => {
  const byName = (d: Y.Doc, name: string) => readProjects(d).find((p) => p.name === name);

  it("creating a project with someone else's createdBy is denied", async () => {
    await expectDenied('ben', 'projects', (d) => addProject(d, { name: 'Forged', createdBy: ids.dan }));
  });
  it('a member creates their own project and links objectives', async () => {
    await expectAllowed(
      'dan',
      (d) =>
        addProject(d, {
          name: "Dan's project",
          createdBy: ids.dan,
          objectiveIds: readObjectives(d)
            .slice(0, 2)
            .map((o) => o.id),
        }),
      (d) => byName(d, "Dan's project")?.objectiveIds.length === 2,
    );
  });
  it("renaming another member's project is denied; the creator and an admin may", async () => {
    await expectDenied('ben', 'projects', (d) =>
      updateProject(d, byName(d, "Dan's project")!.id, { name: 'Taken over' }),
    );
    await expectAllowed(
      'dan',
      (d) => updateProject(d, byName(d, "Dan's project")!.id, { status: 'active' }),
      (d) => byName(d, "Dan's project")?.status === 'active',
    );
    await expectAllowed(
      'ada',
      (d) => updateProject(d, byName(d, "Dan's project")!.id, { description: 'Reviewed' }),
      (d) => byName(d, "Dan's project")?.description === 'Reviewed',
    );
  });
  it('flipping isAccountPlanProject is denied to a member', async () => {
    await expectDenied('dan', 'projects', (d) =>
      (getProjectsMap(d).get(byName(d, "Dan's project")!.id) as Y.Map<unknown>).set('isAccountPlanProject', true),
    );
  });
  it('deleting the Account Plan Project is denied even to an admin, and nothing changes', async () => {
    const app = readProjects(observer.doc).find((p) => p.isAccountPlanProject)!;
    await expectDenied('ada', 'projects', (d) => getProjectsMap(d).delete(app.id));
    await expectDenied('cara', 'projects', (d) =>
      (getProjectsMap(d).get(app.id) as Y.Map<unknown>).set('isAccountPlanProject', false),
    );
    const after = readProjects((await server.app.registry.get(ROOM)).doc).find((p) => p.id === app.id);
    expect(after).toEqual(app);
    expect(readProjects(observer.doc).find((p) => p.id === app.id)).toEqual(app);
  });
  it("adding an activity to another member's project is allowed", async () => {
    await expectAllowed(
      'ben',
      (d) =>
        addActivity(d, byName(d, "Dan's project")!.id, {
          title: 'Ben helps',
          done: false,
          assignee: ids.ben,
          dueDate: null,
        }),
      (d) => !!byName(d, "Dan's project")?.activities.some((a) => a.title === 'Ben helps'),
    );
  });
  it('a viewer cannot add an activity', async () => {
    await expectDenied('vic', 'projects', (d) =>
      addActivity(d, byName(d, "Dan's project")!.id, { title: 'Nope', done: false, assignee: null, dueDate: null }),
    );
  });
});

describe('rich text and locks', () => {
  const typeIn = (text: string) => (d: Y.Doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    getVision(d).push([p]);
  };
  const visionHas = (text: string) => (d: Y.Doc) => richTextToPlain(getVision(d)).includes(text);

  it('a member types in the vision', async () => {
    await expectAllowed('ben', typeIn('Ben was here'), visionHas('Ben was here'));
  });
  it('a viewer typing in the vision is denied', async () => {
    await expectDenied('vic', 'vision', typeIn('Vic was here'));
    expect(visionHas('Vic was here')(observer.doc)).toBe(false);
  });
  it('a member cannot lock a section', async () => {
    await expectDenied('ben', 'meta', (d) => setLock(d, 'vision', ids.ben));
  });
  it('editing a locked section is denied to a member, allowed to an admin, and allowed again after unlock', async () => {
    await expectAllowed(
      'ada',
      (d) => setLock(d, 'vision', ids.ada),
      (d) => (d.getMap('meta').get('locks') as Y.Map<unknown>).has('vision'),
    );
    await expectDenied('dan', 'vision', typeIn('Dan while locked'));
    await expectAllowed('cara', typeIn('Cara while locked'), visionHas('Cara while locked'));
    await expectAllowed(
      'ada',
      (d) => clearLock(d, 'vision'),
      (d) => !(d.getMap('meta').get('locks') as Y.Map<unknown>).has('vision'),
    );
    await expectAllowed('dan', typeIn('Dan after unlock'), visionHas('Dan after unlock'));
  });
});
