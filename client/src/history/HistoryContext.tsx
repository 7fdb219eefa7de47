/**
 * History for the open plan: the agreement (banner, sign buttons) and the panel's state, shared by
 * the header actions, the agreement banner and the panel. Lives inside LivePlan's PlanBody, so it
 * is rebuilt with the doc after a reset.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { usePlan } from '../plan/PlanContext.tsx';
import { useAgreement, type AgreementHandle } from './useAgreement.ts';
import { usePlanEvents, type PlanEvents } from './usePlanEvents.ts';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { RestoreNotices } from './RestoreNotices.tsx';

/** What the panel shows: the list, one version read-only, or one version compared with now (or with `against`, another version). */
export type PanelView =
  { kind: 'list' } | { kind: 'version'; id: string } | { kind: 'compare'; id: string; against?: string };

export interface HistoryUi extends AgreementHandle {
  opened: boolean;
  view: PanelView;
  open: (view?: PanelView) => void;
  show: (view: PanelView) => void;
  close: () => void;
  /** A user may sign for their company: relationship admin and Company Admin. */
  canSign: boolean;
  canRestore: boolean;
  canName: boolean;
  /** The server's news about signatures and versions, for whatever shows them. */
  events: PlanEvents;
}

const HistoryContext = createContext<HistoryUi | null>(null);

export function useHistoryUi(): HistoryUi {
  const ctx = useContext(HistoryContext);
  if (!ctx) throw new Error('useHistoryUi outside HistoryProvider');
  return ctx;
}

export function HistoryProvider({ children }: { children: ReactNode }) {
  const { rel, doc, me, provider } = usePlan();
  const events = usePlanEvents(rel.id, provider);
  const agreement = useAgreement(rel.id, doc, provider, events);
  const [opened, setOpened] = useState(false);
  const [view, setView] = useState<PanelView>({ kind: 'list' });
  const open = useCallback((v: PanelView = { kind: 'list' }) => {
    setView(v);
    setOpened(true);
  }, []);
  const close = useCallback(() => setOpened(false), []);
  const value = useMemo<HistoryUi>(
    () => ({
      ...agreement,
      opened,
      view,
      open,
      show: setView,
      close,
      canSign: rel.myRole === 'admin' && me.companyRole === 'admin' && rel.parties.some((p) => p.id === me.companyId),
      canRestore: rel.myRole === 'admin' && !rel.archived,
      canName: rel.myRole !== 'viewer',
      events,
    }),
    [agreement, opened, view, open, close, rel, me, events],
  );
  return (
    <HistoryContext.Provider value={value}>
      {children}
      <HistoryDrawer />
      <RestoreNotices />
    </HistoryContext.Provider>
  );
}
