/**
 * Names and colours of people mentioned in the plan (lock holders, assignees, owners), from the
 * relationship team, then from who is present, then the signed-in user. Never a raw user id.
 */
import type { Me, PresenceUser, TeamMember } from '../api/types.ts';

export interface PersonRef {
  id: string;
  name: string;
  color: string;
  companyId: string | null;
  companyName: string | null;
}

export interface PeopleDirectory {
  get: (userId: string | null | undefined) => PersonRef | null;
  /** A display name that is never empty. */
  name: (userId: string | null | undefined, fallback?: string) => string;
}

/**
 * Changes only when someone arrives, leaves or is renamed or recoloured: the directory is built
 * from it, so that a person moving between sections does not rebuild it (and every section).
 */
export function presentUsersKey(users: readonly PresenceUser[]): string {
  return JSON.stringify(users.map((u) => [u.id, u.name, u.color, u.companyId, u.companyName]));
}

/** The people a `presentUsersKey` was made from: what the directory is built from, so a memo keyed on it is exact. */
export function presentUsersFromKey(key: string): PresenceUser[] {
  return (JSON.parse(key) as Array<[string, string, string, string, string]>).map(
    ([id, name, color, companyId, companyName]) => ({ id, name, color, companyId, companyName }),
  );
}

export function buildDirectory(
  me: Me,
  team: readonly TeamMember[] | null,
  present: readonly PresenceUser[],
): PeopleDirectory {
  const map = new Map<string, PersonRef>();
  for (const u of present)
    map.set(u.id, { id: u.id, name: u.name, color: u.color, companyId: u.companyId, companyName: u.companyName });
  for (const t of team ?? [])
    map.set(t.userId, {
      id: t.userId,
      name: t.name,
      color: t.color,
      companyId: t.companyId,
      companyName: t.companyName,
    });
  // Yourself: your colour in this relationship (from the team) when known, else your default.
  map.set(me.id, {
    id: me.id,
    name: me.name,
    color: map.get(me.id)?.color ?? me.color,
    companyId: me.companyId,
    companyName: me.companyName,
  });
  return {
    get: (id) => (id ? (map.get(id) ?? null) : null),
    name: (id, fallback = 'someone') => (id ? (map.get(id)?.name ?? fallback) : fallback),
  };
}
