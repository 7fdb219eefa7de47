/**
 * Reading presence out of awareness states: who is here, which section each is in. Pure over the
 * states map so it is testable without a socket (presence.test.ts).
 */
import type { PresenceUser } from '../api/types.ts';

export interface PresentPerson {
  user: PresenceUser;
  /** The section of this person's most recently active client. */
  section: string | null;
  /** Awareness client ids of this person (several tabs count once). */
  clientIds: number[];
  isSelf: boolean;
}

function isPresenceUser(u: unknown): u is PresenceUser {
  const x = u as PresenceUser;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.id === 'string' &&
    typeof x.name === 'string' &&
    typeof x.color === 'string' &&
    typeof x.companyId === 'string'
  );
}

/**
 * People present, one entry per user, in a stable order: yourself first, then by company and
 * name. States without a server-stamped user (not yet stamped, or malformed) are skipped.
 */
export function peopleFromStates(
  states: Map<number, Record<string, unknown>>,
  selfClientId: number,
  selfUserId: string | null,
): PresentPerson[] {
  const byUser = new Map<string, PresentPerson>();
  for (const [clientId, state] of states) {
    if (!state || !isPresenceUser(state.user)) continue;
    const user = state.user;
    const section = typeof state.section === 'string' ? state.section : null;
    const isSelf = clientId === selfClientId || user.id === selfUserId;
    const existing = byUser.get(user.id);
    if (existing) {
      existing.clientIds.push(clientId);
      // Prefer the local client's section for yourself, else any known section.
      if (clientId === selfClientId || !existing.section) existing.section = section ?? existing.section;
    } else {
      byUser.set(user.id, {
        user: { ...user, companyName: typeof user.companyName === 'string' ? user.companyName : '' },
        section,
        clientIds: [clientId],
        isSelf,
      });
    }
  }
  return [...byUser.values()].sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      a.user.companyName.localeCompare(b.user.companyName) ||
      a.user.name.localeCompare(b.user.name),
  );
}

/**
 * Whether two presence lists show the same thing: the same people, in the same order, in the same
 * sections, from the same clients. A caret move changes awareness but none of this, so callers
 * keep the previous list and nothing that shows presence re-renders.
 */
export function samePeople(a: readonly PresentPerson[], b: readonly PresentPerson[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i];
    return (
      p.isSelf === q.isSelf &&
      p.section === q.section &&
      sameUser(p.user, q.user) &&
      p.clientIds.length === q.clientIds.length &&
      p.clientIds.every((id, j) => id === q.clientIds[j])
    );
  });
}

function sameUser(a: PresenceUser, b: PresenceUser): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.color === b.color &&
    a.companyId === b.companyId &&
    a.companyName === b.companyName
  );
}
