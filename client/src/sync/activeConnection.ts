/**
 * The plan connection currently open on screen, so the app shell's top bar can always show the
 * connection state (DESIGN: always visible, never a modal) without owning the connection.
 */
import { useSyncExternalStore } from 'react';
import type { PlanConnection, ConnectionSnapshot } from './PlanConnection.ts';

let active: PlanConnection | null = null;
const listeners = new Set<() => void>();
let unsubscribeActive: (() => void) | null = null;

function notify() {
  for (const l of listeners) l();
}

export function publishActiveConnection(conn: PlanConnection): () => void {
  unsubscribeActive?.();
  active = conn;
  unsubscribeActive = conn.subscribe(notify);
  notify();
  return () => {
    if (active !== conn) return;
    unsubscribeActive?.();
    unsubscribeActive = null;
    active = null;
    notify();
  };
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The open plan's snapshot, or null when no plan is open. */
export function useActiveConnectionSnapshot(): ConnectionSnapshot | null {
  return useSyncExternalStore(subscribe, () => (active ? active.getSnapshot() : null));
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}
