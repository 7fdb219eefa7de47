/**
 * Plan versions and sign-offs in LevelDB, in the app's one database under the `history`
 * sublevel (JSON values), with the versions' document states in its nested `states` sublevel
 * (binary):
 *
 *   history   v!<enc(docId)>!<seq16>     a version's metadata
 *             g!<enc(docId)>!<companyId> a party's signature
 *   states    <enc(docId)>!<seq16>       the version's full Y state (Y.encodeStateAsUpdate)
 *
 * A version's id is `v<seq>`, its position in the document's history, so ids sort by time and
 * a range scan lists them newest first.
 *
 * What must stay true: a version's metadata and state are written in one batch (never one
 * without the other); seqs of one document are handed out one at a time, never reused.
 */
import type { AbstractSublevel } from 'abstract-level';
import type { Level } from 'level';
import type { Signature } from '../../shared/apiTypes.ts';
import { seqOf, versionIdOf, type VersionMeta, type VersionStore } from './VersionStore.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sub<V> = AbstractSublevel<any, any, string, V>;

const SEQ_DIGITS = 16;
const enc = (docId: string) => encodeURIComponent(docId);
const pad = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');
const versionKey = (docId: string, seq: number) => `v!${enc(docId)}!${pad(seq)}`;
const stateKey = (docId: string, seq: number) => `${enc(docId)}!${pad(seq)}`;
/** '!' < '"', so `prefix + '"'` bounds every key that starts with `prefix + '!'`. */
const range = (prefix: string) => ({ gt: prefix + '!', lt: prefix + '"' });

export class LevelVersionStore implements VersionStore {
  private readonly meta: Sub<VersionMeta | Signature>;
  private readonly states: Sub<Uint8Array>;
  /** Per document, the tail of its chain of adds: seqs are read and assigned one at a time. */
  private readonly adding = new Map<string, Promise<unknown>>();

  constructor(db: Level<string, unknown>) {
    this.meta = db.sublevel<string, VersionMeta | Signature>('history', { keyEncoding: 'utf8', valueEncoding: 'json' });
    this.states = this.meta.sublevel<string, Uint8Array>('states', { keyEncoding: 'utf8', valueEncoding: 'view' });
  }

  /** Stores a new version of `docId`; resolves once it is durable. */
  add(docId: string, version: Omit<VersionMeta, 'id' | 'seq'>, state: Uint8Array): Promise<VersionMeta> {
    const prev = this.adding.get(docId) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        const seq = (await this.lastSeq(docId)) + 1;
        const meta: VersionMeta = { id: versionIdOf(seq), seq, ...version };
        // One batch across both sublevels; abstract-level's types cannot express the mixed values.
        await this.meta.batch([
          { type: 'put', key: versionKey(docId, seq), value: meta },
          { type: 'put', sublevel: this.states, key: stateKey(docId, seq), value: state } as never,
        ]);
        return meta;
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

  private async lastSeq(docId: string): Promise<number> {
    const keys = await this.meta.keys({ ...range(`v!${enc(docId)}`), reverse: true, limit: 1 }).all();
    return keys.length ? Number(keys[0].slice(keys[0].lastIndexOf('!') + 1)) : 0;
  }

  /** Every version of `docId`, newest first. */
  async list(docId: string, limit = -1): Promise<VersionMeta[]> {
    return (await this.meta.values({ ...range(`v!${enc(docId)}`), reverse: true, limit }).all()) as VersionMeta[];
  }

  async get(docId: string, versionId: string): Promise<VersionMeta | undefined> {
    const seq = seqOf(versionId);
    return seq === null ? undefined : ((await this.meta.get(versionKey(docId, seq))) as VersionMeta | undefined);
  }

  async state(docId: string, versionId: string): Promise<Uint8Array | undefined> {
    const seq = seqOf(versionId);
    return seq === null ? undefined : this.states.get(stateKey(docId, seq));
  }

  /** One signature per party: a new one from the same company replaces the old. */
  putSignature(docId: string, signature: Signature): Promise<void> {
    return this.meta.put(`g!${enc(docId)}!${enc(signature.companyId)}`, signature);
  }

  async signatures(docId: string): Promise<Signature[]> {
    return (await this.meta.values(range(`g!${enc(docId)}`)).all()) as Signature[];
  }

  /** Resolves once every add issued so far has settled. */
  async settled(): Promise<void> {
    await Promise.all([...this.adding.values()]);
  }
}
