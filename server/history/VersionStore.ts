/**
 * Plan versions and sign-offs: the interface every backend implements (LevelDB in
 * LevelVersionStore.ts, PostgreSQL in server/storage/postgres), and its rules. The same contract
 * suite (versionStore.contract.test.ts) runs against both.
 *
 * A version's id is `v<seq>`, its position in the document's history, so ids sort by time.
 *
 * What must stay true:
 * - a version's metadata and state are written atomically (never one without the other), and
 *   `add` resolves once both are durable;
 * - seqs of one document are handed out one at a time, 1, 2, 3…, never reused, also when adds
 *   are called concurrently;
 * - `list` is newest first; one signature per party: a new one from the same company replaces it.
 */
import type { Signature, VersionKind } from '../../shared/apiTypes.ts';
import type { RestorableSection } from '../../shared/planDiff.ts';
import type { Person } from './BurstTracker.ts';

export type { Signature, VersionKind };

export interface VersionMeta {
  id: string;
  seq: number;
  name: string | null;
  kind: VersionKind;
  /** ISO time of capture. */
  at: string;
  /** Who asked for it (named, restore); null for automatic versions. */
  by: Person | null;
  /** Who changed the plan since the previous version. */
  authors: Person[];
  /** For a restore: the version whose content was brought back. */
  restoredFrom: string | null;
  /** For a restore of some sections only: which (absent or null: the whole plan). */
  restoredSections?: RestorableSection[] | null;
}

export interface VersionStore {
  /** Stores a new version of `docId`; resolves once it is durable. */
  add(docId: string, version: Omit<VersionMeta, 'id' | 'seq'>, state: Uint8Array): Promise<VersionMeta>;
  /** Every version of `docId`, newest first; `limit` -1 means all. */
  list(docId: string, limit?: number): Promise<VersionMeta[]>;
  get(docId: string, versionId: string): Promise<VersionMeta | undefined>;
  /** The version's full Y state (Y.encodeStateAsUpdate). */
  state(docId: string, versionId: string): Promise<Uint8Array | undefined>;
  putSignature(docId: string, signature: Signature): Promise<void>;
  signatures(docId: string): Promise<Signature[]>;
  /** Resolves once every add issued so far has settled. */
  settled(): Promise<void>;
}

export function versionIdOf(seq: number): string {
  return `v${seq}`;
}

/** The seq of a version id, or null when the id cannot be one of ours. */
export function seqOf(versionId: string): number | null {
  const m = /^v([1-9]\d{0,14})$/.exec(versionId);
  return m ? Number(m[1]) : null;
}
