import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { closeCodeAction } from '../../../shared/closeCodes.ts';
import { peopleFromStates, type PresentPerson } from './presence.ts';
import { syncServerUrl } from '../sync/PlanConnection.ts';
import { destroyProvider } from '../sync/providerLifecycle.ts';

/** Everyone in the plan, updated as awareness changes. Re-subscribes when the awareness is replaced. */
export function usePresence(awareness: Awareness | null, selfUserId: string | null): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);
  useEffect(() => {
    if (!awareness) {
      setPeople([]);
      return;
    }
    const update = () => setPeople(peopleFromStates(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID, selfUserId));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, selfUserId]);
  return people;
}

/**
 * Who is in a plan right now, without joining it: a socket with no local awareness state, so
 * the watcher is invisible. Used by the relationships home ("who is in it right now").
 */
export function usePresencePeek(relationshipId: string, enabled: boolean, onSessionEnded: () => void): PresentPerson[] | null {
  const [people, setPeople] = useState<PresentPerson[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncServerUrl(), relationshipId, doc, {
      disableBc: true,
      shouldReconnect: (e) => closeCodeAction(e.code) === 'reconnect',
      connect: false,
    });
    provider.awareness.setLocalState(null);
    const update = () => setPeople(peopleFromStates(provider.awareness.getStates() as Map<number, Record<string, unknown>>, -1, null));
    provider.awareness.on('change', update);
    provider.on('sync', (s: boolean) => s && update());
    provider.on('closed', ({ code }) => {
      if (closeCodeAction(code) === 'sign-in') onSessionEnded();
    });
    // Never sends document updates: the doc is a throwaway receiver.
    provider.connect();
    return () => {
      provider.awareness.off('change', update);
      destroyProvider(provider);
      setTimeout(() => doc.destroy(), 20_000);
    };
  }, [relationshipId, enabled, onSessionEnded]);
  return people;
}
