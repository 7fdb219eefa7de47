/**
 * Test support for the accounts layer: a small real `PlanDocuments` over a Map of Y.Docs, and a
 * harness that builds a real Fastify app with the accounts routes over a real LevelDB in a temp
 * directory. Not imported by production code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Level } from 'level';
import { LevelAccountStore } from './LevelAccountStore.ts';
import type { AccountStore } from './store.ts';
import type { Storage } from '../storage/Storage.ts';
import { openStorageFor, storageConfigFor, TEST_STORAGE, useTestStorage } from '../testing/storage.ts';
import { dumpPostgres } from '../testing/postgres.ts';
import * as Y from 'yjs';
import { makeConfig, type Config } from '../config.ts';
import type { ConnectionContext, ParticipantRole } from '../sync/types.ts';
import { createAccounts, type Accounts, type AccountsOptions } from './index.ts';
import type { PlanDocuments } from './types.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { DocumentExistsError } from '../errors.ts';
import { API_FEATURES } from '../app.ts';
import { registerApi } from '../http/routes.ts';

export interface FakeConnection {
  ctx: ConnectionContext;
  closed: { code: number; reason: string } | null;
}

/** Documents in memory, plus "open connections" that tests add to watch closes and role changes. */
export class MapDocuments implements PlanDocuments {
  readonly docs = new Map<string, Y.Doc>();
  readonly connections: FakeConnection[] = [];

  async createDocument(docId: string, build: (doc: Y.Doc) => void): Promise<void> {
    if (this.docs.has(docId)) throw new DocumentExistsError(docId);
    const doc = new Y.Doc();
    doc.transact(() => build(doc));
    this.docs.set(docId, doc);
  }

  closeConnections(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const c of this.connections) {
      if (!c.closed && match(c.ctx)) {
        c.closed = { code, reason };
        n += 1;
      }
    }
    return n;
  }

  setRole(relationshipId: string, userId: string, role: ParticipantRole | null): void {
    for (const c of this.connections) {
      if (c.closed || c.ctx.relationshipId !== relationshipId || c.ctx.user.id !== userId) continue;
      if (role === null) c.closed = { code: CloseCode.PermissionDenied, reason: 'removed from the relationship' };
      else c.ctx = { ...c.ctx, role };
    }
  }

  setArchived(relationshipId: string, archived: boolean): void {
    for (const c of this.connections) {
      if (!c.closed && c.ctx.relationshipId === relationshipId) c.ctx = { ...c.ctx, archived };
    }
  }

  presence(relationshipId: string) {
    const seen = new Map<string, ConnectionContext['user'] & { section: string | null }>();
    for (const c of this.connections) {
      if (!c.closed && c.ctx.relationshipId === relationshipId)
        seen.set(c.ctx.user.id, { ...c.ctx.user, section: null });
    }
    return [...seen.values()];
  }

  open(ctx: ConnectionContext): FakeConnection {
    const c = { ctx, closed: null };
    this.connections.push(c);
    return c;
  }
}

useTestStorage();

export interface TestApp {
  app: FastifyInstance;
  accounts: Accounts;
  docs: MapDocuments;
  /** The accounts store the app runs on. */
  store: AccountStore;
  /** Everything stored, as one text (raw LevelDB entries, or every PostgreSQL table as JSON). */
  dumpStorage(): Promise<string>;
  /** The raw LevelDB (TEST_STORAGE=leveldb only; throws otherwise). */
  readonly db: Level<string, unknown>;
  config: Config;
  dir: string;
  /** Signs in as a demo user and returns the Cookie header value. */
  login(email: string, password?: string): Promise<string>;
  /** Closes the app and the db; keeps the directory (for restart tests). */
  stop(): Promise<void>;
  /** stop() and remove the directory. */
  destroy(): Promise<void>;
}

export interface TestAppOptions extends Partial<Pick<AccountsOptions, 'limits' | 'now' | 'linkLimits'>> {
  config?: Partial<Config>;
  dir?: string;
  docs?: MapDocuments;
  logStream?: { write(line: string): void };
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'charter-accounts-')));
  const config = makeConfig({ SEED: 'demo', LOG_LEVEL: 'silent', DATA_DIR: dir, ...opts.config });
  // On LevelDB the test may read the raw database (t.db); on PostgreSQL it gets the real store.
  let db: Level<string, unknown> | null = null;
  let storage: Storage | null = null;
  let store: AccountStore;
  if (TEST_STORAGE === 'postgres') {
    storage = await openStorageFor(dir);
    store = storage.accounts;
  } else {
    db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    await db.open();
    store = new LevelAccountStore(db);
  }
  const docs = opts.docs ?? new MapDocuments();
  const accounts = await createAccounts({
    store,
    config,
    docs,
    limits: opts.limits,
    now: opts.now,
    linkLimits: opts.linkLimits,
    sweepEveryMs: 0,
  });
  await accounts.seedIfEmpty();
  const app = Fastify({
    logger: opts.logStream ? { level: 'trace', stream: opts.logStream } : false,
  });
  await registerApi(app, accounts.api, API_FEATURES);
  await app.ready();

  const stop = async () => {
    await app.close();
    await accounts.close();
    await db?.close();
    await storage?.close();
  };
  return {
    app,
    accounts,
    docs,
    store,
    async dumpStorage() {
      if (db) return JSON.stringify(await db.iterator().all());
      return dumpPostgres((await storageConfigFor(dir)).DATABASE_URL as string);
    },
    get db() {
      if (!db) throw new Error('t.db is the raw LevelDB: this test runs with TEST_STORAGE=leveldb only');
      return db;
    },
    config,
    dir,
    async login(email, password = 'demo-password') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return cookieHeader(res);
    },
    stop,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `name=value` pairs of a response's Set-Cookie, ready for a request's Cookie header. */
export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
