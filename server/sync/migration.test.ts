/**
 * Stored documents written by an older schema: loading one through the registry brings it up to
 * the current schema (here v1 → v2, the `comments` root), stores that once, and keeps every bit
 * of what users wrote. Real LevelDB in a temp dir.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Level } from 'level';
import * as Y from 'yjs';
import {
  SCHEMA_VERSION,
  Root,
  addComment,
  addProgress,
  getCommentsMap,
  getMeta,
  readComments,
  readSchemaVersion,
  setLock,
} from '../../shared/schema.ts';
import { LevelDocStore } from '../storage/LevelDocStore.ts';
import { DocumentRegistry } from './DocumentRegistry.ts';
import { guardUpdate } from './guard.ts';
import { firstObjective, serverDoc } from './inspectUpdate.fixtures.ts';

const silent = { warn() {}, error() {} };
let dir: string;
let db: Level<string, unknown>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'charter-migration-'));
  db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  await db.open();
});
afterEach(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

function registry(store: LevelDocStore) {
  return new DocumentRegistry(store, {
    guard: guardUpdate,
    compactAfterUpdates: 1000,
    compactAfterBytes: 1 << 20,
    idleUnloadMs: 60_000,
    maxBufferedBytes: 1 << 20,
    log: silent,
  });
}

/** A plan as schema v1 stored it: every v1 root with content, `schemaVersion` 1, no comments. */
function v1Plan(): Y.Doc {
  const doc = serverDoc();
  addProgress(doc, firstObjective(doc), { value: 5, at: '2025-02-01T00:00:00Z', by: 'u-ada', note: 'up' });
  setLock(doc, 'principles', 'u-ada', new Date('2025-02-02T00:00:00Z'));
  getMeta(doc).set('schemaVersion', 1);
  return doc;
}

/** Every root's content as JSON, comments and schemaVersion left out. */
function content(doc: Y.Doc) {
  const meta = getMeta(doc).toJSON();
  delete meta.schemaVersion;
  return {
    meta,
    vision: doc.getXmlFragment(Root.vision).toJSON(),
    principles: doc.getXmlFragment(Root.principles).toJSON(),
    behaviours: doc.getXmlFragment(Root.behaviours).toJSON(),
    objectives: doc.getMap(Root.objectives).toJSON(),
    progress: doc.getMap(Root.progress).toJSON(),
    projects: doc.getMap(Root.projects).toJSON(),
  };
}

describe('schema migration on load', () => {
  it('a stored v1 document loads as the current schema, gains the comments root and loses nothing', async () => {
    expect(SCHEMA_VERSION).toBe(2);
    const original = v1Plan();
    const store = new LevelDocStore(db);
    await store.load('rel');
    await store.append('rel', Y.encodeStateAsUpdate(original)).written;

    const docs = registry(store);
    const room = await docs.get('rel');
    expect(readSchemaVersion(room.doc)).toBe(2);
    expect(content(room.doc)).toEqual(content(original));
    expect(getCommentsMap(room.doc).size).toBe(0);
    // The new root takes comments at once, and a stock client syncing from scratch sees v2.
    addComment(room.doc, { author: 'u-ben', body: 'Can we commit to 95%?', anchor: { kind: 'objective', id: 'o' } });
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc));
    expect(readSchemaVersion(fresh)).toBe(2);
    expect(readComments(fresh).map((c) => c.body)).toEqual(['Can we commit to 95%?']);
    await docs.shutdown();

    // The migration was stored: a restart reads v2 from the store without migrating again.
    const reloaded = new Y.Doc();
    for (const r of await store.load('rel')) Y.applyUpdate(reloaded, r.data);
    expect(readSchemaVersion(reloaded)).toBe(2);
    expect(content(reloaded)).toEqual(content(original));
    const again = registry(store);
    const room2 = await again.get('rel');
    const before = Y.encodeStateVector(room2.doc);
    expect(readSchemaVersion(room2.doc)).toBe(2);
    expect(Y.encodeStateVector(room2.doc)).toEqual(before);
    expect(readComments(room2.doc)).toHaveLength(1);
    await again.shutdown();
  });

  it('a document being created (no schema version yet) is left alone: nothing is stored', async () => {
    const store = new LevelDocStore(db);
    const docs = registry(store);
    const empty = await docs.get('empty');
    expect(readSchemaVersion(empty.doc)).toBe(0);
    expect(await store.load('empty')).toEqual([]);
    await docs.shutdown();
  });
});
