/**
 * Backup and restore end to end: `npm run backup` against the real server (a child process)
 * while clients keep editing, then `npm run restore` into an empty DATA_DIR and a server started
 * on it: sign-in works and the plan holds every edit made before the backup.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { connectClient, login, REPO, spawnServer, tempDir, waitFor, type TestClient } from '../testing/harness.ts';
import { getVision, richTextToPlain } from '../../shared/schema.ts';
import { ADMIN_FILE, BACKUP_ROUTE, type AdminFile } from './adminEndpoint.ts';
import { BackupFormatError, restoreBackup, verifyBackup } from './backup.ts';
import { TEST_STORAGE } from '../testing/storage.ts';

const ROOM = 'acme-globex';
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ch of children.splice(0)) if (ch.exitCode === null) ch.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dir() {
  const d = await tempDir('charter-backup-');
  dirs.push(d);
  return d;
}

async function start(dataDir: string) {
  const s = await spawnServer({ DATA_DIR: dataDir, SEED: 'demo' });
  children.push(s.child);
  return { ...s, wsUrl: s.url.replace(/^http/, 'ws') + '/sync' };
}

/** Runs one of the npm scripts the way `npm run` does (node --import tsx), with DATA_DIR set. */
function runScript(
  script: 'backup' | 'restore',
  file: string,
  dataDir: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, `scripts/${script}.ts`), file], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

function type(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getVision(doc).push([p]);
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

// `npm run backup` copies LevelDB; on PostgreSQL, pg_dump does it (docs/operations.md).
describe.skipIf(TEST_STORAGE === 'postgres')('backup and restore', () => {
  it('backs up a running server while it is being edited; the restore has every earlier edit', async () => {
    const live = await dir();
    const s = await start(live);
    const ada = connectClient(s.wsUrl, ROOM, { cookie: await login(s.url, 'ada@acme.example') });
    const ben = connectClient(s.wsUrl, ROOM, { cookie: await login(s.url, 'ben@acme.example') });
    clients.push(ada, ben);
    await Promise.all([ada.synced(), ben.synced()]);
    for (let i = 0; i < 200; i++) type(ada.doc, `before backup ${i}`);
    // Ben has them, so the server relayed them, so they were durable (relay follows persist).
    await waitFor(
      () => richTextToPlain(getVision(ben.doc)).includes('before backup 199'),
      10_000,
      'edits to reach ben',
    );

    // The admin endpoint answers only with the token from DATA_DIR.
    const admin = JSON.parse(await readFile(path.join(live, ADMIN_FILE), 'utf8')) as AdminFile;
    expect((await stat(path.join(live, ADMIN_FILE))).mode & 0o077).toBe(0);
    const refused = await fetch(admin.url + BACKUP_ROUTE, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
    });
    expect(refused.status).toBe(403);

    // Keep editing during the backup: its snapshot is taken at some instant in between.
    let during = 0;
    const typing = setInterval(() => type(ben.doc, `during backup ${during++}`), 5);
    const file = path.join(await dir(), 'charter.backup');
    const backup = await runScript('backup', file, live);
    clearInterval(typing);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('from the running server');
    const summary = await verifyBackup(file);
    expect(summary.entries).toBeGreaterThan(10);

    s.child.kill('SIGKILL');
    await exited(s.child);
    ada.destroy();
    ben.destroy();

    const restored = await dir();
    const restore = await runScript('restore', file, restored);
    expect(restore.code, restore.out).toBe(0);
    // A restore never merges into an existing store.
    const again = await runScript('restore', file, restored);
    expect(again.code).toBe(1);
    expect(again.out).toContain('not empty');

    const s2 = await start(restored);
    const cara = connectClient(s2.wsUrl, ROOM, { cookie: await login(s2.url, 'cara@globex.example') });
    clients.push(cara);
    await cara.synced();
    const text = richTextToPlain(getVision(cara.doc));
    for (let i = 0; i < 200; i++) expect(text).toContain(`before backup ${i}`);
    // A snapshot in time: the "during" edits it has form an unbroken prefix.
    const seen = [...text.matchAll(/during backup (\d+)/g)].map((m) => Number(m[1]));
    expect(seen).toEqual(seen.map((_, i) => i));
    console.log(
      `[backup] ${summary.entries} entries; ${during} edits typed during the backup, ${seen.length} of them in it`,
    );

    // With the server stopped cleanly, the same command opens the store directly.
    s2.child.kill('SIGTERM');
    await exited(s2.child);
    const offline = path.join(await dir(), 'offline.backup');
    const direct = await runScript('backup', offline, restored);
    expect(direct.code, direct.out).toBe(0);
    expect(direct.out).toContain('directly');
  });

  it('refuses a truncated or altered backup before writing anything', async () => {
    const live = await dir();
    const s = await start(live);
    s.child.kill('SIGTERM');
    await exited(s.child);
    const file = path.join(await dir(), 'good.backup');
    expect((await runScript('backup', file, live)).code).toBe(0);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');

    const truncated = file + '.truncated';
    await writeFile(truncated, lines.slice(0, -3).join('\n') + '\n');
    await expect(restoreBackup(truncated, path.join(await dir(), 'a'))).rejects.toThrow(BackupFormatError);

    const altered = file + '.altered';
    const tampered = [...lines];
    const [k] = tampered[3].split('\t');
    tampered[3] = `${k}\t${Buffer.from('{"tampered":true}').toString('base64')}`;
    await writeFile(altered, tampered.join('\n') + '\n');
    const target = path.join(await dir(), 'b');
    await expect(restoreBackup(altered, target)).rejects.toThrow(/checksum/);
    await expect(stat(target)).rejects.toThrow(); // nothing was created
  });
});
