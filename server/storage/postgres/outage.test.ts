/**
 * PostgreSQL going away mid-edit, for real: the test database server is stopped while two stock
 * y-websocket clients type, then started again. Nothing acknowledged is lost, nothing the
 * database does not hold is relayed, REST answers 503 storage_unavailable meanwhile, and
 * everything resumes by itself once the database is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getVision, richTextToPlain } from '../../../shared/schema.ts';
import { CloseCode, ErrorCode } from '../../../shared/closeCodes.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../../testing/harness.ts';
import { storageConfig, testPostgres, useTestStorage } from '../../testing/storage.ts';
import { openPostgresStorage } from './PostgresStorage.ts';

useTestStorage(['postgres']);

const ROOM = 'acme-globex';
const clients: TestClient[] = [];
let server: TestServer | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.destroy();
  server = null;
});

function type(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getVision(doc).push([p]);
}
const vision = (c: TestClient) => richTextToPlain(getVision(c.doc));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL outage', () => {
  it('closes rooms with 1011, answers 503, relays nothing unstored, and resumes with every edit', async () => {
    const storage = await storageConfig('postgres');
    server = await startServer({ SEED: 'demo', ...storage });
    const s = server;
    const adaCookie = await login(s.url, 'ada@acme.example');
    const ada = connectClient(s.wsUrl, ROOM, { cookie: adaCookie });
    const ben = connectClient(s.wsUrl, ROOM, { cookie: await login(s.url, 'ben@acme.example') });
    clients.push(ada, ben);
    await Promise.all([ada.synced(), ben.synced()]);
    type(ada.doc, 'before the outage');
    await waitFor(() => vision(ben).includes('before the outage'), 10_000, 'ben to receive the first edit');

    await testPostgres().halt();
    const me = await fetch(`${s.url}/api/me`, { headers: { cookie: adaCookie } });
    expect(me.status).toBe(503);
    expect(await me.json()).toMatchObject({ error: ErrorCode.StorageUnavailable });

    // About 5 s of typing with the database down.
    for (let i = 0; i < 5; i++) {
      type(ada.doc, `during the outage ${i}`);
      await sleep(1000);
    }
    await waitFor(() => ada.closes.some((c) => c.code === CloseCode.DocumentReloaded), 10_000, 'close 1011');
    // Nothing of it reached the database, so nothing of it may have reached ben.
    expect(vision(ben)).not.toContain('during the outage');

    await testPostgres().start();
    await waitFor(
      () => [0, 1, 2, 3, 4].every((i) => vision(ben).includes(`during the outage ${i}`)),
      30_000,
      'ben to receive the edits typed during the outage, once the database is back',
    );
    expect((await fetch(`${s.url}/api/me`, { headers: { cookie: adaCookie } })).status).toBe(200);
    const expected = vision(ada);
    await waitFor(() => vision(ben) === expected, 10_000, 'the clients to converge');

    // What the database holds, read directly once the server has stopped.
    await s.stop();
    const direct = await openPostgresStorage({ url: storage.DATABASE_URL as string });
    try {
      const doc = new Y.Doc();
      for (const r of await direct.docs.load(ROOM)) Y.applyUpdate(doc, r.data);
      const stored = richTextToPlain(getVision(doc));
      expect(stored).toContain('before the outage');
      for (let i = 0; i < 5; i++) expect(stored).toContain(`during the outage ${i}`);
    } finally {
      await direct.close();
    }
  });
});
