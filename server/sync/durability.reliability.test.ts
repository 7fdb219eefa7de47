/**
 * Durability through the real process (`server/main.ts` as a child): a graceful SIGTERM keeps
 * everything, and an edit that a second client has received survives kill -9. Runs on the
 * backend TEST_STORAGE names (LevelDB by default; `TEST_STORAGE=postgres` for PostgreSQL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import * as Y from 'yjs';
import { connectClient, login, spawnServer, tempDir, waitFor, type TestClient } from '../testing/harness.ts';
import { getVision, richTextToPlain } from '../../shared/schema.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { TEST_STORAGE } from '../testing/storage.ts';

const ROOM = 'acme-globex';
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ch of children.splice(0)) if (ch.exitCode === null) ch.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const s = await spawnServer({ DATA_DIR: dataDir, SEED: 'demo' });
  children.push(s.child);
  // The suite runs once per backend (TEST_STORAGE): make sure this run is on the one it claims.
  expect(await (await fetch(`${s.url}/api/health`)).json()).toMatchObject({ ok: true, storage: TEST_STORAGE });
  return { ...s, wsUrl: s.url.replace(/^http/, 'ws') + '/sync' };
}

async function client(s: { url: string; wsUrl: string }, email: string) {
  const c = connectClient(s.wsUrl, ROOM, { cookie: await login(s.url, email) });
  clients.push(c);
  await c.synced();
  return c;
}

function type(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getVision(doc).push([p]);
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.exitCode !== null
      ? resolve({ code: child.exitCode, signal: null })
      : child.on('exit', (code, signal) => resolve({ code, signal })),
  );

describe('durability', () => {
  it('SIGTERM closes sockets with 1001, exits 0, and a restart has every edit', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const s1 = await start(dir);
    const ada = await client(s1, 'ada@acme.example');
    const ben = await client(s1, 'ben@acme.example');
    for (let i = 0; i < 50; i++) type(i % 2 ? ada.doc : ben.doc, `graceful ${i}`);
    await waitFor(
      () =>
        richTextToPlain(getVision(ada.doc)).includes('graceful 48') &&
        richTextToPlain(getVision(ben.doc)).includes('graceful 49'),
    );
    s1.child.kill('SIGTERM');
    expect(await exited(s1.child)).toEqual({ code: 0, signal: null });
    await waitFor(() => ada.closes.some((c) => c.code === CloseCode.GoingAway), 5_000, 'close 1001');
    const expected = richTextToPlain(getVision(ada.doc));
    ada.destroy();
    ben.destroy();

    const s2 = await start(dir);
    const fresh = await client(s2, 'cara@globex.example');
    expect(richTextToPlain(getVision(fresh.doc))).toBe(expected);
    for (let i = 0; i < 50; i++) expect(expected).toContain(`graceful ${i}`);
  });

  it('kill -9 right after a second client received an edit: the edit survives the restart', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const s1 = await start(dir);
    const ada = await client(s1, 'ada@acme.example');
    const ben = await client(s1, 'ben@acme.example');
    type(ada.doc, 'seen by ben, then the server dies');
    await waitFor(() => richTextToPlain(getVision(ben.doc)).includes('seen by ben'), 5_000, 'ben to receive the edit');
    s1.child.kill('SIGKILL');
    // Neither client may put the edit back: only the server's store is under test.
    ada.destroy();
    ben.destroy();
    expect((await exited(s1.child)).signal).toBe('SIGKILL');

    const s2 = await start(dir);
    const fresh = await client(s2, 'cara@globex.example');
    expect(richTextToPlain(getVision(fresh.doc))).toContain('seen by ben, then the server dies');
  });
});
