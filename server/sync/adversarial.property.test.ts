/**
 * A property test of the permission hook: honest stock clients (an admin and two members) edit
 * the plan while a member's hand-made client keeps sending hostile updates of every class the
 * adversarial suite covers, interleaved at random. Bounded in steps; the seed is printed first
 * (`PROPERTY_SEED=<n>` replays a run).
 *
 * At the end:
 * - every admin-only part (title, locks, objective definitions, progress entries by the admin)
 *   equals what the admin wrote, on the server and in every honest client;
 * - every honest client equals the server, and a fresh client loaded from the store does too;
 * - no honest client was ever refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '../reliability/fuzzFrames.ts';
import {
  addActivity,
  addProgress,
  getMeta,
  getObjectivesMap,
  getProgressMap,
  getProjectsMap,
  getVision,
  readLocks,
  readObjectives,
  readProjects,
  readTitle,
  setLock,
  clearLock,
  defineRoots,
  updateObjective,
} from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';
import { rawSocket, type RawSocket } from '../testing/rawSocket.ts';
import { rawUpdate, type Id, type RawStruct } from '../testing/rawUpdate.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const STEPS = Number(process.env.PROPERTY_STEPS ?? 120);
const ROOM = 'acme-globex';

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  console.log(`adversarial property test: PROPERTY_SEED=${SEED} PROPERTY_STEPS=${STEPS}`);
  server = await startServer({ SEED: 'demo' });
  for (const [who, email] of Object.entries({
    ada: 'ada@acme.example',
    ben: 'ben@acme.example',
    dan: 'dan@globex.example',
  })) {
    cookies[who] = await login(server.url, email);
    ids[who] = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: cookies[who] } })).json()).id;
  }
});

afterAll(async () => {
  await server?.destroy();
});

/** The admin-only parts of a plan document, as plain data. */
function adminParts(doc: Y.Doc) {
  const progressByAda: unknown[] = [];
  getProgressMap(doc).forEach((arr) =>
    arr.toArray().forEach((e) => (e as { by?: string }).by === ids.ada && progressByAda.push(e)),
  );
  return { title: readTitle(doc), locks: readLocks(doc), objectives: readObjectives(doc), progressByAda };
}

/** State vector and content; every root read as its schema type first (toJSON lists only roots in use). */
const snapshot = (doc: Y.Doc) => {
  defineRoots(doc);
  return { state: Y.encodeStateVector(doc), json: JSON.stringify(doc.toJSON()) };
};

describe('honest edits and hostile updates, interleaved at random', () => {
  it(
    `leaves admin-only parts as the admin wrote them and every honest client equal to the server (PROPERTY_SEED=${SEED})`,
    { timeout: 240_000 },
    async () => {
      const random = prng(SEED);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      const honest: Record<string, TestClient> = {};
      for (const who of ['ada', 'ben', 'dan']) {
        honest[who] = connectClient(server.wsUrl, ROOM, { cookie: cookies[who] });
        await honest[who].synced();
        // As the web app does on open: a presence field, which announces the client id (clock 1).
        honest[who].provider.awareness.setLocalStateField('section', 'vision');
      }
      const room = await server.app.registry.get(ROOM);
      await waitFor(
        () => Object.values(honest).every((c) => room.awareness.getStates().has(c.doc.clientID)),
        5000,
        'presence',
      );
      const start = adminParts(honest.ada.doc);
      const expected = {
        title: start.title,
        objectiveTitle: start.objectives[0].title,
        behavioursLocked: false,
        adaEntries: start.progressByAda.length,
      };
      let attacker: RawSocket = await rawSocket(server.wsUrl, ROOM, cookies.ben);
      let refusals = 0;
      const ownClient = () => 1 + Math.floor(random() * 2 ** 30);
      const target = () => {
        const d = attacker.doc;
        const app = readProjects(d).find((p) => p.isAccountPlanProject)!;
        const acts = getProjectsMap(d).get(app.id)!.get('activities') as Y.Array<Y.Map<unknown>>;
        const objective = readObjectives(d)[0].id;
        return { activity: acts.get(0)._item!.id, progress: getProgressMap(d).get(objective)!._item!.id, objective };
      };
      const idOf = (id: Y.ID): Id => [id.client, id.clock];
      const lastOf = (client: number): number => Y.getState(attacker.doc.store, client);

      // Hostile updates, one per class; each builds on what the attacker's socket has seen.
      const hostile: Array<[string, () => Uint8Array]> = [
        [
          'overlap own entry',
          () => {
            const B = ownClient();
            const t = target();
            // An honest first entry is not needed: the overlap starts at clock 0 of a fresh id whose
            // first clock the server lacks, so it is a forged entry placed via the activity.
            return rawUpdate([
              {
                client: B,
                clock: 0,
                structs: [
                  {
                    parent: idOf(t.activity),
                    sub: 'title',
                    any: ['x', { value: 1, at: '2026-01-01T00:00:00.000Z', by: ids.ada }],
                  },
                ],
              },
            ]);
          },
        ],
        [
          'overlap an admin id',
          () => {
            const A = honest.ada.doc.clientID;
            const s = lastOf(A);
            return rawUpdate([
              {
                client: A,
                clock: Math.max(0, s - 1),
                structs: [{ parent: idOf(target().activity), sub: 'title', any: ['a', 'b'] }],
              },
            ]);
          },
        ],
        [
          'split sections',
          () => {
            const B = ownClient();
            const C = ownClient();
            const parent = idOf(target().activity);
            return rawUpdate([
              { client: B, clock: 0, structs: [{ parent, sub: 'title', any: ['one'] }] },
              { client: C, clock: 0, structs: [{ parent, sub: 'title', any: ['two'] }] },
              {
                client: B,
                clock: 1,
                structs: [{ origin: [B, 0], any: [{ value: 5, at: '2026-01-01T00:00:00.000Z', by: ids.ada }] }],
              },
            ]);
          },
        ],
        [
          'squat an admin id',
          () => {
            const A = honest.ada.doc.clientID;
            return rawUpdate([{ client: A, clock: lastOf(A), structs: [{ gc: 1 + Math.floor(random() * 5) }] }]);
          },
        ],
        [
          'squat a member id',
          () => {
            const D = honest.dan.doc.clientID;
            return rawUpdate([{ client: D, clock: lastOf(D), structs: [{ gc: 2 }] }]);
          },
        ],
        [
          'forged progress by the admin',
          () =>
            rawUpdate([
              {
                client: ownClient(),
                clock: 0,
                structs: [
                  { parent: idOf(target().progress), any: [{ value: 7, at: '2026-01-01T00:00:00.000Z', by: ids.ada }] },
                ],
              },
            ]),
        ],
        [
          'objective title by a member',
          () => {
            const title = getObjectivesMap(attacker.doc).get(target().objective)!._map.get('title')!;
            return rawUpdate([
              { client: ownClient(), clock: 0, structs: [{ origin: idOf(title.id), any: ['Rewritten'] }] },
            ]);
          },
        ],
        [
          'wrong value type',
          () =>
            rawUpdate([
              {
                client: ownClient(),
                clock: 0,
                structs: [{ parent: idOf(target().activity), sub: 'done', any: ['yes'] }],
              },
            ]),
        ],
        [
          'unknown node',
          () =>
            rawUpdate([
              { client: ownClient(), clock: 0, structs: [{ parent: 'vision', type: { xmlElement: 'evilnode' } }] },
            ]),
        ],
        [
          'deep nesting',
          () => {
            const X = ownClient();
            const structs: RawStruct[] = [{ parent: 'vision', type: { xmlElement: 'blockquote' } }];
            for (let i = 0; i < 60; i++) structs.push({ parent: [X, i], type: { xmlElement: 'blockquote' } });
            return rawUpdate([{ client: X, clock: 0, structs }]);
          },
        ],
        [
          'pending gap',
          () =>
            rawUpdate([
              {
                client: ownClient(),
                clock: 3,
                structs: [{ parent: idOf(target().activity), sub: 'title', any: ['later'] }],
              },
            ]),
        ],
        ['delete what the server lacks', () => rawUpdate([], [[ownClient(), 0, 4]])],
        ['lock removal', () => rawUpdate([], [[honest.ada.doc.clientID, 0, lastOf(honest.ada.doc.clientID) || 1]])],
      ];

      const honestEdits: Array<[string, () => void]> = [
        [
          'member types in the vision',
          () => {
            const who = pick(['ben', 'dan']);
            const p = getVision(honest[who].doc).get(0) as Y.XmlElement;
            (p.get(0) as Y.XmlText).insert(0, `${who} `);
          },
        ],
        [
          'member adds an activity',
          () => {
            const who = pick(['ben', 'dan']);
            const app = readProjects(honest[who].doc).find((p) => p.isAccountPlanProject)!;
            addActivity(honest[who].doc, app.id, {
              title: `step by ${who}`,
              done: false,
              assignee: null,
              dueDate: null,
            });
          },
        ],
        [
          'member records progress',
          () => {
            const who = pick(['ben', 'dan']);
            addProgress(honest[who].doc, readObjectives(honest[who].doc)[0].id, {
              value: Math.round(random() * 100),
              at: new Date().toISOString(),
              by: ids[who],
            });
          },
        ],
        [
          'admin edits a definition',
          () => {
            expected.objectiveTitle = `Fill rate ${Math.floor(random() * 1000)}`;
            updateObjective(honest.ada.doc, readObjectives(honest.ada.doc)[0].id, { title: expected.objectiveTitle });
          },
        ],
        [
          'admin renames the plan',
          () => {
            expected.title = `Plan ${Math.floor(random() * 1000)}`;
            getMeta(honest.ada.doc).set('title', expected.title);
          },
        ],
        [
          'admin locks or unlocks behaviours',
          () => {
            expected.behavioursLocked = !expected.behavioursLocked;
            if (expected.behavioursLocked) setLock(honest.ada.doc, 'behaviours', ids.ada);
            else clearLock(honest.ada.doc, 'behaviours');
          },
        ],
        [
          'admin records progress',
          () => {
            expected.adaEntries++;
            addProgress(honest.ada.doc, readObjectives(honest.ada.doc)[0].id, {
              value: 50,
              at: new Date().toISOString(),
              by: ids.ada,
            });
          },
        ],
      ];

      const log: string[] = [];
      for (let step = 0; step < STEPS; step++) {
        if (random() < 0.5) {
          const [name, edit] = pick(honestEdits);
          log.push(`honest: ${name}`);
          edit();
          continue;
        }
        const [name, make] = pick(hostile);
        log.push(`hostile: ${name}`);
        attacker.sendUpdate(make());
        const accepted = attacker.barrier().then(() => 'accepted' as const);
        const outcome = await Promise.race([attacker.closed.then(() => 'closed' as const), accepted]);
        // Kept open only when the update held nothing the server lacked (a struct the attacker's view
        // was behind on): a no-op. Whether anything slipped through is what the end state shows.
        if (outcome === 'closed') {
          refusals++;
          attacker = await rawSocket(server.wsUrl, ROOM, cookies.ben);
        }
      }
      attacker.close();

      if (process.env.PROPERTY_LOG) console.log(log.join('\n'));
      // Barrier: every honest client's edits are in, then everyone holds the server's state.
      const live = (await server.app.registry.get(ROOM)).doc;
      await waitFor(
        () =>
          Object.values(honest).every(
            (c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(live).toString(),
          ),
        20_000,
        `honest clients to converge (PROPERTY_SEED=${SEED})`,
      );
      for (const [who, c] of Object.entries(honest)) {
        expect(
          c.closes.filter((e) => e.code === 4403),
          `${who} was refused (PROPERTY_SEED=${SEED})`,
        ).toEqual([]);
        expect(snapshot(c.doc), `${who} equals the server (PROPERTY_SEED=${SEED})`).toEqual(snapshot(live));
      }
      const now = adminParts(live);
      expect(
        {
          title: now.title,
          objectives: now.objectives.slice(1),
          objectiveTitle: now.objectives[0].title,
          locks: Object.keys(now.locks),
          adaEntries: now.progressByAda.length,
        },
        `admin-only parts as the admin wrote them (PROPERTY_SEED=${SEED})`,
      ).toEqual({
        title: expected.title,
        objectives: start.objectives.slice(1),
        objectiveTitle: expected.objectiveTitle,
        locks: expected.behavioursLocked ? ['behaviours'] : [],
        adaEntries: expected.adaEntries,
      });
      expect(now.objectives[0], `the first objective (PROPERTY_SEED=${SEED})`).toEqual({
        ...start.objectives[0],
        title: expected.objectiveTitle,
      });
      const fresh = connectClient(server.wsUrl, ROOM, { cookie: cookies.ada });
      await fresh.synced();
      expect(snapshot(fresh.doc), `a fresh client equals the server (PROPERTY_SEED=${SEED})`).toEqual(snapshot(live));
      expect(live.store.pendingStructs, `pending structs (PROPERTY_SEED=${SEED})`).toBeNull();
      expect(live.store.pendingDs, `pending deletes (PROPERTY_SEED=${SEED})`).toBeNull();
      expect(refusals, `attacks refused (PROPERTY_SEED=${SEED})`).toBeGreaterThan(STEPS / 4);
      fresh.destroy();
      for (const c of Object.values(honest)) c.destroy();
    },
  );
});
