import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from './testing.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.destroy();
  t = null;
});

async function enableInitech(app: TestApp, ivy: string) {
  const settings = (
    await app.app.inject({ url: '/api/companies/initech/account-plan-settings', headers: { cookie: ivy } })
  ).json();
  const put = await app.app.inject({
    method: 'PUT',
    url: '/api/companies/initech/account-plan-settings',
    headers: { cookie: ivy },
    payload: { ...settings, enabled: true },
  });
  expect(put.statusCode).toBe(200);
}

const configure = (app: TestApp, cookie: string) =>
  app.app.inject({ method: 'POST', url: '/api/relationships/initech-globex/plan', headers: { cookie }, payload: {} });

describe('configuring a plan', () => {
  it('two concurrent requests create one document: one 201, one 409', async () => {
    t = await startTestApp();
    const ivy = await t.login('ivy@initech.example');
    await enableInitech(t, ivy);
    const statuses = (await Promise.all([configure(t, ivy), configure(t, ivy)])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409]);
    expect(t.docs.docs.has('initech-globex')).toBe(true);
  });

  it('a document stored by an interrupted earlier attempt marks the relationship configured (409)', async () => {
    t = await startTestApp();
    const ivy = await t.login('ivy@initech.example');
    await enableInitech(t, ivy);
    await t.docs.createDocument('initech-globex', (doc: Y.Doc) => doc.getMap('meta').set('title', 'earlier'));
    const res = await configure(t, ivy);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('already_configured');
    const rel = await t.app.inject({ url: '/api/relationships/initech-globex', headers: { cookie: ivy } });
    expect(rel.json().configured).toBe(true);
  });

  it('a storage failure is a 500 without details, and the plan stays unconfigured', async () => {
    t = await startTestApp();
    const ivy = await t.login('ivy@initech.example');
    await enableInitech(t, ivy);
    const original = t.docs.createDocument.bind(t.docs);
    t.docs.createDocument = async () => {
      throw new Error('disk on fire at /var/secret/path');
    };
    const res = await configure(t, ivy);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
    expect(res.body).not.toContain('disk on fire');
    t.docs.createDocument = original;
    expect((await configure(t, ivy)).statusCode).toBe(201);
  });
});
