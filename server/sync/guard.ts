/**
 * The permission hook of the sync pipeline: adapts the update inspector to the room's
 * UpdateGuard. Anything the inspector cannot understand (it throws) is a denial: fail closed.
 */
import type * as Y from 'yjs';
import type { UpdateDecision } from './Room.ts';
import type { ConnectionContext } from './types.ts';

export function guardUpdate(_doc: Y.Doc, _update: Uint8Array, ctx: ConnectionContext): UpdateDecision {
  // Placeholder until the update inspector lands: viewers may change nothing.
  if (ctx.role === 'viewer') return { ok: false, section: 'document', reason: 'viewers cannot edit' };
  return { ok: true };
}
