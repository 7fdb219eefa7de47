/**
 * The relationship's sign-off state, kept fresh without a reload: after this user's own actions
 * (the caller calls `refresh`), when the server's event stream says a signature changed (the
 * other party signing shows at once), when the window regains focus, shortly after the plan
 * document settles (every edit, local or remote, reaches this doc, so "changed since agreement"
 * appears within a second or two of someone typing), and on a slow poll in case the stream is down.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ApiError } from '../api/http.ts';
import { PlanEvent } from '../../../shared/planEvents.ts';
import { getAgreement, type Agreement } from './api.ts';
import type { PlanEvents } from './usePlanEvents.ts';

/** How long the doc must be quiet before the agreement is asked for again. */
export const AGREEMENT_REFRESH_DEBOUNCE_MS = 1200;
/**
 * A signature changes no document; the event stream announces it. Should the stream be down (a
 * proxy that buffers it, a restart), a visible page still asks this often, so a plan on the
 * projector turns "Agreed" by itself, only later.
 */
export const AGREEMENT_FALLBACK_POLL_MS = 60_000;

export interface AgreementHandle {
  agreement: Agreement | null;
  error: ApiError | null;
  refresh: () => void;
}

/**
 * Whether asking the server makes sense now. Offline, a request only fails (and the browser logs
 * it); the plan's own socket says when the server is back, and we ask again then.
 */
export function serverReachable(provider: WebsocketProvider): boolean {
  return navigator.onLine && provider.wsconnected;
}

export function useAgreement(
  relationshipId: string,
  doc: Y.Doc,
  provider: WebsocketProvider,
  events: PlanEvents,
): AgreementHandle {
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Answers can overtake each other on a busy server; only the latest request may set state.
  const seq = useRef(0);

  const refresh = useCallback(() => {
    if (!serverReachable(provider)) return;
    const mine = ++seq.current;
    getAgreement(relationshipId).then(
      (a) => {
        if (mine !== seq.current) return;
        setAgreement(a);
        setError(null);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        // Keep the last known agreement on screen; a failed refresh is retried on the next trigger.
        setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
      },
    );
  }, [relationshipId, provider]);

  useEffect(() => {
    refresh();
    // Moving the counter on makes an answer still in flight for the old inputs land nowhere.
    const requests = seq;
    return () => {
      requests.current++;
    };
  }, [refresh]);

  useEffect(() => {
    const onFocus = () => refresh();
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    const poll = setInterval(() => document.visibilityState === 'visible' && refresh(), AGREEMENT_FALLBACK_POLL_MS);
    // Back online: whatever changed meanwhile (a signature, drift) shows at once.
    const onStatus = ({ status }: { status: string }) => status === 'connected' && refresh();
    provider.on('status', onStatus);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(poll);
      provider.off('status', onStatus);
    };
  }, [refresh, provider]);

  useEffect(() => events.subscribe(PlanEvent.Agreement, refresh), [events, refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, AGREEMENT_REFRESH_DEBOUNCE_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, refresh]);

  return useMemo(() => ({ agreement, error, refresh }), [agreement, error, refresh]);
}
