/**
 * The permission hook of the sync pipeline: adapts the update inspector (CONTRACT 6 table,
 * enforced per change path) to the room's UpdateGuard. An inspector that throws has met
 * something it does not understand: that is a denial (fail closed), never an allow.
 */
import type * as Y from 'yjs';
import type { ConnectionContext, DecodedUpdate, Verdict } from './types.ts';
import { inspectUpdate } from './inspectUpdate.ts';

export function guardUpdate(doc: Y.Doc, update: Uint8Array, ctx: ConnectionContext, decoded?: DecodedUpdate): Verdict {
  try {
    return inspectUpdate(
      doc,
      update,
      {
        userId: ctx.user.id,
        role: ctx.role,
        companyId: ctx.user.companyId,
        archived: ctx.archived === true,
      },
      decoded,
    );
  } catch (err) {
    return {
      ok: false,
      section: 'document',
      reason: `update not understood (${err instanceof Error ? err.message : 'error'})`,
    };
  }
}
