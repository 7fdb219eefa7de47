/**
 * `GET /api/relationships/:id/presence`: who is in a plan right now, read from the awareness
 * states the server stamped, without the caller joining the plan.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectClient, login, startServer, waitFor, type TestServer } from '../testing/harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ SEED: 'demo' });
});
afterAll(async () => {
  await server?.destroy();
});

const presence = async (cookie: string) => {
  const res = await fetch(`${server.url}/api/relationships/acme-globex/presence`, { headers: { cookie } });
  return { status: res.status, body: await res.json() };
};

it('lists the people in a plan with their company and section, once per user, under their real names', async () => {
  const ada = await login(server.url, 'ada@acme.example');
  expect(await presence(ada)).toEqual({ status: 200, body: [] });

  const ben = connectClient(server.wsUrl, 'acme-globex', { cookie: await login(server.url, 'ben@acme.example') });
  const benTab2 = connectClient(server.wsUrl, 'acme-globex', { cookie: await login(server.url, 'ben@acme.example') });
  try {
    await Promise.all([ben.synced(), benTab2.synced()]);
    ben.provider.awareness.setLocalStateField('user', { id: 'u_ada', name: 'Not Ben' });
    ben.provider.awareness.setLocalStateField('section', 'objectives');
    benTab2.provider.awareness.setLocalStateField('section', 'vision');
    await waitFor(async () => (await presence(ada)).body.length === 1, 5_000, 'ben to be present');
    const [entry] = (await presence(ada)).body;
    expect(entry).toMatchObject({ name: 'Ben Okafor', companyId: 'acme', companyName: 'Acme Retail' });
    expect(['objectives', 'vision']).toContain(entry.section);
  } finally {
    ben.destroy();
    benTab2.destroy();
  }
  await waitFor(async () => (await presence(ada)).body.length === 0, 5_000, 'ben to leave');
});

it('is refused to non-participants and to anonymous callers', async () => {
  expect((await presence(await login(server.url, 'eve@initech.example'))).status).toBe(403);
  expect((await presence('')).status).toBe(401);
});
