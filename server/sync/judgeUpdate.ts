/**
 * The judging stages of the pipeline, before anything is applied: normalise the update against
 * the live document (normaliseUpdate.ts), check the client ids it writes under (clientIds.ts),
 * then ask the permission hook. Reads the document, never changes it; anything unexpected is a
 * refusal (fail closed).
 */
import type * as Y from 'yjs';
import { SERVER_WRITER, type ClientIds } from './clientIds.ts';
import { normaliseUpdate } from './normaliseUpdate.ts';
import type { ConnectionContext, DecodedUpdate, Verdict } from './types.ts';
import { DOCUMENT_SECTION, Refused } from './updateIndex.ts';

/**
 * Decides whether a client's update may be applied (the permission hook). Must not mutate. It is
 * given the update as normalised against `doc`: exactly what will be applied.
 */
export type UpdateGuard = (doc: Y.Doc, update: Uint8Array, ctx: ConnectionContext, decoded: DecodedUpdate) => Verdict;

/** An allowed update: the bytes to apply (null when it adds nothing) and the client ids it writes under. */
export type Judgement = { ok: true; update: Uint8Array | null; writers: readonly number[] } | (Verdict & { ok: false });

export function judgeUpdate(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  ctx: ConnectionContext,
  guard: UpdateGuard,
  clientIds: ClientIds,
  /** Who a live connection announced a client id as (awareness), if anyone. */
  announcedBy: (client: number) => string | undefined,
): Judgement {
  try {
    const normal = normaliseUpdate(doc, decoded);
    if (!normal) return { ok: true, update: null, writers: [] };
    const squat = clientIds.refusal(normal.writers, ctx.user.id, (client) =>
      client === doc.clientID ? SERVER_WRITER : announcedBy(client),
    );
    if (squat) return { ok: false, section: DOCUMENT_SECTION, reason: squat };
    const verdict = guard(doc, normal.update, ctx, normal.decoded);
    return verdict.ok ? { ok: true, update: normal.update, writers: normal.writers } : verdict;
  } catch (err) {
    if (err instanceof Refused) return { ok: false, section: err.section, reason: err.message };
    return {
      ok: false,
      section: DOCUMENT_SECTION,
      reason: `update not understood (${err instanceof Error ? err.message : 'error'})`,
    };
  }
}
