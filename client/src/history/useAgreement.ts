/**
 * The relationship's sign-off state, kept fresh without a reload: after this user's own actions
 * (the caller calls `refresh`), when the window regains focus, every few seconds while the page
 * is visible (another party's signature), and shortly after the plan document settles — every edit, local or remote, reaches this doc, so the other party sees "changed since
 * agreement" appear within a second or two of someone typing.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ApiError } from '../api/http.ts';
import { getAgreement, type Agreement } from './api.ts';

/** How long the doc must be quiet before the agreement is asked for again. */
export const AGREEMENT_REFRESH_DEBOUNCE_MS = 1200;
/**
 * A signature changes no document, so nothing arrives over sync when the other party signs: a
 * visible page asks again this often, so a plan on the projector turns "Agreed" by itself.
 */
export const AGREEMENT_POLL_MS = 10_000;

export interface AgreementHandle {
  agreement: Agreement | null;
  error: ApiError | null;
  refresh(): void;
}

/**
 * Whether asking the server makes sense now. Offline, a request only fails (and the browser logs
 * it); the plan's own socket says when the server is back, and we ask again then.
 */
export function serverReachable(provider: WebsocketProvider): boolean {
  return navigator.onLine && provider.wsconnected;
}

export function useAgreement(relationshipId: string, doc: Y.Doc, provider: WebsocketProvider): AgreementHandle {
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
    return () => {
      seq.current++;
    };
  }, [refresh]);

  useEffect(() => {
    const onFocus = () => refresh();
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    const poll = setInterval(() => document.visibilityState === 'visible' && refresh(), AGREEMENT_POLL_MS);
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
