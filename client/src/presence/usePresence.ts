import { useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { peopleFromStates, samePeople, type PresentPerson } from './presence.ts';
import { api } from '../api/http.ts';
import type { PresentUser } from '../../../shared/apiTypes.ts';

/**
 * Everyone in the plan, updated as awareness changes. Re-subscribes when the awareness is replaced.
 * The list keeps its identity until who is here or where changes: carets move many times a second
 * and must not re-render what shows presence (carets themselves are drawn inside the editors).
 */
export function usePresence(awareness: Awareness | null, selfUserId: string | null): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const last = useRef(people);
  useEffect(() => {
    const show = (next: PresentPerson[]) => {
      if (samePeople(last.current, next)) return;
      last.current = next;
      setPeople(next);
    };
    if (!awareness) {
      show([]);
      return;
    }
    const update = () => show(peopleFromStates(awareness.getStates(), awareness.clientID, selfUserId));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, selfUserId]);
  return people;
}

/** How often the relationships home refreshes who is in each plan. */
const PEEK_INTERVAL_MS = 10_000;

/**
 * Who is in a plan right now, without joining it: the server reads the awareness states it
 * stamped (GET /api/relationships/:id/presence), so the home page opens no socket and downloads
 * no plan. Refreshed on an interval and when the window regains focus; `null` until first known.
 */
export function usePresencePeek(relationshipId: string, enabled: boolean): PresentPerson[] | null {
  const [people, setPeople] = useState<PresentPerson[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const controller = new AbortController();
    const load = () =>
      api<PresentUser[]>(`/api/relationships/${encodeURIComponent(relationshipId)}/presence`, {
        signal: controller.signal,
      }).then(
        (list) => {
          if (!cancelled)
            setPeople(list.map(({ section, ...user }) => ({ user, section, clientIds: [], isSelf: false })));
        },
        () => {
          // Keep the last answer on a failed refresh; a 401 reaches the session through api().
          if (!cancelled) setPeople((prev) => prev ?? []);
        },
      );
    const reload = () => void load();
    reload();
    const timer = setInterval(reload, PEEK_INTERVAL_MS);
    window.addEventListener('focus', reload);
    return () => {
      cancelled = true;
      controller.abort();
      clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [relationshipId, enabled]);
  return people;
}
