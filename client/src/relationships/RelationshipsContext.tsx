/** The signed-in user's relationships, loaded once for the sidebar and the home page. */
import { createContext, useContext, type ReactNode } from 'react';
import { listRelationships } from '../api/endpoints.ts';
import type { Relationship } from '../api/types.ts';
import { useAsync, type AsyncState } from '../lib/useAsync.ts';

type Ctx = AsyncState<Relationship[]> & { reload: () => void };
const RelationshipsContext = createContext<Ctx | null>(null);

export function RelationshipsProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const state = useAsync((signal) => listRelationships(signal), userId);
  return <RelationshipsContext.Provider value={state}>{children}</RelationshipsContext.Provider>;
}

export function useRelationships(): Ctx {
  const ctx = useContext(RelationshipsContext);
  if (!ctx) throw new Error('useRelationships outside RelationshipsProvider');
  return ctx;
}
