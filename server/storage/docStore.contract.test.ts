import { describe, it, expect, beforeEach, afterEach, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Level } from 'level';
import * as Y from 'yjs';
import type { DocStore, StoredRecord } from './DocStore.ts';
import { LevelDocStore } from './LevelDocStore.ts';
import { MemoryDocStore, type MemoryBacking } from './MemoryDocStore.ts';
import { runUntilKilled } from './fixtures/runUntilKilled.ts';
import { openPostgresStorage } from './postgres/PostgresStorage.ts';
import type { Storage } from './Storage.ts';
import { startPostgres, type PgServer } from '../testing/postgres.ts';

type Store = DocStore;

interface Harness {
  store: Store;
  /** A simulated restart: a new store over the same data. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

interface LevelHarness extends Harness {
  db: Level<string, unknown>;
  dir: string;
}

async function openLevel(dir: string): Promise<Level<string, unknown>> {
  const db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  await db.open();
  return db;
}

async function levelHarness(dir?: string): Promise<LevelHarness> {
  const dataDir = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'charter-docstore-')));
  const db = await openLevel(dataDir);
  const h: LevelHarness = {
    dir: dataDir,
    db,
    store: new LevelDocStore(db),
    async reopen() {
      await h.store.close();
      await h.db.close();
      h.db = await openLevel(dataDir);
      h.store = new LevelDocStore(h.db);
      return h.store;
    },
    async dispose() {
      await h.store.close();
      await h.db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

async function memoryHarness(): Promise<Harness> {
  const backing: MemoryBacking = new Map();
  const h: Harness = {
    store: new MemoryDocStore(backing),
    async reopen() {
      await h.store.close();
      h.store = new MemoryDocStore(backing);
      return h.store;
    },
    dispose: () => h.store.close(),
  };
  return h;
}

// One real PostgreSQL for the file, a fresh database per test.
let pgServer: PgServer;
beforeAll(async () => {
  pgServer = await startPostgres();
}, 60_000);
afterAll(() => pgServer?.stop());

async function postgresHarness(): Promise<Harness> {
  const url = await pgServer.createDatabase();
  let storage: Storage = await openPostgresStorage({ url });
  const h: Harness = {
    store: storage.docs,
    async reopen() {
      await storage.close();
      storage = await openPostgresStorage({ url });
      h.store = storage.docs;
      return h.store;
    },
    dispose: () => storage.close(),
  };
  return h;
}

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const summary = (records: StoredRecord[]) => records.map((r) => `${r.kind}:${r.seq}:${text(r.data)}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['MemoryDocStore', memoryHarness],
  ['LevelDocStore', () => levelHarness()],
  ['PgDocStore', postgresHarness],
] as const)('DocStore contract: %s', (_name, makeHarness) => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.dispose());

  it('reports an unknown doc as empty', async () => {
    expect(await h.store.load('nope')).toEqual([]);
    expect(await h.store.exists('nope')).toBe(false);
    expect(await h.store.listDocs()).toEqual([]);
    expect(await h.store.stats('nope')).toEqual({ records: 0, logRecords: 0, logBytes: 0 });
  });

  it('refuses an append before the doc was loaded, since the next seq is unknown', async () => {
    expect(() => h.store.append('d', bytes('x'))).toThrow(/load\("d"\) first/);
  });

  it('assigns seqs synchronously and resolves writes in call order', async () => {
    await h.store.load('d');
    const resolved: number[] = [];
    const seqs: number[] = [];
    const writes = Array.from({ length: 50 }, (_, i) => {
      const { seq, written } = h.store.append('d', bytes(`u${i + 1}`));
      seqs.push(seq);
      return written.then(() => void resolved.push(seq));
    });
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(seqs).toEqual(expected);
    await Promise.all(writes);
    expect(resolved).toEqual(expected);
    expect(summary(await h.store.load('d'))).toEqual(expected.map((s) => `update:${s}:u${s}`));
  });

  it('continues seqs after a restart, also when a compaction folded the whole log', async () => {
    await h.store.load('d');
    for (const u of ['a', 'b', 'c']) await h.store.append('d', bytes(u)).written;
    let store = await h.reopen();
    expect((await store.load('d')).map((r) => r.seq)).toEqual([1, 2, 3]);
    await store.compact('d', bytes('abc'), 3);
    store = await h.reopen();
    expect(summary(await store.load('d'))).toEqual(['snapshot:3:abc']);
    expect(store.append('d', bytes('d')).seq).toBe(4);
  });

  it('compacts atomically up to a seq, keeping later records, not overtaken by in-flight appends', async () => {
    await h.store.load('d');
    const writes = [1, 2, 3, 4, 5].map((i) => h.store.append('d', bytes(`u${i}`)).written);
    const compacted = h.store.compact('d', bytes('S3'), 3);
    writes.push(h.store.append('d', bytes('u6')).written);
    await Promise.all([...writes, compacted]);
    expect(summary(await h.store.load('d'))).toEqual(['snapshot:3:S3', 'update:4:u4', 'update:5:u5', 'update:6:u6']);
    expect(await h.store.stats('d')).toEqual({ records: 4, logRecords: 3, logBytes: 6 });

    // Compacting up to an append whose write is still pending must still remove it.
    const last = h.store.append('d', bytes('u7'));
    await h.store.compact('d', bytes('S7'), last.seq);
    await last.written;
    expect(summary(await h.store.load('d'))).toEqual(['snapshot:7:S7']);
    expect(await h.store.stats('d')).toEqual({ records: 1, logRecords: 0, logBytes: 0 });
  });

  it('rejects a compaction beyond the last seq handed out', async () => {
    await h.store.load('d');
    await h.store.append('d', bytes('a')).written;
    await expect(h.store.compact('d', bytes('x'), 2)).rejects.toThrow(RangeError);
    await expect(h.store.compact('d', bytes('x'), -1)).rejects.toThrow(RangeError);
  });

  it('never lets a stale compaction replace a newer snapshot', async () => {
    await h.store.load('d');
    for (const u of ['a', 'b', 'c', 'd']) h.store.append('d', bytes(u));
    await Promise.all([h.store.compact('d', bytes('S4'), 4), h.store.compact('d', bytes('S2'), 2)]);
    expect(summary(await h.store.load('d'))).toEqual(['snapshot:4:S4']);
  });

  it('keeps docs apart, whatever characters their ids hold', async () => {
    const ids = ['a', 'a:b', 'a;', 'ä/x y', 'acme-globex'];
    for (const id of ids) {
      await h.store.load(id);
      await h.store.append(id, bytes(`in ${id}`)).written;
    }
    expect([...(await h.store.listDocs())].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(summary(await h.store.load(id))).toEqual([`update:1:in ${id}`]);
      expect(await h.store.exists(id)).toBe(true);
    }
    expect(await h.store.exists('a:')).toBe(false);
  });

  it('quarantines records: kept with reason and time, never loaded again, seqs never reused', async () => {
    await h.store.load('d');
    for (const u of ['a', 'b', 'c']) h.store.append('d', bytes(u));
    // The time kept is the moment of quarantine: between these two readings of the clock.
    const before = Date.now();
    await h.store.quarantine('d', 2, 'bad update');
    expect(summary(await h.store.load('d'))).toEqual(['update:1:a', 'update:3:c']);
    expect(await h.store.stats('d')).toEqual({ records: 2, logRecords: 2, logBytes: 2 });

    await h.store.compact('d', bytes('S3'), 3);
    await h.store.quarantine('d', 3, 'bad snapshot');
    await h.store.quarantine('d', 99, 'nothing there');
    expect(await h.store.load('d')).toEqual([]);
    expect(await h.store.exists('d')).toBe(false);
    const kept = await h.store.quarantined('d');
    expect(kept.map((q) => [q.seq, q.kind, q.reason, text(q.data)])).toEqual([
      [2, 'update', 'bad update', 'b'],
      [3, 'snapshot', 'bad snapshot', 'S3'],
    ]);
    const after = Date.now();
    for (const q of kept) {
      expect(Date.parse(q.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(q.at)).toBeLessThanOrEqual(after);
    }

    const store = await h.reopen();
    expect(await store.load('d')).toEqual([]);
    expect(store.append('d', bytes('e')).seq).toBe(4);
  });

  it('holds 10,000 small Yjs updates and folds them into one snapshot', async () => {
    await h.store.load('plan');
    const original = new Y.Doc();
    let last = { seq: 0, written: Promise.resolve() };
    original.on('update', (update: Uint8Array) => {
      last = h.store.append('plan', update);
    });
    const items = original.getArray<number>('items');
    const prose = original.getText('prose');
    for (let i = 0; i < 10_000; i++) {
      if (i % 2) items.push([i]);
      else prose.insert(prose.length, String(i % 10));
    }
    expect(last.seq).toBe(10_000);
    expect((await h.store.stats('plan')).records).toBe(10_000);

    await h.store.compact('plan', Y.encodeStateAsUpdate(original), last.seq);
    items.push([-1]);
    prose.insert(0, '>');
    await last.written;
    expect(await h.store.stats('plan')).toMatchObject({ records: 3, logRecords: 2 });

    const records = await (await h.reopen()).load('plan');
    expect(records.map((r) => r.kind)).toEqual(['snapshot', 'update', 'update']);
    const copy = new Y.Doc();
    for (const r of records) Y.applyUpdate(copy, r.data);
    expect(copy.getArray('items').toJSON()).toEqual(items.toJSON());
    expect(copy.getText('prose').toJSON()).toEqual(prose.toJSON());
  });

  it('writes what is pending on close, then refuses new work', async () => {
    await h.store.load('d');
    for (const u of ['a', 'b', 'c']) h.store.append('d', bytes(u));
    await h.store.close();
    expect(() => h.store.append('d', bytes('x'))).toThrow(/closed/);
    await expect(h.store.compact('d', bytes('x'), 1)).rejects.toThrow(/closed/);
    expect((await (await h.reopen()).load('d')).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});

describe('LevelDocStore on LevelDB', () => {
  let h: LevelHarness;
  let batches: unknown[][];
  let batchDelayMs: number;
  beforeEach(async () => {
    h = await levelHarness();
    batches = [];
    batchDelayMs = 0;
    // Sublevels forward their batches to the root database: count them, and slow them down
    // on demand to stand in for a busy disk.
    const realBatch = h.db.batch.bind(h.db) as (ops: unknown[]) => Promise<void>;
    (h.db as unknown as { batch: (ops: unknown[]) => Promise<void> }).batch = async (ops) => {
      batches.push(ops);
      if (batchDelayMs) await sleep(batchDelayMs);
      return realBatch(ops);
    };
  });
  afterEach(() => h.dispose());

  it('writes the appends of one tick, across docs, as one batch', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => `doc-${i}`);
    for (const d of docs) await h.store.load(d);
    batches = [];
    await Promise.all(Array.from({ length: 1000 }, (_, i) => h.store.append(docs[i % 10], bytes(`u${i}`)).written));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
  });

  it('sends a lone append at once, and groups appends that pile up behind a slow write', async () => {
    await h.store.load('d');
    batches = [];
    await h.store.append('d', bytes('alone')).written;
    expect(batches).toHaveLength(1);

    batchDelayMs = 20;
    batches = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      writes.push(h.store.append('d', bytes(`u${i}`)).written);
      await sleep(1);
    }
    await Promise.all(writes);
    expect(batches.length).toBeLessThan(30);
    expect((await h.store.load('d')).map((r) => r.seq)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
  });

  it('does not let a compaction overtake appends still waiting on a slow write', async () => {
    await h.store.load('d');
    batchDelayMs = 30;
    const writes = [1, 2, 3].map((i) => h.store.append('d', bytes(`u${i}`)).written);
    await h.store.compact('d', bytes('S3'), 3);
    await Promise.all(writes);
    expect(summary(await h.store.load('d'))).toEqual(['snapshot:3:S3']);
  });

  it('compacts in exactly one batch', async () => {
    await h.store.load('d');
    for (let i = 0; i < 5; i++) await h.store.append('d', bytes(`u${i}`)).written;
    batches = [];
    await h.store.compact('d', bytes('S'), 5);
    expect(batches).toHaveLength(1);
    expect((batches[0] as Array<{ type: string }>).map((op) => op.type).sort()).toEqual([
      'del',
      'del',
      'del',
      'del',
      'del',
      'put',
    ]);
  });

  it('keeps every append whose `written` resolved when the process is killed with SIGKILL', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-kill9-'));
    try {
      const printed = await runUntilKilled(dir, 400);
      expect(printed.length).toBeGreaterThanOrEqual(400);
      const db = await openLevel(dir);
      const store = new LevelDocStore(db);
      try {
        for (const docId of ['doc-a', 'doc-b']) {
          const stored = new Map((await store.load(docId)).map((r) => [r.seq, text(r.data)]));
          const mine = printed.filter((p) => p.docId === docId);
          for (const p of mine) expect(stored.get(p.seq), `${docId} seq ${p.seq}`).toBe(p.text);
          // A log written in order keeps a prefix: no holes, whatever the kill interrupted.
          expect([...stored.keys()]).toEqual(Array.from({ length: stored.size }, (_, i) => i + 1));
          expect(store.append(docId, bytes('after restart')).seq).toBe(stored.size + 1);
        }
      } finally {
        await store.close();
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
