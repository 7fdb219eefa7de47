/**
 * The relationship's team, for owner and assignee pickers. Cached per relationship for the page's
 * life so the sections that need it share one request; a failed load leaves pickers with the
 * people the plan already knows (the signed-in user), never an error over the plan.
 */
import { useEffect, useState } from 'react';
import { getTeam } from '../../api/endpoints.ts';
import type { TeamMember } from '../../api/types.ts';

const cache = new Map<string, Promise<TeamMember[]>>();

export function useTeam(relationshipId: string): TeamMember[] | null {
  const [team, setTeam] = useState<TeamMember[] | null>(null);
  useEffect(() => {
    let live = true;
    let p = cache.get(relationshipId);
    if (!p) {
      p = getTeam(relationshipId);
      cache.set(relationshipId, p);
      // A failure is not cached: the next mount asks again.
      p.catch(() => cache.delete(relationshipId));
    }
    p.then((t) => live && setTeam(t)).catch(() => live && setTeam(null));
    return () => {
      live = false;
    };
  }, [relationshipId]);
  return team;
}

/** Drops the cached team (after team changes in the admin section). */
export function forgetTeam(relationshipId: string): void {
  cache.delete(relationshipId);
}
