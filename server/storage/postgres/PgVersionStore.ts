/**
 * Plan versions and sign-offs in PostgreSQL (rules in server/history/VersionStore.ts): one row
 * per version holding its metadata and full state, so both are written by one statement; one row
 * per (document, company) signature.
 */
import type pg from 'pg';
import type { Signature } from '../../../shared/apiTypes.ts';
import { seqOf, versionIdOf, type VersionMeta, type VersionStore } from '../../history/VersionStore.ts';
import { bytes } from './db.ts';

type StoredMeta = Omit<VersionMeta, 'id' | 'seq'>;

const toMeta = (seq: number, meta: StoredMeta): VersionMeta => ({ id: versionIdOf(seq), seq, ...meta });

export class PgVersionStore implements VersionStore {
  /** Per document, the tail of its chain of adds: one at a time in this process. */
  private readonly adding = new Map<string, Promise<unknown>>();

  constructor(private readonly pool: pg.Pool) {}

  add(docId: string, version: StoredMeta, state: Uint8Array): Promise<VersionMeta> {
    const prev = this.adding.get(docId) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        // The seq is computed by the insert itself; another node adding at the same moment gets a
        // unique violation on (doc_id, seq) rather than a reused seq, and this add is retried.
        for (let attempt = 0; ; attempt++) {
          try {
            const { rows } = await this.pool.query<{ seq: number }>(
              `INSERT INTO versions (doc_id, seq, meta, state)
               SELECT $1, coalesce(max(seq), 0) + 1, $2, $3 FROM versions WHERE doc_id = $1
               RETURNING seq`,
              [docId, JSON.stringify(version), Buffer.from(state)],
            );
            return toMeta(rows[0].seq, version);
          } catch (err) {
            if ((err as { code?: string }).code !== '23505' || attempt >= 5) throw err;
          }
        }
      });
    const tail = next.finally(() => {
      if (this.adding.get(docId) === tail) this.adding.delete(docId);
    });
    this.adding.set(
      docId,
      tail.catch(() => undefined),
    );
    return next;
  }

  async list(docId: string, limit = -1): Promise<VersionMeta[]> {
    const { rows } = await this.pool.query<{ seq: number; meta: StoredMeta }>(
      'SELECT seq, meta FROM versions WHERE doc_id = $1 ORDER BY seq DESC LIMIT $2',
      [docId, limit < 0 ? null : limit],
    );
    return rows.map((r) => toMeta(r.seq, r.meta));
  }

  async get(docId: string, versionId: string): Promise<VersionMeta | undefined> {
    const seq = seqOf(versionId);
    if (seq === null) return undefined;
    const { rows } = await this.pool.query<{ meta: StoredMeta }>(
      'SELECT meta FROM versions WHERE doc_id = $1 AND seq = $2',
      [docId, seq],
    );
    return rows.length ? toMeta(seq, rows[0].meta) : undefined;
  }

  async state(docId: string, versionId: string): Promise<Uint8Array | undefined> {
    const seq = seqOf(versionId);
    if (seq === null) return undefined;
    const { rows } = await this.pool.query<{ state: Buffer }>(
      'SELECT state FROM versions WHERE doc_id = $1 AND seq = $2',
      [docId, seq],
    );
    return rows.length ? bytes(rows[0].state) : undefined;
  }

  async putSignature(docId: string, signature: Signature): Promise<void> {
    await this.pool.query(
      `INSERT INTO signatures (doc_id, company_id, record) VALUES ($1, $2, $3)
       ON CONFLICT (doc_id, company_id) DO UPDATE SET record = EXCLUDED.record`,
      [docId, signature.companyId, JSON.stringify(signature)],
    );
  }

  async signatures(docId: string): Promise<Signature[]> {
    const { rows } = await this.pool.query<{ record: Signature }>(
      'SELECT record FROM signatures WHERE doc_id = $1 ORDER BY company_id',
      [docId],
    );
    return rows.map((r) => r.record);
  }

  async settled(): Promise<void> {
    await Promise.all([...this.adding.values()]);
  }
}
