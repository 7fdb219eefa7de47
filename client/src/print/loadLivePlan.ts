/**
 * The live plan, read once for printing: a throwaway Y.Doc synced over the sync endpoint, turned
 * into a snapshot (shared/planSnapshot.ts), then disconnected. It announces no presence (the
 * awareness state is cleared before connecting), keeps no browser copy and writes nothing.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { snapshotPlan, type PlanSnapshot } from '../../../shared/planSnapshot.ts';
import { defineRoots } from '../../../shared/schema.ts';
import { ApiError } from '../api/http.ts';
import { syncServerUrl } from '../sync/PlanConnection.ts';

/** Longest wait for the first sync before the page shows an error with a retry. */
export const LIVE_PLAN_TIMEOUT_MS = 30_000;

export function loadLivePlan(relationshipId: string, signal: AbortSignal): Promise<PlanSnapshot> {
  return new Promise((resolve, reject) => {
    const doc = new Y.Doc();
    defineRoots(doc);
    const provider = new WebsocketProvider(syncServerUrl(), relationshipId, doc, { connect: false, disableBc: true });
    provider.awareness.setLocalState(null);
    let finished = false;
    const finish = (fn: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      provider.destroy();
      doc.destroy();
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ApiError(0, 'network', 'The live plan could not be reached. Check your connection and try again.'),
          ),
        ),
      LIVE_PLAN_TIMEOUT_MS,
    );
    const onAbort = () => finish(() => reject(new DOMException('Aborted', 'AbortError')));
    signal.addEventListener('abort', onAbort);
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        const snapshot = snapshotPlan(doc);
        finish(() => resolve(snapshot));
      }
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      // Application close codes (session ended, permission) will not get better by retrying.
      if (event && event.code >= 4000)
        finish(() =>
          reject(
            new ApiError(event.code === 4401 ? 401 : 403, 'sync_closed', 'The plan could not be opened for printing.'),
          ),
        );
    });
    provider.connect();
  });
}
