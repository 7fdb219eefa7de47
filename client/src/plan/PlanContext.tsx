/**
 * Everything a section of the open plan needs, provided once by LivePlan. Sections read from here
 * instead of receiving a dozen props, which keeps issue 6's editable sections a drop-in change.
 */
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Me, PresenceUser, Relationship } from '../api/types.ts';
import type { PresentPerson } from '../presence/presence.ts';
import type { PlanConnection } from '../sync/PlanConnection.ts';
import type { Actor } from './permissions.ts';
import type { PeopleDirectory } from './people.ts';

export interface PlanContextValue {
  conn: PlanConnection;
  doc: Y.Doc;
  provider: WebsocketProvider;
  rel: Relationship;
  me: Me;
  /** You as others see you here: your relationship colour once the team is known. */
  self: PresenceUser;
  actor: Actor;
  people: PeopleDirectory;
  present: PresentPerson[];
  /** Follows a person (the view keeps tracking their caret, else their section); again stops. */
  follow(person: PresentPerson): void;
  /** The user id being followed, or null. */
  following: string | null;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlan(): PlanContextValue {
  const ctx = useContext(PlanContext);
  if (!ctx) throw new Error('usePlan outside a live plan');
  return ctx;
}
