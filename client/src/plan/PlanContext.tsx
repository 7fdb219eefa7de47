/**
 * Everything a section of the open plan needs, provided once by LivePlan. Sections read from here
 * instead of receiving a dozen props.
 *
 * Two contexts, because they change at different rates: PlanContext holds what changes only when
 * the document, the team or the people in the plan change, and keeps its identity otherwise, so a
 * section re-renders for its own data only. PlanPresenceContext holds who is where; only presence
 * UI (stacks, nav dots, the follow bar) reads it.
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
}

export interface PlanPresenceValue {
  present: PresentPerson[];
  /** Follows a person (the view keeps tracking their caret, else their section); again stops. */
  follow: (person: PresentPerson) => void;
  /** The user id being followed, or null. */
  following: string | null;
}

export const PlanContext = createContext<PlanContextValue | null>(null);
export const PlanPresenceContext = createContext<PlanPresenceValue | null>(null);

export function usePlan(): PlanContextValue {
  const ctx = useContext(PlanContext);
  if (!ctx) throw new Error('usePlan outside a live plan');
  return ctx;
}

/** Who is in the plan and where; re-renders on every change of section, arrival or departure. */
export function usePlanPresence(): PlanPresenceValue {
  const ctx = useContext(PlanPresenceContext);
  if (!ctx) throw new Error('usePlanPresence outside a live plan');
  return ctx;
}
