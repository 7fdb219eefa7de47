/**
 * The plan event stream through real parts: buildApp on port 0 with LevelDB in a temp dir, the
 * demo data, and node's http client reading the stream as a browser's EventSource would.
 * Waits are bounds on a wait (the machine runs other suites at once), never speed measurements.
 */
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlanEvent } from '../../shared/planEvents.ts';
import { login, startServer, waitFor, type TestServer } from '../testing/harness.ts';

const REL = 'acme-globex';
/** Long enough for a loaded machine; far shorter than the 10 s poll the stream replaces. */
const EVENT_WAIT_MS = 5_000;
/** Automatic versions off: these tests count on only the events they cause. */
const NO_AUTO_VERSIONS = { historyTimings: { settleMs: 3_600_000, maxBurstMs: 3_600_000 } };

interface Received {
  event: string;
  data: any;
}

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The JSON body of a refused request. */
  body: any;
  events: Received[];
  comments: number;
  retry: number | null;
  ended: boolean;
  next(event: string, timeoutMs?: number): Promise<Received>;
  end(timeoutMs?: number): Promise<void>;
  close(): void;
}

const open: Stream[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Opens the stream with node's http client and parses it as the SSE spec says. */
function openStream(base: string, relationshipId: string, cookie?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/api/relationships/${relationshipId}/events`,
      { headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) } },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        let cursor = 0;
        const stream: Stream = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: undefined,
          events: [],
          comments: 0,
          retry: null,
          ended: false,
          async next(event, timeoutMs = EVENT_WAIT_MS) {
            let found: Received | undefined;
            await waitFor(
              () => {
                const i = stream.events.findIndex((e, k) => k >= cursor && e.event === event);
                if (i < 0) return false;
                found = stream.events[i];
                cursor = i + 1;
                return true;
              },
              timeoutMs,
              `event "${event}"`,
            );
            return found!;
          },
          end: (timeoutMs = EVENT_WAIT_MS) => waitFor(() => stream.ended, timeoutMs, 'the stream to end'),
          close: () => req.destroy(),
        };
        open.push(stream);
        if (stream.status !== 200) {
          res.on('data', (d: string) => (buffer += d));
          res.on('end', () => {
            stream.body = JSON.parse(buffer);
            resolve(stream);
          });
          return;
        }
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) stream.comments += 1;
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
              else if (line.startsWith('retry: ')) stream.retry = Number(line.slice(7));
            }
            if (data.length) stream.events.push({ event, data: JSON.parse(data.join('\n')) });
          }
        });
        res.on('close', () => (stream.ended = true));
        resolve(stream);
      },
    );
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
  });
}

async function call(s: TestServer, method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${s.url}/api${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('GET /api/relationships/:id/events', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    s = await startServer({ SEED: 'demo', EVENT_HEARTBEAT_MS: 100, MAX_EVENT_STREAMS_PER_USER: 3 }, NO_AUTO_VERSIONS);
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

  it('tells the other party, and viewers, of a new version and of a signature at once', async () => {
    const cara = await openStream(s.url, REL, cookies.cara);
    const vic = await openStream(s.url, REL, cookies.vic);
    expect(cara.status).toBe(200);
    expect(cara.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(cara.headers['cache-control']).toContain('no-store');

    const named = await call(s, 'POST', `/relationships/${REL}/versions`, cookies.ada, { name: 'Q3 workshop' });
    expect(named.status).toBe(201);
    for (const stream of [cara, vic]) {
      expect((await stream.next(PlanEvent.Versions)).data).toEqual({
        relationshipId: REL,
        versionId: named.body.id,
        kind: 'named',
      });
    }

    const signed = await call(s, 'POST', `/relationships/${REL}/versions/${named.body.id}/sign`, cookies.ada, {});
    expect(signed.status).toBe(200);
    for (const stream of [cara, vic]) {
      expect((await stream.next(PlanEvent.Agreement)).data).toEqual({
        relationshipId: REL,
        versionId: named.body.id,
        companyId: 'acme',
      });
    }
    // What the event announces is what the agreement now says.
    expect((await call(s, 'GET', `/relationships/${REL}/agreement`, cookies.cara)).body.signatures).toMatchObject([
      { companyId: 'acme', versionId: named.body.id },
    ]);

    // Signing the same version again changes nothing, so nothing is announced.
    const before = cara.events.length;
    await call(s, 'POST', `/relationships/${REL}/versions/${named.body.id}/sign`, cookies.ada, {});
    await call(s, 'POST', `/relationships/${REL}/versions/${named.body.id}/sign`, cookies.cara, {});
    expect((await cara.next(PlanEvent.Agreement)).data.companyId).toBe('globex');
    expect(cara.events.slice(before).map((e) => e.event)).toEqual([PlanEvent.Agreement]);
  });

  it('announces a restore as a new version', async () => {
    const ben = await openStream(s.url, REL, cookies.ben);
    const restored = await call(s, 'POST', `/relationships/${REL}/versions/v1/restore`, cookies.ada, {});
    expect(restored.status).toBe(201);
    expect((await ben.next(PlanEvent.Versions)).data).toEqual({
      relationshipId: REL,
      versionId: restored.body.id,
      kind: 'restore',
    });
  });

  it('tells everyone in the plan who restored which sections from which version', async () => {
    const cara = await openStream(s.url, REL, cookies.cara);
    const named = await call(s, 'POST', `/relationships/${REL}/versions`, cookies.ada, { name: 'Workshop 1' });
    const restored = await call(s, 'POST', `/relationships/${REL}/versions/${named.body.id}/restore`, cookies.ada, {
      sections: ['vision'],
    });
    expect(restored.status).toBe(201);
    expect((await cara.next(PlanEvent.Restored)).data).toEqual({
      relationshipId: REL,
      versionId: restored.body.id,
      from: { versionId: named.body.id, name: 'Workshop 1', at: named.body.at },
      sections: ['vision'],
      by: { id: 'u_ada', name: 'Ada Lovelace' },
    });
    const whole = await call(s, 'POST', `/relationships/${REL}/versions/${named.body.id}/restore`, cookies.ada, {});
    expect((await cara.next(PlanEvent.Restored)).data).toMatchObject({ versionId: whole.body.id, sections: null });
  });

  it('keeps an idle stream open with comment heartbeats and tells EventSource when to retry', async () => {
    const vic = await openStream(s.url, REL, cookies.vic);
    await waitFor(() => vic.comments >= 3, EVENT_WAIT_MS, 'heartbeats');
    expect(vic.retry).toBeGreaterThan(0);
    expect(vic.ended).toBe(false);
  });

  it('refuses like every relationship route: 401, 403, 404, 400, in the API’s error shape', async () => {
    const none = await openStream(s.url, REL);
    expect([none.status, none.body]).toEqual([401, { error: 'unauthorized', message: expect.any(String) }]);
    const eve = await openStream(s.url, REL, cookies.eve);
    expect([eve.status, eve.body]).toEqual([403, { error: 'forbidden', message: expect.any(String) }]);
    const unknown = await openStream(s.url, 'no-such-relationship', cookies.ada);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'not_found']);
    const bad = await openStream(s.url, 'bad.id', cookies.ada);
    expect([bad.status, bad.body.error]).toEqual([400, 'bad_request']);
  });

  it('bounds the streams per user (429), and a closed stream frees its slot', async () => {
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await openStream(s.url, REL, cookies.ben));
    expect(streams.map((x) => x.status)).toEqual([200, 200, 200]);
    const extra = await openStream(s.url, REL, cookies.ben);
    expect([extra.status, extra.body.error]).toEqual([429, 'too_many_requests']);
    // Another person is not affected.
    expect((await openStream(s.url, REL, cookies.vic)).status).toBe(200);

    streams[0].close();
    await waitFor(
      async () => (await openStream(s.url, REL, cookies.ben)).status === 200,
      EVENT_WAIT_MS,
      'a freed slot',
    );
  });

  it('ends the stream of a person removed from the team, and only theirs', async () => {
    const ben = await openStream(s.url, REL, cookies.ben);
    const vic = await openStream(s.url, REL, cookies.vic);
    await waitFor(() => s.app.fastify.planEvents!.size(REL) >= 2, EVENT_WAIT_MS, 'both streams registered');
    // A role change keeps the stream: viewers may listen too.
    expect((await call(s, 'PUT', `/relationships/${REL}/team/u_ben`, cookies.ada, { role: 'viewer' })).status).toBe(
      200,
    );
    expect((await call(s, 'DELETE', `/relationships/${REL}/team/u_ben`, cookies.ada)).status).toBe(204);
    expect((await ben.next(PlanEvent.End)).data).toEqual({ reason: 'removed' });
    await ben.end();
    expect(vic.ended).toBe(false);
    expect((await openStream(s.url, REL, cookies.ben)).status).toBe(403);
  });

  it('ends the stream when its session logs out, and not the streams of other sessions', async () => {
    const other = await login(s.url, 'cara@globex.example');
    const cara = await openStream(s.url, REL, cookies.cara);
    const caraElsewhere = await openStream(s.url, REL, other);
    expect((await call(s, 'POST', '/auth/logout', cookies.cara)).status).toBe(204);
    expect((await cara.next(PlanEvent.End)).data).toEqual({ reason: 'session_ended' });
    await cara.end();
    expect(caraElsewhere.ended).toBe(false);
    expect((await openStream(s.url, REL, cookies.cara)).status).toBe(401);
  });
});

describe('event streams and the server’s lifecycle', () => {
  it('ends the stream of a session that expires', async () => {
    // The sweeper runs every SESSION_IDLE_MS here; an open stream does not keep a session alive.
    const s = await startServer({ SEED: 'demo', SESSION_IDLE_MS: 1_000 }, NO_AUTO_VERSIONS);
    try {
      const dan = await openStream(s.url, REL, await login(s.url, 'dan@globex.example'));
      expect(dan.status).toBe(200);
      expect((await dan.next(PlanEvent.End, 10_000)).data).toEqual({ reason: 'session_ended' });
      await dan.end();
    } finally {
      await s.destroy();
    }
  });

  it('app.close() with open streams resolves, and the streams end with "shutdown"', async () => {
    const s = await startServer({ SEED: 'demo' }, NO_AUTO_VERSIONS);
    let closed = false;
    try {
      const streams = await Promise.all(
        ['ada@acme.example', 'vic@globex.example'].map(async (who) => openStream(s.url, REL, await login(s.url, who))),
      );
      await waitFor(() => s.app.fastify.planEvents!.size(REL) === 2, EVENT_WAIT_MS, 'both streams registered');
      await Promise.race([
        s.stop().then(() => (closed = true)),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('app.close() hung with open event streams')), 10_000),
        ),
      ]);
      expect(closed).toBe(true);
      for (const stream of streams) {
        expect(stream.events.at(-1)).toEqual({ event: PlanEvent.End, data: { reason: 'shutdown' } });
        await stream.end();
      }
    } finally {
      await s.destroy();
    }
  });
});
