/**
 * Who is signed in, and the three ways a session ends: the user signs out, an API call answers
 * 401, or the sync socket closes with 4401. The latter two keep the browser copies of plans, so
 * text typed just before the session ended syncs after the next sign-in.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, setUnauthorizedListener } from '../api/http.ts';
import { getMe, login, logout } from '../api/endpoints.ts';
import type { Me } from '../api/types.ts';
import { currentPath, navigate, paths, mayLeave } from '../lib/router.tsx';
import { clearLocalCopies } from '../sync/localCopies.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'signed-out' | 'expired' | null }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; error: ApiError };

interface SessionApi {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** The session ended under the user (401, 4401): back to sign-in, keeping local copies. */
  sessionEnded: () => void;
  retry: () => void;
  /** A session the server just set by another route (accepting an invitation, a reset link). */
  adoptSession: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/**
 * Whether this browser believes it has a session. The cookie is HttpOnly, so without this hint
 * every first visit would ask /api/me and earn a 401 (logged by browsers as a console error).
 * The server stays the judge: with the hint, /api/me still decides.
 */
const HINT_KEY = 'charter:has-session';
const hint = {
  get: () => {
    try {
      return localStorage.getItem(HINT_KEY) === '1';
    } catch {
      return true;
    }
  },
  set: (on: boolean) => {
    try {
      if (on) localStorage.setItem(HINT_KEY, '1');
      else localStorage.removeItem(HINT_KEY);
    } catch {
      /* storage disabled: always ask the server */
    }
  },
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const load = useCallback(async () => {
    if (!hint.get()) {
      setState({ status: 'signed-out', reason: null });
      return;
    }
    setState({ status: 'loading' });
    try {
      setState({ status: 'signed-in', me: await getMe() });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        hint.set(false);
        setState({ status: 'signed-out', reason: null });
      } else
        setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'network', String(err)) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // While signing out on purpose, the server's 4401 on our own sockets is not "your session ended".
  const signingOut = useRef(false);

  const sessionEnded = useCallback(() => {
    if (signingOut.current) return;
    hint.set(false);
    setState((s) => (s.status === 'signed-out' ? s : { status: 'signed-out', reason: 'expired' }));
    if (location.pathname !== '/sign-in') navigate(paths.signIn(currentPath()), { replace: true, force: true });
  }, []);

  useEffect(() => {
    setUnauthorizedListener(sessionEnded);
    return () => setUnauthorizedListener(null);
  }, [sessionEnded]);

  const signIn = useCallback(async (email: string, password: string) => {
    await login(email, password);
    hint.set(true);
    const me = await getMe();
    setState({ status: 'signed-in', me });
  }, []);

  const signOut = useCallback(async () => {
    // Unsaved work on screen (the admin settings, say) is lost by signing out: ask first.
    if (!mayLeave()) return;
    const me = state.status === 'signed-in' ? state.me : null;
    signingOut.current = true;
    try {
      await logout();
    } catch {
      /* already signed out, or offline: either way forget this device's session below */
    }
    hint.set(false);
    setState({ status: 'signed-out', reason: 'signed-out' });
    navigate(paths.signIn(), { replace: true, force: true });
    // After the plan has unmounted: IndexedDB deletes wait for open connections to close.
    if (me) void clearLocalCopies(me.id);
    // Sockets of the old session close with 4401 shortly after; ignore those, not later ones.
    setTimeout(() => (signingOut.current = false), 2000);
  }, [state]);

  const adoptSession = useCallback(async () => {
    hint.set(true);
    setState({ status: 'signed-in', me: await getMe() });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, sessionEnded, retry: load, adoptSession }),
    [state, signIn, signOut, sessionEnded, load, adoptSession],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for screens rendered behind the signed-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}
