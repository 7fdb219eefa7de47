/**
 * `npm run migrate-storage -- --from leveldb --to postgres` on the demo data plus a plan with
 * edits, history and signatures: a server started on PostgreSQL afterwards serves the same
 * product, and people stay signed in.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getVision, richTextToPlain } from '../../../shared/schema.ts';
import {
  connectClient,
  login,
  REPO,
  startServer,
  tempDir,
  waitFor,
  type TestClient,
  type TestServer,
} from '../../testing/harness.ts';
import { storageConfig, useTestStorage } from '../../testing/storage.ts';

useTestStorage(['postgres']);

const run = promisify(execFile);
const ROOM = 'acme-globex';
const clients: TestClient[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.destroy();
});

async function migrateStorage(dataDir: string, databaseUrl: string) {
  try {
    const out = await run(
      process.execPath,
      ['--import', 'tsx', path.join(REPO, 'scripts/migrateStorage.ts'), '--from', 'leveldb', '--to', 'postgres'],
      { cwd: REPO, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, STORAGE: '' } },
    );
    return { ...out, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('migrate-storage leveldb → postgres', () => {
  it('copies documents, history, signatures, accounts, sessions and the inbox', async () => {
    const dataDir = await tempDir();
    const level = await startServer({ SEED: 'demo', STORAGE: 'leveldb', DATA_DIR: dataDir });
    servers.push(level);
    const cookie = await login(level.url, 'ada@acme.example');
    const ada = connectClient(level.wsUrl, ROOM, { cookie });
    clients.push(ada);
    await ada.synced();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('written on LevelDB')]);
    getVision(ada.doc).push([p]);
    const versions = level.app.storage.versions;
    const state = Y.encodeStateAsUpdate(ada.doc);
    await versions.add(
      ROOM,
      { name: 'Agreed', kind: 'named', at: new Date().toISOString(), by: null, authors: [], restoredFrom: null },
      state,
    );
    const sig = { versionId: 'v2', companyId: 'acme', companyName: 'Acme', userId: 'u_ada', userName: 'Ada', at: 'x' };
    await versions.putSignature(ROOM, sig);
    const note = await level.app.storage.notifications.add({
      userId: 'u_cara',
      relationshipId: ROOM,
      kind: 'mention',
      commentId: 'c1',
      threadId: 'c1',
      by: { id: 'u_ben', name: 'Ben' },
      excerpt: '@Cara can we commit to 95%?',
      at: new Date().toISOString(),
    });
    const viewer = connectClient(level.wsUrl, ROOM, { cookie: await login(level.url, 'ben@acme.example') });
    clients.push(viewer);
    await waitFor(
      () => richTextToPlain(getVision(viewer.doc)).includes('written on LevelDB'),
      10_000,
      'the edit stored',
    );
    const expectedText = richTextToPlain(getVision(ada.doc));
    const expectedVersions = await versions.list(ROOM);
    expect(expectedVersions.length).toBeGreaterThanOrEqual(2);
    for (const c of clients.splice(0)) c.destroy();
    await level.stop();

    const target = await storageConfig('postgres');
    const out = await migrateStorage(dataDir, target.DATABASE_URL as string);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/versions: \d+/);

    const pgServer = await startServer({ SEED: 'demo', ...target });
    servers.push(pgServer);
    expect(await (await fetch(`${pgServer.url}/api/health`)).json()).toMatchObject({ storage: 'postgres' });
    // The session made on LevelDB still signs Ada in.
    const me = await fetch(`${pgServer.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const fresh = connectClient(pgServer.wsUrl, ROOM, { cookie });
    clients.push(fresh);
    await fresh.synced();
    expect(richTextToPlain(getVision(fresh.doc))).toBe(expectedText);
    const pgVersions = pgServer.app.storage.versions;
    expect(await pgVersions.list(ROOM)).toEqual(expectedVersions);
    expect(Array.from((await pgVersions.state(ROOM, 'v2'))!)).toEqual(Array.from(state));
    expect(await pgVersions.signatures(ROOM)).toEqual([sig]);
    expect(await pgServer.app.storage.accounts.getUserByEmail('cara@globex.example')).toBeDefined();
    expect((await pgServer.app.storage.notifications.list('u_cara')).items).toEqual([note]);
    expect(await pgServer.app.storage.notifications.unread('u_cara')).toEqual({ [ROOM]: 1 });

    // A second run never merges into a database in use.
    await pgServer.stop();
    const again = await migrateStorage(dataDir, target.DATABASE_URL as string);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });
});
