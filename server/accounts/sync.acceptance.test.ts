/**
 * Accounts through the real server and the sync endpoint (CONTRACT 5 refusals, issue 3
 * acceptance): demo users, real LevelDB, stock y-websocket providers in Node.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.ts';
import { getPrinciples, getVision, readObjectives, richTextToPlain } from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';

const ORIGIN = 'http://charter.test';
let s: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  s = await startServer({ SEED: 'demo', ALLOWED_ORIGINS: [ORIGIN] });
});
afterAll(() => s.destroy());
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

/** The HTTP status of an upgrade attempt: 101 when accepted, else the refusal's status. */
function upgradeStatus(room: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${s.wsUrl}/${room}`, { headers });
    ws.on('upgrade', () => {
      resolve(101);
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

function client(room: string, cookie: string, origin?: string): TestClient {
  const c = connectClient(s.wsUrl, room, { cookie, origin });
  clients.push(c);
  return c;
}

const api = (path: string, cookie: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${s.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });

describe('sync authorization before the upgrade', () => {
  it('refuses with 401 / 403 / 404 / 409 and accepts participants', async () => {
    const eve = await login(s.url, 'eve@initech.example');
    const dan = await login(s.url, 'dan@globex.example');
    expect(await upgradeStatus('acme-globex')).toBe(401);
    expect(await upgradeStatus('acme-globex', { cookie: 'charter_session=forged' })).toBe(401);
    expect(await upgradeStatus('acme-globex', { cookie: eve })).toBe(403);
    expect(await upgradeStatus('no-such-relationship', { cookie: dan })).toBe(404);
    expect(await upgradeStatus('initech-globex', { cookie: dan })).toBe(409);
    expect(await upgradeStatus('acme-globex', { cookie: dan, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus('acme-globex', { cookie: dan, origin: ORIGIN })).toBe(101);
    expect(await upgradeStatus('acme-globex', { cookie: dan })).toBe(101);
  });

  it('initech-globex is 409 until Ivy enables Initech’s settings and configures it; then Dan syncs the seeded content', async () => {
    const ivy = await login(s.url, 'ivy@initech.example');
    const dan = await login(s.url, 'dan@globex.example');
    expect(await upgradeStatus('initech-globex', { cookie: dan })).toBe(409);

    const settings = await (await api('/api/companies/initech/account-plan-settings', ivy)).json();
    expect(settings.enabled).toBe(false);
    const put = await api('/api/companies/initech/account-plan-settings', ivy, {
      method: 'PUT',
      body: { ...settings, enabled: true },
    });
    expect(put.status).toBe(200);
    expect(await upgradeStatus('initech-globex', { cookie: dan })).toBe(409);
    const post = await api('/api/relationships/initech-globex/plan', ivy, { method: 'POST', body: {} });
    expect(post.status).toBe(201);

    const c = client('initech-globex', dan);
    await c.synced();
    expect(readObjectives(c.doc).map((o) => o.title)).toEqual(
      settings.objectives.map((o: { title: string }) => o.title),
    );
    expect(richTextToPlain(getPrinciples(c.doc))).toContain(settings.principles[0]);
  });
});

describe('sessions and roles on open sockets', () => {
  it('logout closes the session’s socket with 4401, and the cookie stops working', async () => {
    const ben = await login(s.url, 'ben@acme.example');
    const c = client('acme-globex', ben);
    await c.synced();
    expect((await api('/api/auth/logout', ben, { method: 'POST' })).status).toBe(204);
    await waitFor(() => c.closes.some((e) => e.code === CloseCode.SessionEnded), undefined, 'close 4401');
    c.provider.disconnect();
    expect((await api('/api/me', ben)).status).toBe(401);
    expect(await upgradeStatus('acme-globex', { cookie: ben })).toBe(401);
  });

  it('a viewer’s edit is refused with 4403; promoted to member, their edits go through; removed, the socket closes', async () => {
    const vic = await login(s.url, 'vic@globex.example');
    const cara = await login(s.url, 'cara@globex.example');
    const v = client('acme-globex', vic);
    await v.synced();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('viewer was here')]);
    getVision(v.doc).push([p]);
    await waitFor(() => v.closes.some((e) => e.code === CloseCode.PermissionDenied), 5_000, 'close 4403');
    v.destroy();

    expect(
      (await api('/api/relationships/acme-globex/team/u_vic', cara, { method: 'PUT', body: { role: 'member' } }))
        .status,
    ).toBe(200);
    const v2 = client('acme-globex', vic);
    const observer = client('acme-globex', cara);
    await Promise.all([v2.synced(), observer.synced()]);
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('member now')]);
    getVision(v2.doc).push([p2]);
    await waitFor(() => richTextToPlain(getVision(observer.doc)).includes('member now'), 5_000, 'edit relayed');
    expect(richTextToPlain(getVision(observer.doc))).not.toContain('viewer was here');

    expect((await api('/api/relationships/acme-globex/team/u_vic', cara, { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => v2.closes.some((e) => e.code === CloseCode.PermissionDenied), undefined, 'close on removal');
    v2.provider.disconnect();
    expect(await upgradeStatus('acme-globex', { cookie: vic })).toBe(403);
    await api('/api/relationships/acme-globex/team/u_vic', cara, { method: 'PUT', body: { role: 'viewer' } });
  });

  it('a client claiming a false name in awareness is seen by others under its real name and colour', async () => {
    const dan = await login(s.url, 'dan@globex.example');
    const ada = await login(s.url, 'ada@acme.example');
    const team = await (await api('/api/relationships/acme-globex/team', ada)).json();
    const liar = client('acme-globex', dan);
    const watcher = client('acme-globex', ada);
    await Promise.all([liar.synced(), watcher.synced()]);
    liar.provider.awareness.setLocalStateField('user', { id: 'u_ada', name: 'Ada Lovelace', color: '#000000' });
    const liarId = liar.doc.clientID;
    await waitFor(
      () => watcher.provider.awareness.getStates().get(liarId)?.user !== undefined,
      5_000,
      'awareness relayed',
    );
    expect(watcher.provider.awareness.getStates().get(liarId)?.user).toEqual({
      id: 'u_dan',
      name: 'Dan Moreau',
      color: team.find((m: { userId: string }) => m.userId === 'u_dan').color,
      companyId: 'globex',
      companyName: 'Globex Supply',
    });
  });
});

describe('sessions across a restart', () => {
  it('a live session works after a restart; a logged-out one does not', async () => {
    const t = await startServer({ SEED: 'demo' });
    const live = await login(t.url, 'ada@acme.example');
    const dead = await login(t.url, 'ben@acme.example');
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: dead } });
    await t.stop();
    const t2 = await startServer({ SEED: 'demo', DATA_DIR: t.dataDir });
    try {
      expect((await fetch(`${t2.url}/api/me`, { headers: { cookie: live } })).status).toBe(200);
      expect((await fetch(`${t2.url}/api/me`, { headers: { cookie: dead } })).status).toBe(401);
      const c = connectClient(t2.wsUrl, 'acme-globex', { cookie: live });
      clients.push(c);
      await c.synced();
      expect(readObjectives(c.doc)).toHaveLength(3);
    } finally {
      await t2.destroy();
    }
  });
});
