/**
 * The plan's event stream (GET /api/relationships/:id/events, Server-Sent Events): the server
 * says when a signature or a version changed, and whoever shows them refetches. A signature
 * changes no Y.Doc, so this is how the other party sees it at once.
 *
 * The stream is a convenience on top of refetching, never the only way news arrives (the
 * agreement keeps a slow poll), so its troubles stay quiet: nothing on screen says it is down.
 * What must stay true:
 * - a request goes out only while the plan's own socket is up (the session and the server are
 *   known good): offline, or after a session ended, a request could only fail, and the browser
 *   would log it. So we reconnect ourselves instead of letting EventSource retry blindly;
 * - after a reconnect every subscriber refetches once, because events sent while the stream was
 *   down are lost;
 * - a hidden tab lets its stream go after a while: browsers allow a handful of HTTP/1.1
 *   connections per server, and a tab nobody looks at should not hold one.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { PlanEvent } from '../../../shared/planEvents.ts';
import { serverReachable } from './useAgreement.ts';

export type PlanTopic =
  typeof PlanEvent.Agreement | typeof PlanEvent.Versions | typeof PlanEvent.Restored | typeof PlanEvent.Notifications;

export interface PlanEvents {
  /**
   * Calls `listener` on every event of `topic` with its payload, and after the stream reopens
   * without one (events may have been missed: refetch); returns the unsubscribe.
   */
  subscribe: (topic: PlanTopic, listener: (data?: unknown) => void) => () => void;
}

/** After the stream dropped while the plan's socket stayed up, try again after this (doubling). */
export const STREAM_RETRY_MS = 5_000;
export const STREAM_RETRY_MAX_MS = 60_000;
/** A tab hidden this long closes its stream; showing it again reopens it and catches up. */
export const HIDDEN_RELEASE_MS = 30_000;

const TOPICS: readonly PlanTopic[] = [
  PlanEvent.Agreement,
  PlanEvent.Versions,
  PlanEvent.Restored,
  PlanEvent.Notifications,
];

export const planEventsUrl = (relationshipId: string) =>
  `/api/relationships/${encodeURIComponent(relationshipId)}/events`;

export function usePlanEvents(relationshipId: string, provider: WebsocketProvider): PlanEvents {
  const listeners = useRef(new Map<PlanTopic, Set<(data?: unknown) => void>>());

  const events = useMemo<PlanEvents>(
    () => ({
      subscribe(topic, listener) {
        const set = listeners.current.get(topic) ?? new Set();
        listeners.current.set(topic, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
    [],
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
    let retryMs = STREAM_RETRY_MS;
    /** Once a stream has been open, the next one opening means events may have been missed. */
    let everOpen = false;

    const emit = (topic: PlanTopic, data?: unknown) => {
      for (const listener of [...(listeners.current.get(topic) ?? [])]) listener(data);
    };
    const parse = (e: Event): unknown => {
      try {
        return JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return undefined;
      }
    };
    const clearTimer = (t: ReturnType<typeof setTimeout> | null) => t !== null && clearTimeout(t);
    const stop = () => {
      source?.close();
      source = null;
    };
    const connect = () => {
      clearTimer(retryTimer);
      retryTimer = null;
      if (source || document.visibilityState !== 'visible' || !serverReachable(provider)) return;
      const es = new EventSource(planEventsUrl(relationshipId));
      source = es;
      es.onopen = () => {
        retryMs = STREAM_RETRY_MS;
        if (everOpen) TOPICS.forEach((t) => emit(t));
        everOpen = true;
      };
      for (const topic of TOPICS) es.addEventListener(topic, (e) => emit(topic, parse(e)));
      // The server ended the stream on purpose (restart, session ended, removed from the team):
      // the plan's socket closes for the same reason, and its return is when to try again.
      es.addEventListener(PlanEvent.End, stop);
      es.onerror = () => {
        if (source !== es) return;
        stop();
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, STREAM_RETRY_MAX_MS);
      };
    };

    const onStatus = ({ status }: { status: string }) => (status === 'connected' ? connect() : stop());
    const onVisibility = () => {
      clearTimer(hiddenTimer);
      hiddenTimer = null;
      if (document.visibilityState === 'visible') connect();
      else hiddenTimer = setTimeout(stop, HIDDEN_RELEASE_MS);
    };
    provider.on('status', onStatus);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('offline', stop);
    connect();
    return () => {
      provider.off('status', onStatus);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('offline', stop);
      clearTimer(retryTimer);
      clearTimer(hiddenTimer);
      stop();
    };
  }, [relationshipId, provider]);

  return events;
}
