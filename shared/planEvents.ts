/**
 * The plan event stream (`GET /api/relationships/:id/events`, docs/api.md): the names of its
 * Server-Sent Events and their payloads, declared once for the server that writes them and the
 * web client that listens.
 *
 * What must stay true: payloads carry ids, never documents; a client refetches what it shows, so
 * an event only has to say *what kind of thing* changed. A missed event is harmless for the same
 * reason: a client that (re)connects refetches everything once.
 */
export const PlanEvent = {
  /** A signature was recorded or replaced (the pending or agreed version may have moved). */
  Agreement: 'agreement',
  /** A version was captured: automatic, named, restore, or the plan's creation. */
  Versions: 'versions',
  /** Someone restored the plan, or some sections of it, from a version: everyone is told. */
  Restored: 'restored',
  /** The person's unread notifications changed (sent to that person's streams only, whichever plan). */
  Notifications: 'notifications',
  /** The server is ending this stream on purpose; the payload says why (`StreamEndReason`). */
  End: 'end',
} as const;

export type PlanEventName = (typeof PlanEvent)[keyof typeof PlanEvent];

export interface AgreementEventData {
  relationshipId: string;
  /** The version the signature is on. */
  versionId: string;
  /** The party whose signature changed. */
  companyId: string;
}

export interface VersionsEventData {
  relationshipId: string;
  /** The new version. */
  versionId: string;
  kind: 'auto' | 'named' | 'restore';
}

/**
 * A restore, as the notice every person in the plan sees ("Ada restored Vision from “Workshop
 * 1”"). Names travel with the ids so the notice needs no second request; the version itself is
 * fetched only if the person opens it.
 */
export interface RestoredEventData {
  relationshipId: string;
  /** The `restore` version recording the result. */
  versionId: string;
  /** The version whose content came back, and how it is called. */
  from: { versionId: string; name: string | null; at: string };
  /** The sections restored; null: the whole plan. */
  sections: string[] | null;
  by: { id: string; name: string };
}

/** The listener's own unread notifications, by relationship, and their total. */
export interface NotificationsEventData {
  unread: number;
  byRelationship: Record<string, number>;
}

/**
 * Why the server ended a stream. `shutdown`: reconnect once the server is back; `session_ended`
 * (logout, expiry, user removed) and `removed` (no longer a participant): reconnecting would only
 * be refused, so a client waits for its plan's sync socket to come back before trying again.
 */
export type StreamEndReason = 'shutdown' | 'session_ended' | 'removed';

export interface EndEventData {
  reason: StreamEndReason;
}
