/**
 * Plan history through the real server (issue 9): demo data, real LevelDB, stock y-websocket
 * clients as the demo users. Named versions, automatic capture after a burst, joint sign-off,
 * drift after Ben's edit, a live restore, Markdown export and who may do what.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProject, getVision, richTextToPlain } from '../../shared/schema.ts';
import { SECTION_TITLES } from '../../shared/markdown.ts';
import { connectClient, login, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';

const REL = 'acme-globex';
const BEN_TEXT = 'Ben proposes weekly joint stand-ups.';
const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

function apiOf(s: TestServer) {
  return async (path: string, cookie: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${s.url}/api${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* Markdown */
    }
    return { status: res.status, body, headers: res.headers };
  };
}

async function editVision(s: TestServer, cookie: string, text: string): Promise<TestClient> {
  const c = connectClient(s.wsUrl, REL, { cookie });
  clients.push(c);
  await c.synced();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  const vision = getVision(c.doc);
  vision.insert(vision.length, [p]);
  return c;
}

describe('plan history, sign-off and export', () => {
  let s: TestServer;
  let api: ReturnType<typeof apiOf>;
  const cookies: Record<string, string> = {};
  let signed: { id: string; name: string };
  let signedVision: string;

  beforeAll(async () => {
    // Automatic capture effectively off: this suite counts on only the versions it makes.
    s = await startServer({ SEED: 'demo' }, { historyTimings: { settleMs: 3_600_000, maxBurstMs: 3_600_000 } });
    api = apiOf(s);
    for (const who of [
      'ada@acme.example',
      'ben@acme.example',
      'cara@globex.example',
      'vic@globex.example',
      'eve@initech.example',
    ]) {
      cookies[who.split('@')[0]] = await login(s.url, who);
    }
  });
  afterAll(() => s.destroy());

  it('names a version (members yes, viewers no) and lists versions newest first', async () => {
    const ben = await api(`/relationships/${REL}/versions`, cookies.ben, {
      method: 'POST',
      body: { name: 'Before the workshop' },
    });
    expect(ben.status).toBe(201);
    expect(ben.body).toMatchObject({
      name: 'Before the workshop',
      kind: 'named',
      by: { id: 'u_ben', name: 'Ben Okafor' },
      restoredFrom: null,
    });

    expect(
      (await api(`/relationships/${REL}/versions`, cookies.vic, { method: 'POST', body: { name: 'x' } })).status,
    ).toBe(403);
    expect(
      (await api(`/relationships/${REL}/versions`, cookies.ben, { method: 'POST', body: { name: 'x', extra: 1 } }))
        .status,
    ).toBe(400);
    expect(
      (await api(`/relationships/${REL}/versions`, cookies.ben, { method: 'POST', body: { name: '   ' } })).status,
    ).toBe(400);

    const ada = await api(`/relationships/${REL}/versions`, cookies.ada, {
      method: 'POST',
      body: { name: 'Agreed at the Q3 workshop' },
    });
    expect(ada.status).toBe(201);
    signed = ada.body;
    const list = await api(`/relationships/${REL}/versions`, cookies.vic);
    expect(list.status).toBe(200);
    // The plan's creation (here the demo seed) is its first version.
    expect(list.body.map((v: { name: string }) => v.name)).toEqual([
      'Agreed at the Q3 workshop',
      'Before the workshop',
      'Plan created',
    ]);

    const one = await api(`/relationships/${REL}/versions/${signed.id}`, cookies.vic);
    expect(one.status).toBe(200);
    expect(one.body.version.id).toBe(signed.id);
    expect(one.body.plan.objectives).toHaveLength(3);
    expect(one.body.plan.vision.type).toBe('doc');
    signedVision = one.body.plan.text.vision;
    expect(signedVision.length).toBeGreaterThan(10);
    expect((await api(`/relationships/${REL}/versions/v999`, cookies.vic)).status).toBe(404);
  });

  it('keeps non-participants out of every history route', async () => {
    for (const [method, path] of [
      ['GET', `/relationships/${REL}/versions`],
      ['GET', `/relationships/${REL}/versions/${signed.id}`],
      ['GET', `/relationships/${REL}/versions/${signed.id}/diff`],
      ['POST', `/relationships/${REL}/versions/${signed.id}/restore`],
      ['POST', `/relationships/${REL}/versions/${signed.id}/sign`],
      ['GET', `/relationships/${REL}/agreement`],
      ['GET', `/relationships/${REL}/export.md`],
      ['GET', `/relationships/${REL}/plan`],
      ['GET', `/relationships/${REL}/versions/${signed.id}/export.md`],
    ]) {
      expect((await api(path, cookies.eve, { method })).status, `${method} ${path}`).toBe(403);
      expect((await api(path, '', { method })).status, `${method} ${path} anonymous`).toBe(401);
    }
  });

  it('Ada and Cara sign the named version: the plan is agreed; viewers and members cannot sign', async () => {
    expect(
      (await api(`/relationships/${REL}/versions/${signed.id}/sign`, cookies.vic, { method: 'POST' })).status,
    ).toBe(403);
    expect(
      (await api(`/relationships/${REL}/versions/${signed.id}/sign`, cookies.ben, { method: 'POST' })).status,
    ).toBe(403);
    expect(
      (
        await api(`/relationships/${REL}/versions/${signed.id}/sign`, cookies.ada, {
          method: 'POST',
          body: { force: true },
        })
      ).status,
    ).toBe(400);

    const first = await api(`/relationships/${REL}/versions/${signed.id}/sign`, cookies.ada, { method: 'POST' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ versionId: signed.id, agreed: false, changedSinceAgreement: false });
    const second = await api(`/relationships/${REL}/versions/${signed.id}/sign`, cookies.cara, { method: 'POST' });
    expect(second.body).toMatchObject({
      versionId: signed.id,
      versionName: 'Agreed at the Q3 workshop',
      agreed: true,
      changedSinceAgreement: false,
      changedSections: [],
    });
    expect(
      second.body.signatures.map((x: { companyName: string; userName: string }) => [x.companyName, x.userName]),
    ).toEqual([
      ['Acme Retail', 'Ada Lovelace'],
      ['Globex Supply', 'Cara Jensen'],
    ]);
    const viewer = await api(`/relationships/${REL}/agreement`, cookies.vic);
    expect(viewer.body.agreed).toBe(true);
  });

  it('Ben edits the vision: changed since agreement, and the diff shows his text', async () => {
    await editVision(s, cookies.ben, BEN_TEXT);
    await waitFor(
      async () => (await api(`/relationships/${REL}/agreement`, cookies.cara)).body.changedSinceAgreement === true,
      10_000,
      'drift',
    );
    const agreement = await api(`/relationships/${REL}/agreement`, cookies.ada);
    expect(agreement.body).toMatchObject({ agreed: true, changedSinceAgreement: true, changedSections: ['vision'] });

    const diff = await api(`/relationships/${REL}/versions/${signed.id}/diff?against=current`, cookies.vic);
    expect(diff.status).toBe(200);
    expect(diff.body.to).toBe('current');
    expect(diff.body.changedSections).toEqual(['vision']);
    const added = diff.body.diff.vision.runs
      .filter((r: { op: string }) => r.op === 'added')
      .map((r: { text: string }) => r.text)
      .join('');
    expect(added).toContain(BEN_TEXT);
    expect((await api(`/relationships/${REL}/versions/${signed.id}/diff?against=nope!`, cookies.vic)).status).toBe(400);
  });

  it('Ada restores the signed version: a connected client sees it live and the drift clears', async () => {
    const cara = connectClient(s.wsUrl, REL, { cookie: cookies.cara });
    clients.push(cara);
    await cara.synced();
    await waitFor(() => richTextToPlain(getVision(cara.doc)).includes(BEN_TEXT), 10_000, 'Ben’s text at Cara');

    expect(
      (await api(`/relationships/${REL}/versions/${signed.id}/restore`, cookies.vic, { method: 'POST' })).status,
    ).toBe(403);
    expect(
      (await api(`/relationships/${REL}/versions/${signed.id}/restore`, cookies.ben, { method: 'POST' })).status,
    ).toBe(403);
    const restored = await api(`/relationships/${REL}/versions/${signed.id}/restore`, cookies.ada, { method: 'POST' });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      kind: 'restore',
      restoredFrom: signed.id,
      by: { id: 'u_ada' },
      name: 'Restored “Agreed at the Q3 workshop”',
    });
    // Ben's edit was made since the previous version: the restore version lists him.
    expect(restored.body.authors.map((a: any) => a.id)).toEqual(['u_ben']);

    await waitFor(() => richTextToPlain(getVision(cara.doc)) === signedVision, 10_000, 'the signed vision at Cara');
    const agreement = await api(`/relationships/${REL}/agreement`, cookies.cara);
    expect(agreement.body).toMatchObject({ agreed: true, changedSinceAgreement: false, changedSections: [] });
    const versions = await api(`/relationships/${REL}/versions`, cookies.ada);
    expect(versions.body.map((v: any) => v.kind)).toEqual(['restore', 'named', 'named', 'auto']);
  });

  it('exports the signed version and the current plan as Markdown with every section', async () => {
    const res = await api(`/relationships/${REL}/versions/${signed.id}/export.md`, cookies.vic);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="acme-globex-agreed-at-the-q3-workshop-\d{4}-\d{2}-\d{2}\.md"$/,
    );
    const md: string = res.body;
    expect(md.startsWith('# Acme Retail × Globex Supply')).toBe(true);
    for (const title of Object.values(SECTION_TITLES)) expect(md).toContain(`## ${title}`);
    for (const line of signedVision.split('\n').filter(Boolean)) expect(md).toContain(line.slice(0, 30));
    expect(md).toContain('Agreed by Acme Retail (Ada Lovelace');
    expect(md).toContain('**Measure:**');
    expect(md).not.toContain(BEN_TEXT);

    const current = await api(`/relationships/${REL}/export.md`, cookies.ben);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-disposition')).toMatch(/filename="acme-globex-plan-\d{4}-\d{2}-\d{2}\.md"/);
    expect(current.body).toContain('## Guiding Principles');
  });

  it('serves the live plan as data to any participant, a viewer included, as of the last edit', async () => {
    const LIVE_TEXT = 'Ben adds a line after the restore.';
    const before = await api(`/relationships/${REL}/plan`, cookies.vic);
    expect(before.status).toBe(200);
    expect(before.body.relationshipId).toBe(REL);
    expect(Number.isNaN(Date.parse(before.body.at))).toBe(false);
    // The restore took Ben's earlier text out of the live plan.
    expect(before.body.plan.text.vision).toBe(signedVision);
    expect(before.body.plan.vision.type).toBe('doc');
    expect(before.body.plan.objectives.length).toBeGreaterThan(0);

    await editVision(s, cookies.ben, LIVE_TEXT);
    await waitFor(
      async () => (await api(`/relationships/${REL}/plan`, cookies.vic)).body.plan.text.vision.includes(LIVE_TEXT),
      10_000,
      'the edit in the plan route',
    );
  });

  it('Ada restores only the vision: later work in other sections stays; bad section lists are 400', async () => {
    const ben = connectClient(s.wsUrl, REL, { cookie: cookies.ben });
    clients.push(ben);
    await ben.synced();
    const projectId = addProject(ben.doc, { name: 'Made after the workshop', createdBy: 'u_ben' });
    await waitFor(
      async () =>
        (await api(`/relationships/${REL}/plan`, cookies.ada)).body.plan.projects.some((p: any) => p.id === projectId),
      10_000,
      'Ben’s project',
    );

    const url = `/relationships/${REL}/versions/${signed.id}/restore`;
    for (const body of [
      { sections: [] },
      { sections: ['progress'] },
      { sections: ['vision', 'vision'] },
      { sections: ['nope'] },
      { sections: 'vision' },
      { sections: ['vision'], extra: 1 },
    ]) {
      expect((await api(url, cookies.ada, { method: 'POST', body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api(url, cookies.ben, { method: 'POST', body: { sections: ['vision'] } })).status).toBe(403);

    const restored = await api(url, cookies.ada, { method: 'POST', body: { sections: ['principles', 'vision'] } });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      kind: 'restore',
      restoredFrom: signed.id,
      restoredSections: ['vision', 'principles'],
      name: 'Restored Vision and Principles from “Agreed at the Q3 workshop”',
    });
    await waitFor(() => richTextToPlain(getVision(ben.doc)) === signedVision, 10_000, 'the signed vision at Ben');
    const plan = (await api(`/relationships/${REL}/plan`, cookies.ada)).body.plan;
    expect(plan.text.vision).toBe(signedVision);
    expect(plan.projects.some((p: any) => p.id === projectId)).toBe(true);
    const versions = await api(`/relationships/${REL}/versions`, cookies.vic);
    expect(versions.body[0]).toMatchObject({ id: restored.body.id, restoredSections: ['vision', 'principles'] });
    expect(versions.body.find((v: any) => v.kind === 'named').restoredSections).toBeNull();
  });

  it('answers 409 for a plan that is not configured yet', async () => {
    const cara = cookies.cara;
    expect((await api('/relationships/initech-globex/versions', cara)).body).toEqual([]);
    expect(
      (await api('/relationships/initech-globex/versions', cara, { method: 'POST', body: { name: 'x' } })).status,
    ).toBe(409);
    expect((await api('/relationships/initech-globex/agreement', cara)).status).toBe(409);
    expect((await api('/relationships/initech-globex/export.md', cara)).status).toBe(409);
    expect((await api('/relationships/initech-globex/plan', cara)).status).toBe(409);
  });
});

describe('automatic versions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(
      { SEED: 'demo' },
      { historyTimings: { settleMs: 150, minIntervalMs: 100, maxBurstMs: 5_000 } },
    );
  });
  afterAll(() => s.destroy());

  it('captures the plan’s creation, then a version once Ben’s burst of edits settles, naming him', async () => {
    const ada = await login(s.url, 'ada@acme.example');
    const ben = await login(s.url, 'ben@acme.example');
    const api = apiOf(s);
    const versions = async () => (await api(`/relationships/${REL}/versions`, ada)).body as any[];
    await waitFor(async () => (await versions()).length === 1, 10_000, 'the creation version');
    expect((await versions())[0]).toMatchObject({ kind: 'auto', name: 'Plan created', by: null, authors: [] });

    const c = await editVision(s, ben, 'First edit.');
    for (let i = 0; i < 5; i++) {
      getVision(c.doc).insert(0, [new Y.XmlElement('paragraph')]);
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(async () => (await versions()).length === 2, 10_000, 'the burst version');
    const [latest] = await versions();
    expect(latest).toMatchObject({ kind: 'auto', authors: [{ id: 'u_ben', name: 'Ben Okafor' }] });

    // An unnamed version cannot be signed.
    const sign = await api(`/relationships/${REL}/versions/${latest.id}/sign`, ada, { method: 'POST' });
    expect(sign.status).toBe(409);
    expect(sign.body.error).toBe('version_not_named');
  });
});
