import { useMemo } from 'react';
import { usePlan } from '../PlanContext.tsx';
import type { PersonRef } from '../people.ts';
import { useTeam } from './useTeam.ts';

/** People who can own a project or be assigned an activity: the team, owner side first. */
export function useAssignees(): PersonRef[] {
  const { rel, me } = usePlan();
  const team = useTeam(rel.id);
  return useMemo(() => {
    const list: PersonRef[] = (team ?? []).map((t) => ({
      id: t.userId,
      name: t.name,
      color: t.color,
      companyId: t.companyId,
      companyName: t.companyName,
    }));
    if (!list.some((p) => p.id === me.id))
      list.push({ id: me.id, name: me.name, color: me.color, companyId: me.companyId, companyName: me.companyName });
    return list;
  }, [team, me]);
}
