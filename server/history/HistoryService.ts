/**
 * Plan history: versions captured when editing settles and on request, restores as forward
 * changes, and joint sign-off. Routes (server/http/historyRoutes.ts) authorize; this layer
 * assumes the caller may do what it asks.
 *
 * It sees every change through the registry's `onDocUpdate` hook, and reads and changes live
 * documents only through `withDocument`, so a restore goes through the room's own pipeline:
 * persisted, then relayed to every connected client.
 */
import * as Y from 'yjs';
import { ErrorCode } from '../../shared/closeCodes.ts';
import {
  PlanEvent,
  type AgreementEventData,
  type RestoredEventData,
  type VersionsEventData,
} from '../../shared/planEvents.ts';
import { planDiff, restoredSectionsPhrase, type RestorableSection } from '../../shared/planDiff.ts';
import { docFromState, snapshotFromState, snapshotPlan, type PlanSnapshot } from '../../shared/planSnapshot.ts';
import { formatWhen } from '../../shared/markdown.ts';
import { Root } from '../../shared/schema.ts';
import { clash, missing } from '../errors.ts';
import type { ConnectionContext } from '../sync/types.ts';
import { agreementState, agreementView, type AgreementView, type Party } from './agreement.ts';
import { DEFAULT_CAPTURE_TIMINGS, type CaptureTimings } from './burst.ts';
import { BurstTracker, systemClock, type Clock, type Person } from './BurstTracker.ts';
import { applyVersionContent } from './restore.ts';
import type { Signature, VersionKind, VersionMeta, VersionStore } from './VersionStore.ts';

/** What history needs from the sync layer's document registry. */
export interface HistoryDocuments {
  withDocument<T>(docId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  onDocUpdate(
    listener: (docId: string, update: Uint8Array, ctx: ConnectionContext | null, roots: ReadonlySet<string>) => void,
  ): () => void;
}

export interface HistoryOptions {
  store: VersionStore;
  docs: HistoryDocuments;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  timings?: Partial<CaptureTimings>;
  clock?: Clock;
}

/** The origin of a restore transaction: not a connection, so the room relays it to everyone. */
export const RESTORE_ORIGIN = Symbol('history:restore');

/**
 * Something the history UI shows has changed. A signature or a version changes no Y.Doc, so
 * nothing reaches the other party over sync: the app forwards these to the plan event streams.
 */
export type HistoryChange =
  | { type: typeof PlanEvent.Versions; data: VersionsEventData }
  | { type: typeof PlanEvent.Agreement; data: AgreementEventData }
  | { type: typeof PlanEvent.Restored; data: RestoredEventData };

export class HistoryService {
  readonly store: VersionStore;
  private readonly tracker: BurstTracker;
  private readonly unsubscribe: () => void;
  /** Documents with an automatic capture in flight: one at a time each. */
  private readonly capturing = new Set<string>();
  /** Documents whose creation was seen (or checked) in this process: at most one first version. */
  private readonly creating = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly changeListeners = new Set<(change: HistoryChange) => void>();
  private closed = false;

  constructor(private readonly opts: HistoryOptions) {
    this.store = opts.store;
    const timings = { ...DEFAULT_CAPTURE_TIMINGS, ...opts.timings };
    this.tracker = new BurstTracker(timings, opts.clock ?? systemClock, (docId) => this.captureAuto(docId));
    this.unsubscribe = opts.docs.onDocUpdate((docId, _update, ctx, roots) => {
      // Comments are discussion, not plan content: they make no version and no version author.
      if (roots.size > 0 && [...roots].every((r) => r === Root.comments)) return;
      this.tracker.noteChange(docId, ctx ? { id: ctx.user.id, name: ctx.user.name } : null);
      // A server-made change to a plan with no history yet is its creation (the admin's set-up or
      // the demo seed): record it at once, so every plan starts with a version to compare with.
      if (!ctx) this.captureCreation(docId);
    });
  }

  private captureCreation(docId: string): void {
    if (this.closed || this.creating.has(docId)) return;
    this.creating.add(docId);
    this.track(
      (async () => {
        if ((await this.store.list(docId)).length > 0) return;
        await this.capture(docId, 'auto', 'Plan created', null);
      })(),
    ).catch((err) => {
      if (!this.closed) this.opts.log.error({ docId, err }, 'first version capture failed');
    });
  }

  list(docId: string): Promise<VersionMeta[]> {
    return this.store.list(docId);
  }

  /** Called after a version or a signature is durable; returns the unsubscribe. */
  onChange(listener: (change: HistoryChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(change: HistoryChange): void {
    for (const listener of this.changeListeners) {
      // A listener's failure must not fail the capture or the signature that was already stored.
      try {
        listener(change);
      } catch (err) {
        this.opts.log.error({ err, change: change.type }, 'history change listener failed');
      }
    }
  }

  /** Captures the live document as a version; resolves once stored. */
  capture(
    docId: string,
    kind: VersionKind,
    name: string | null,
    by: Person | null,
    restoredFrom: string | null = null,
    restoredSections: RestorableSection[] | null = null,
  ): Promise<VersionMeta> {
    return this.track(
      (async () => {
        const { state, authors } = await this.opts.docs.withDocument(docId, (doc) => ({
          state: Y.encodeStateAsUpdate(doc),
          authors: this.tracker.take(docId, kind),
        }));
        const meta = await this.store.add(
          docId,
          {
            name,
            kind,
            at: new Date().toISOString(),
            by,
            authors,
            restoredFrom,
            ...(restoredSections ? { restoredSections } : {}),
          },
          state,
        );
        this.emit({ type: PlanEvent.Versions, data: { relationshipId: docId, versionId: meta.id, kind } });
        return meta;
      })(),
    );
  }

  private captureAuto(docId: string): void {
    if (this.closed || this.capturing.has(docId)) return;
    this.capturing.add(docId);
    this.capture(docId, 'auto', null, null)
      .catch((err) => {
        if (!this.closed) this.opts.log.error({ docId, err }, 'automatic version capture failed');
      })
      .finally(() => this.capturing.delete(docId));
  }

  async version(docId: string, versionId: string): Promise<{ meta: VersionMeta; state: Uint8Array }> {
    const [meta, state] = await Promise.all([this.store.get(docId, versionId), this.store.state(docId, versionId)]);
    if (!meta || !state) throw missing(`No version "${versionId}" of this plan.`);
    return { meta, state };
  }

  async snapshot(docId: string, versionId: string): Promise<{ meta: VersionMeta; plan: PlanSnapshot }> {
    const { meta, state } = await this.version(docId, versionId);
    return { meta, plan: snapshotFromState(state) };
  }

  current(docId: string): Promise<PlanSnapshot> {
    return this.opts.docs.withDocument(docId, snapshotPlan);
  }

  /**
   * Brings back `versionId`'s content (the whole plan, or only `sections`) as one new change made
   * by the server, relayed live to every client, records a `restore` version of the result and
   * tells everyone in the plan who restored what.
   */
  async restore(
    docId: string,
    versionId: string,
    by: Person,
    sections: RestorableSection[] | null = null,
  ): Promise<VersionMeta> {
    const { meta, state } = await this.version(docId, versionId);
    const source = docFromState(state);
    try {
      await this.opts.docs.withDocument(docId, (doc) =>
        doc.transact(() => applyVersionContent(doc, source, sections ?? undefined), RESTORE_ORIGIN),
      );
    } finally {
      source.destroy();
    }
    const from = meta.name ? `“${meta.name}”` : `the version of ${formatWhen(meta.at, true)}`;
    const name = sections ? `Restored ${restoredSectionsPhrase(sections)} from ${from}` : `Restored ${from}`;
    const restored = await this.capture(docId, 'restore', name, by, meta.id, sections);
    this.emit({
      type: PlanEvent.Restored,
      data: {
        relationshipId: docId,
        versionId: restored.id,
        from: { versionId: meta.id, name: meta.name, at: meta.at },
        sections,
        by: { id: by.id, name: by.name },
      },
    });
    return restored;
  }

  /** Records a party's signature on a named version (replacing that party's previous one). */
  async sign(docId: string, versionId: string, signer: Omit<Signature, 'versionId' | 'at'>): Promise<void> {
    const { meta } = await this.version(docId, versionId);
    if (meta.name === null) throw clash(ErrorCode.VersionNotNamed, 'Name this version before signing it.');
    const existing = (await this.store.signatures(docId)).find((s) => s.companyId === signer.companyId);
    // Signing the same version again keeps the first signature's time: the agreement did not move.
    if (existing?.versionId === versionId && existing.userId === signer.userId) return;
    await this.track(this.store.putSignature(docId, { ...signer, versionId, at: new Date().toISOString() }));
    this.emit({ type: PlanEvent.Agreement, data: { relationshipId: docId, versionId, companyId: signer.companyId } });
  }

  /** The agreement between `parties`, with drift of the live plan against the signed version. */
  async agreement(docId: string, parties: readonly Party[]): Promise<AgreementView> {
    const state = agreementState(parties, await this.store.signatures(docId));
    if (!state.versionId) return agreementView(state, null, null);
    const [{ meta, plan }, current] = await Promise.all([this.snapshot(docId, state.versionId), this.current(docId)]);
    return agreementView(state, meta.name, planDiff(plan, current));
  }

  /** Stops capturing and waits for writes in flight (before the app closes the database). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.changeListeners.clear();
    this.tracker.close();
    await Promise.allSettled([...this.inFlight]);
    await this.store.settled();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }
}
