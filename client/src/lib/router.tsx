/**
 * A deliberately tiny router: three screens do not need a library. Paths are real URLs (the
 * server answers index.html for them); `navigate` pushes history and every `useRoute` re-renders.
 */
import { useEffect, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'sign-in'; next: string | null }
  | { name: 'home' }
  | { name: 'plan'; relationshipId: string; section: string | null }
  | { name: 'admin' }
  | { name: 'print'; relationshipId: string; version: string }
  | { name: 'invite'; token: string }
  | { name: 'reset'; token: string }
  | { name: 'forgot' }
  | { name: 'account' }
  | { name: 'setup'; relationshipId: string }
  | { name: 'not-found'; path: string };

export const paths = {
  home: () => '/',
  signIn: (next?: string | null) => (next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
  admin: () => '/admin',
  forgot: () => '/forgot-password',
  account: () => '/account',
  /** Straight to a relationship's plan set-up (owner's Company Admins). */
  setup: (relationshipId: string) => `/admin/setup/${encodeURIComponent(relationshipId)}`,
  plan: (relationshipId: string, section?: string) =>
    `/relationships/${encodeURIComponent(relationshipId)}${section ? `#${section}` : ''}`,
  /** The printable page of a version, or of the live plan (`current`). */
  print: (relationshipId: string, version: string) =>
    `/relationships/${encodeURIComponent(relationshipId)}/print?version=${encodeURIComponent(version)}`,
};

export function parseRoute(pathname: string, search: string, hash: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/relationships') return { name: 'home' };
  if (pathname === '/sign-in') {
    const next = new URLSearchParams(search).get('next');
    // Only same-site paths: never bounce a user to another origin after sign-in.
    return { name: 'sign-in', next: next && next.startsWith('/') && !next.startsWith('//') ? next : null };
  }
  if (pathname === '/admin' || pathname === '/admin/') return { name: 'admin' };
  if (pathname === '/forgot-password') return { name: 'forgot' };
  if (pathname === '/account') return { name: 'account' };
  const link = /^\/(invite|reset)\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (link) return { name: link[1] as 'invite' | 'reset', token: link[2] };
  const setup = /^\/admin\/setup\/([^/]+)\/?$/.exec(pathname);
  if (setup) return { name: 'setup', relationshipId: decodeURIComponent(setup[1]) };
  const m = /^\/relationships\/([^/]+)\/?$/.exec(pathname);
  if (m) return { name: 'plan', relationshipId: decodeURIComponent(m[1]), section: hash ? hash.slice(1) : null };
  const print = /^\/relationships\/([^/]+)\/print\/?$/.exec(pathname);
  if (print)
    return {
      name: 'print',
      relationshipId: decodeURIComponent(print[1]),
      version: new URLSearchParams(search).get('version') || 'current',
    };
  return { name: 'not-found', path: pathname };
}

const listeners = new Set<() => void>();
let snapshot = currentLocation();

function currentLocation(): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

function emit() {
  const next = currentLocation();
  if (next === snapshot) return;
  snapshot = next;
  for (const l of listeners) l();
}

/** Screens with unsaved work, each saying what would be lost (`useLeaveGuard`). */
const guards = new Set<{ message: string }>();

/** True when leaving is fine: no unsaved work, or the person agreed to drop it. */
export function mayLeave(): boolean {
  const pending = [...guards][0];
  return !pending || window.confirm(pending.message);
}

function onPopState() {
  // Back/forward has already moved the address: put it back unless the person agrees to leave.
  if (currentLocation() !== snapshot && guards.size > 0 && !mayLeave()) {
    history.pushState(null, '', snapshot);
    return;
  }
  emit();
}

function onBeforeUnload(e: BeforeUnloadEvent) {
  if (guards.size === 0) return;
  e.preventDefault();
  // Older browsers show the prompt only when returnValue is set.
  e.returnValue = '';
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', onPopState);
  window.addEventListener('beforeunload', onBeforeUnload);
}

/**
 * While `message` is set, leaving the screen (a link, back, reload, closing the tab) asks first;
 * in-app navigation shows `message`, the browser shows its own words on reload or close.
 */
export function useLeaveGuard(message: string | null): void {
  useEffect(() => {
    if (!message) return;
    const guard = { message };
    guards.add(guard);
    return () => {
      guards.delete(guard);
    };
  }, [message]);
}

export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (!opts.force && to !== currentLocation() && !mayLeave()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  emit();
  if (!to.includes('#')) window.scrollTo({ top: 0 });
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function useRoute(): Route {
  useLocationKey();
  return parseRoute(location.pathname, location.search, location.hash);
}

/** The current path with query, for `next=` after sign-in. */
export function currentPath(): string {
  return `${location.pathname}${location.search}`;
}
