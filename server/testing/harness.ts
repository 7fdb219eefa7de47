/**
 * Test harness: real servers on port 0 with a temporary DATA_DIR, and stock y-websocket
 * providers in Node (the `ws` package as the WebSocket, the session cookie as a header).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import { MessageType } from '../../shared/closeCodes.ts';
import { buildApp, type App, type AppDeps } from '../app.ts';
import { makeConfig, type Config } from '../config.ts';
import { storageConfigFor, storageEnvFor, useTestStorage } from './storage.ts';
import type { SyncAuthorizer } from '../http/syncRoute.ts';

// With TEST_STORAGE=postgres, every file using this harness gets one real PostgreSQL.
useTestStorage();

export const REPO = path.resolve(import.meta.dirname, '../..');

export async function tempDir(prefix = 'charter-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Graceful close; keeps DATA_DIR so a test can restart on it. */
  stop(): Promise<void>;
  /** Close and remove DATA_DIR. */
  destroy(): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}, deps: AppDeps = {}): Promise<TestServer> {
  const dataDir = overrides.DATA_DIR ?? (await tempDir());
  const config = makeConfig({
    PORT: 0,
    SEED: 'none',
    LOG_LEVEL: 'silent',
    IDLE_UNLOAD_MS: 200,
    ...(await storageConfigFor(dataDir)),
    ...overrides,
    DATA_DIR: dataDir,
  });
  const app = await buildApp(config, deps);
  const url = await app.listen();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/sync',
    dataDir,
    stop,
    async destroy() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lets anyone sync any document as an admin: for tests of the sync layer alone. */
export const allowAll: SyncAuthorizer = async (_request, relationshipId) => ({
  ok: true,
  ctx: {
    sessionId: 'test',
    relationshipId,
    role: 'admin',
    user: { id: 'u_test', name: 'Test', color: '#334155', companyId: 'test', companyName: 'Test Co' },
  },
});

/** A `ws` WebSocket class that sends the given headers (cookie, origin) on every connection. */
export function wsWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  } as unknown as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen by the provider's sockets, newest last. */
  closes: Array<{ code: number; reason: string }>;
  /** Permission-denied reasons received on the auth channel. */
  denials: string[];
  synced(): Promise<void>;
  destroy(): void;
}

export function connectClient(
  wsUrl: string,
  room: string,
  opts: { cookie?: string; origin?: string; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const doc = opts.doc ?? new Y.Doc();
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: wsWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
    disableBc: true,
  });
  const closes: TestClient['closes'] = [];
  const denials: string[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  // y-websocket hands auth frames to messageHandlers[2] (per provider); record the reason.
  const handlers = (
    provider as unknown as {
      messageHandlers: Array<(encoder: unknown, decoder: Parameters<typeof authProtocol.readAuthMessage>[0]) => void>;
    }
  ).messageHandlers;
  handlers[MessageType.Auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_y, reason) => denials.push(reason));
  };
  return {
    doc,
    provider,
    closes,
    denials,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const on = (s: boolean) => {
              if (s) {
                provider.off('sync', on);
                resolve();
              }
            };
            provider.on('sync', on);
          }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * The shortest a waitFor deadline can be. A deadline only turns a hang into a failure that names
 * what was awaited; it is never what a test asserts, and a loaded machine stretches every wait.
 */
export const MIN_WAIT_MS = 30_000;

/**
 * Resolves once `check` holds. Gives up after `timeoutMs`, but never before MIN_WAIT_MS: a wait
 * that took long is a slow machine, not a failure.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = MIN_WAIT_MS,
  what = 'condition',
): Promise<void> {
  const limit = Math.max(timeoutMs, MIN_WAIT_MS);
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > limit) throw new Error(`timed out after ${limit} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Signs in over the real API and returns the session cookie header value. */
export async function login(baseUrl: string, email: string, password = 'demo-password'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie();
  return setCookie.map((c) => c.split(';')[0]).join('; ');
}

/** Runs the real server (`server/main.ts`) as a child process, for kill -9 and signal tests. */
export async function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const storageEnv = env.DATA_DIR ? await storageEnvFor(env.DATA_DIR) : {};
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/main.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...storageEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    // A hang guard, not a speed check: a cold tsx start on a loaded 2-core machine took over 20 s.
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 45_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s"]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, url };
}
