/**
 * The inbox: what the server records for a person when the plan's discussion concerns them. This
 * file is the whole contract a backend implements (LevelDB and memory here; PostgreSQL later).
 *
 * Rules every implementation keeps:
 * - a notification belongs to one user; `list`, `markRead` and `unread` only ever see that
 *   user's, so an id of someone else's notification reads as unknown;
 * - `list` is newest first (by the order `add` was called in), in pages of at most `MAX_PAGE`,
 *   and `next` resumes exactly after the last item returned (nothing skipped or repeated while
 *   new ones arrive in front);
 * - `add` stores what it is given and assigns `id` and `read: false`; ids sort as adds happened;
 * - `markRead` of unknown or already read ids changes nothing and is not an error.
 */

export type NotificationKind = 'mention' | 'reply' | 'resolved';

export interface Notification {
  id: string;
  userId: string;
  relationshipId: string;
  kind: NotificationKind;
  /** The comment that caused it (for `resolved`: the thread's first comment). */
  commentId: string;
  threadId: string;
  by: { id: string; name: string };
  /** The start of the comment's text, as it was then. */
  excerpt: string;
  at: string;
  read: boolean;
}

export type NewNotification = Omit<Notification, 'id' | 'read'>;

export interface NotificationPage {
  items: Notification[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next: string | null;
}

export const MAX_PAGE = 100;

export interface NotificationStore {
  add(n: NewNotification): Promise<Notification>;
  list(userId: string, opts?: { limit?: number; before?: string }): Promise<NotificationPage>;
  /** Marks these of the user's notifications read, or all of them; returns how many changed. */
  markRead(userId: string, which: { ids: readonly string[] } | 'all'): Promise<number>;
  /** Unread notifications of the user, by relationship. */
  unread(userId: string): Promise<Record<string, number>>;
}

/** Ids that sort in the order they were made, within this process and across restarts. */
export function notificationIds(now: () => number = Date.now): () => string {
  let last = 0;
  let seq = 0;
  return () => {
    const t = now();
    if (t > last) {
      last = t;
      seq = 0;
    } else seq += 1;
    return `${String(last).padStart(15, '0')}-${String(seq).padStart(6, '0')}`;
  };
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 20;
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(limit)));
}
