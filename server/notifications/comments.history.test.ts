/**
 * Versions, sign-off drift and export leave comments out, through the real server with
 * automatic versions on: a discussion makes no version and no version author, does not move an
 * agreed plan, and never reaches the export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, getVision, readComments, setResolved } from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';

const REL = 'acme-globex';
let s: TestServer;
const cookies: Record<string, string> = {};
const clients: TestClient[] = [];

beforeAll(async () => {
  s = await startServer({ SEED: 'demo' }, { historyTimings: { settleMs: 150, minIntervalMs: 100, maxBurstMs: 5_000 } });
  for (const who of ['ada', 'ben', 'cara', 'vic']) {
    cookies[who] = await login(s.url, `${who}@${who === 'ada' || who === 'ben' ? 'acme' : 'globex'}.example`);
  }
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await s.destroy();
});

async function api(who: string, path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${s.url}/api${path}`, {
    method,
    headers: { cookie: cookies[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

async function client(who: string) {
  const c = connectClient(s.wsUrl, REL, { cookie: cookies[who] });
  clients.push(c);
  await c.synced();
  return c;
}

interface VersionRow {
  id: string;
  kind: string;
  authors: Array<{ id: string }>;
}
const versions = async () => (await api('ada', `/relationships/${REL}/versions`)).body as VersionRow[];

describe('comments and history', () => {
  it('a discussion makes no version, leaves an agreed plan agreed, and stays out of the export', async () => {
    await waitFor(async () => (await versions()).length === 1, 10_000, 'the creation version');
    const named = await api('ada', `/relationships/${REL}/versions`, 'POST', { name: 'Workshop' });
    expect(named.status).toBe(201);
    expect((await api('ada', `/relationships/${REL}/versions/${named.body.id}/sign`, 'POST')).status).toBe(200);
    expect((await api('cara', `/relationships/${REL}/versions/${named.body.id}/sign`, 'POST')).status).toBe(200);
    const exportBefore = (await api('ada', `/relationships/${REL}/export.md`)).body as string;

    const vic = await client('vic');
    const ben = await client('ben');
    const thread = addComment(vic.doc, {
      author: 'u_vic',
      body: 'SECRET-VIEWER: who owns the data?',
      anchor: { kind: 'objective', id: 'x' },
    });
    await waitFor(() => readComments(ben.doc).length === 1);
    addComment(ben.doc, { author: 'u_ben', body: 'SECRET-MEMBER: we do.', thread });
    setResolved(ben.doc, thread, 'u_ben');
    await waitFor(() => readComments(vic.doc).some((c) => c.resolved !== null));

    const agreement = await api('cara', `/relationships/${REL}/agreement`);
    expect(agreement.body).toMatchObject({ agreed: true, changedSinceAgreement: false, changedSections: [] });
    const exportAfter = (await api('ada', `/relationships/${REL}/export.md`)).body as string;
    expect(exportAfter).toBe(exportBefore);
    expect(exportAfter).not.toMatch(/SECRET/);

    // A plan edit after the discussion makes exactly one automatic version, and only its editor
    // is named: neither the comments before it nor their authors count.
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Ben’s plan edit.')]);
    getVision(ben.doc).push([p]);
    await waitFor(async () => (await versions()).length === 3, 10_000, 'the version of Ben’s edit');
    const [latest, ...older] = await versions();
    expect(latest).toMatchObject({ kind: 'auto', authors: [{ id: 'u_ben', name: expect.any(String) }] });
    expect(older.map((v) => v.kind)).toEqual(['named', 'auto']);
  });
});
