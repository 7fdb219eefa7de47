/**
 * The backup format and the two ends of it: dumping a live LevelDB and restoring into an empty
 * directory. A backup is every key and value of the store, byte for byte (accounts, sessions,
 * documents, quarantine: all sublevels live in the one database), so a restore is the store as it
 * was, whatever the layers above keep in it.
 *
 * Consistency: the dump reads through one `db.iterator()`, and a LevelDB iterator reads from an
 * implicit snapshot taken when it is created. Every batch the server committed before that moment
 * is in the backup and nothing after it, so an account record and its index entries (written in
 * one batch), or a compaction's snapshot and the log it deleted, are never half there. The server
 * keeps serving while the dump streams.
 *
 * File format (UTF-8 text, one record a line, so a truncated file is detected, not half-restored):
 *
 *   {"format":"charter-backup","version":1,"createdAt":"<ISO>"}
 *   <base64 key>\t<base64 value>          one line per entry, in key order
 *   {"end":true,"entries":N,"sha256":"<hex of every entry line, newline included>"}
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import readline from 'node:readline';
import { Level } from 'level';

export const BACKUP_FORMAT = 'charter-backup';
export const BACKUP_VERSION = 1;

/** Entries per yielded chunk: big enough to keep overhead low, small enough to stream. */
const ENTRIES_PER_CHUNK = 256;
const RESTORE_BATCH = 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- backup copies every sublevel's raw entries, whatever their key and value types
type AnyLevel = Level<any, any>;

export interface BackupSummary {
  entries: number;
  createdAt: string;
}

/**
 * The backup as text chunks, read from one snapshot of `db`. Stopping the consumer early (an
 * aborted HTTP response) returns the generator, which closes the iterator and its snapshot.
 */
export async function* dumpBackup(db: AnyLevel, now: Date = new Date()): AsyncGenerator<string> {
  const createdAt = now.toISOString();
  yield JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt }) + '\n';
  const hash = createHash('sha256');
  let entries = 0;
  let chunk = '';
  let inChunk = 0;
  for await (const [key, value] of db.iterator({ keyEncoding: 'buffer', valueEncoding: 'buffer' }) as AsyncIterable<
    [Buffer, Buffer]
  >) {
    const line = `${key.toString('base64')}\t${value.toString('base64')}\n`;
    hash.update(line);
    chunk += line;
    entries += 1;
    if (++inChunk >= ENTRIES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (chunk) yield chunk;
  yield JSON.stringify({ end: true, entries, sha256: hash.digest('hex') }) + '\n';
}

export class BackupFormatError extends Error {}

/**
 * Reads a backup file and yields its entries, checking everything on the way: the header, each
 * line's shape, and at the end the entry count and checksum. A consumer that must not act on a
 * damaged file (restore) reads it once to the end before writing anything.
 */
export async function* readBackup(
  file: string,
  onHeader?: (h: BackupSummary) => void,
): AsyncGenerator<[Buffer, Buffer]> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const hash = createHash('sha256');
  let header: { format?: unknown; version?: unknown; createdAt?: unknown } | null = null;
  let trailer: { end?: unknown; entries?: unknown; sha256?: unknown } | null = null;
  let entries = 0;
  for await (const line of lines) {
    if (trailer) throw new BackupFormatError('data after the end record');
    if (!header) {
      try {
        header = JSON.parse(line);
      } catch {
        throw new BackupFormatError('not a Charter backup (no header)');
      }
      if (header?.format !== BACKUP_FORMAT) throw new BackupFormatError('not a Charter backup');
      if (header.version !== BACKUP_VERSION)
        throw new BackupFormatError(`unsupported backup version ${String(header.version)}`);
      onHeader?.({ entries: 0, createdAt: String(header.createdAt) });
      continue;
    }
    if (line.startsWith('{')) {
      trailer = JSON.parse(line);
      continue;
    }
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new BackupFormatError(`malformed entry on line ${entries + 2}`);
    hash.update(line + '\n');
    entries += 1;
    yield [Buffer.from(line.slice(0, tab), 'base64'), Buffer.from(line.slice(tab + 1), 'base64')];
  }
  if (!header) throw new BackupFormatError('empty file');
  if (!trailer || trailer.end !== true) throw new BackupFormatError('backup is truncated (no end record)');
  if (trailer.entries !== entries)
    throw new BackupFormatError(`backup says ${String(trailer.entries)} entries, holds ${entries}`);
  if (trailer.sha256 !== hash.digest('hex')) throw new BackupFormatError('backup checksum does not match its content');
}

/** Reads the whole file and throws BackupFormatError unless it is a complete, intact backup. */
export async function verifyBackup(file: string): Promise<BackupSummary> {
  let createdAt = '';
  let entries = 0;
  for await (const _ of readBackup(file, (h) => (createdAt = h.createdAt))) entries += 1;
  return { entries, createdAt };
}

/**
 * Restores `file` into `dataDir`, which must be missing or empty: a restore never merges into a
 * live store. The file is verified completely before the first write.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<BackupSummary> {
  const summary = await verifyBackup(file);
  const existing = await readdir(dataDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  if (existing.length > 0) throw new Error(`${dataDir} is not empty; restore into a new directory`);
  const db = new Level<Buffer, Buffer>(dataDir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  await db.open();
  try {
    let batch = db.batch();
    for await (const [key, value] of readBackup(file)) {
      batch.put(key, value);
      if (batch.length >= RESTORE_BATCH) {
        await batch.write();
        batch = db.batch();
      }
    }
    await batch.write();
  } finally {
    await db.close();
  }
  return summary;
}
