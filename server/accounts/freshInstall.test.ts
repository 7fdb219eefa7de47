/**
 * A fresh installation (SEED=none) through the real server: the operator command (while the
 * server runs, and on a stopped store), invitations, a relationship with a new partner company,
 * then the sync endpoint with stock y-websocket providers: deactivation closes an open socket
 * with 4401, and an archived relationship refuses writes.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { getVision, richTextToPlain } from '../../shared/schema.ts';
import { connectClient, REPO, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';
import * as Y from 'yjs';

import { storageEnvFor } from '../testing/storage.ts';
const run = promisify(execFile);
let s: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  s = await startServer({ SEED: 'none' });
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await s.destroy();
});

async function admin(dataDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const out = await run(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/admin.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...(await storageEnvFor(dataDir)), DATA_DIR: dataDir, SEED: 'none', LOG_LEVEL: 'silent' },
    });
    return { ...out, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const api = async (pathname: string, init: { method?: string; body?: unknown; cookie?: string } = {}) => {
  const res = await fetch(`${s.url}${pathname}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: res.status, json: text ? JSON.parse(text) : null, cookie };
};
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const accept = (link: string, body: object) => api(`/api/invitations/${tokenOf(link)}/accept`, { body });

describe('a fresh installation', () => {
  let acme: { cookie: string; companyId: string };
  let ben: { cookie: string; id: string };
  let partner: { cookie: string; companyId: string };
  let rel: string;

  it('starts with nothing, and the operator command creates the first company through the running server', async () => {
    expect(
      (await api('/api/auth/login', { body: { email: 'ada@acme.example', password: 'demo-password' } })).status,
    ).toBe(401);
    const out = await admin(
      s.dataDir,
      'create-company',
      '--name',
      'Acme Retail',
      '--admin-email',
      'ada@acme.test',
      '--admin-name',
      'Ada Lovelace',
    );
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n');
    const link = lines[lines.length - 1];
    expect(link).toMatch(new RegExp(`^${s.url}/invite/[A-Za-z0-9_-]{43}$`));

    const info = await api(`/api/invitations/${tokenOf(link)}`);
    expect(info.json).toMatchObject({
      kind: 'company',
      companyName: 'Acme Retail',
      role: 'admin',
      name: 'Ada Lovelace',
    });
    const res = await accept(link, { name: 'Ada Lovelace', password: 'acme admin password' });
    expect(res.status).toBe(200);
    acme = { cookie: res.cookie, companyId: res.json.user.companyId };
    expect((await api('/api/me', { cookie: acme.cookie })).json).toMatchObject({
      companyRole: 'admin',
      companyName: 'Acme Retail',
    });
  });

  it('keeps the operator endpoint to local callers holding the token', async () => {
    const body = JSON.stringify({ name: 'Evil Co', adminEmail: 'evil@evil.test' });
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(`${s.url}/api/admin/companies`, { method: 'POST', headers, body })).status).toBe(403);
    expect(
      (
        await fetch(`${s.url}/api/admin/companies`, {
          method: 'POST',
          headers: { ...headers, authorization: 'Bearer guessed' },
          body,
        })
      ).status,
    ).toBe(403);
  });

  it('refuses bad operator input with a usage error and creates nothing', async () => {
    const out = await admin(s.dataDir, 'create-company', '--name', 'No Email');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('usage:');
    const bad = await admin(s.dataDir, 'create-company', '--name', 'Bad', '--admin-email', 'not-an-address');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an e-mail address');
  });

  it('runs a relationship with a new partner company to a co-edited plan', async () => {
    const inv = await api(`/api/companies/${acme.companyId}/invitations`, {
      cookie: acme.cookie,
      body: { email: 'ben@acme.test', role: 'member' },
    });
    expect(inv.status).toBe(201);
    const b = await accept(inv.json.link, { name: 'Ben Okafor', password: 'ben member password' });
    ben = { cookie: b.cookie, id: b.json.user.id };

    const started = await api('/api/relationships', {
      cookie: acme.cookie,
      body: { name: 'Acme × Hooli', partnerEmail: 'gavin@hooli.test' },
    });
    expect(started.status).toBe(201);
    rel = started.json.id;
    const g = await accept(started.json.invitation.link, {
      name: 'Gavin Belson',
      password: 'hooli admin password',
      companyName: 'Hooli',
    });
    expect(g.status).toBe(200);
    partner = { cookie: g.cookie, companyId: g.json.user.companyId };

    const settings = {
      enabled: true,
      objectives: [
        {
          title: 'Grow',
          description: 'Grow together',
          measure: { unit: '%', baseline: 1, target: 2, direction: 'increase' },
        },
      ],
      principles: ['Be open'],
      behaviours: ['Call early'],
    };
    expect(
      (
        await api(`/api/companies/${acme.companyId}/account-plan-settings`, {
          method: 'PUT',
          cookie: acme.cookie,
          body: settings,
        })
      ).status,
    ).toBe(200);
    expect((await api(`/api/relationships/${rel}/plan`, { cookie: acme.cookie, body: {} })).status).toBe(201);
    expect(
      (
        await api(`/api/relationships/${rel}/team/${ben.id}`, {
          method: 'PUT',
          cookie: acme.cookie,
          body: { role: 'member' },
        })
      ).status,
    ).toBe(200);

    const a = connectClient(s.wsUrl, rel, { cookie: ben.cookie });
    const p = connectClient(s.wsUrl, rel, { cookie: partner.cookie });
    clients.push(a, p);
    await Promise.all([a.synced(), p.synced()]);
    const para = new Y.XmlElement('paragraph');
    para.insert(0, [new Y.XmlText('Grow together')]);
    getVision(a.doc).insert(getVision(a.doc).length, [para]);
    await waitFor(
      () => richTextToPlain(getVision(p.doc)).includes('Grow together'),
      10_000,
      'the vision edit to reach the partner',
    );
  });

  it('closes a deactivated person’s open socket with 4401 at once, and refuses their sign-in', async () => {
    const ben2 = connectClient(s.wsUrl, rel, { cookie: ben.cookie });
    clients.push(ben2);
    await ben2.synced();
    const res = await api(`/api/companies/${acme.companyId}/users/${ben.id}/deactivate`, {
      cookie: acme.cookie,
      body: {},
    });
    expect(res.status).toBe(200);
    await waitFor(() => ben2.closes.some((c) => c.code === CloseCode.SessionEnded), 10_000, 'close 4401');
    ben2.provider.disconnect();
    const login = await api('/api/auth/login', { body: { email: 'ben@acme.test', password: 'ben member password' } });
    expect(login.status).toBe(403);
  });

  it('refuses writes to an archived relationship (4403, nothing applied) and still exports it', async () => {
    expect(
      (await api(`/api/relationships/${rel}`, { method: 'PATCH', cookie: acme.cookie, body: { archived: true } }))
        .status,
    ).toBe(200);
    const writer = connectClient(s.wsUrl, rel, { cookie: partner.cookie });
    const reader = connectClient(s.wsUrl, rel, { cookie: acme.cookie });
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    const para = new Y.XmlElement('paragraph');
    para.insert(0, [new Y.XmlText('Written after archiving')]);
    getVision(writer.doc).insert(0, [para]);
    await waitFor(() => writer.closes.some((c) => c.code === CloseCode.PermissionDenied), 10_000, 'close 4403');
    writer.provider.disconnect();
    const fresh = connectClient(s.wsUrl, rel, { cookie: acme.cookie });
    clients.push(fresh);
    await fresh.synced();
    expect(richTextToPlain(getVision(fresh.doc))).not.toContain('Written after archiving');
    const exported = await fetch(`${s.url}/api/relationships/${rel}/export.md`, {
      headers: { cookie: partner.cookie },
    });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('Grow together');
  });

  it('creates a company on a stopped store, and the link works once the server is back', async () => {
    const dir = s.dataDir;
    await s.stop();
    const out = await admin(dir, 'create-company', '--name', 'Initech', '--admin-email', 'ivy@initech.test');
    expect(out.code, out.stderr).toBe(0);
    const link = out.stdout.trim().split('\n').pop()!;
    s = await startServer({ SEED: 'none', DATA_DIR: dir });
    const info = await api(`/api/invitations/${tokenOf(link)}`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ companyName: 'Initech', email: 'ivy@initech.test' });
  });
});
