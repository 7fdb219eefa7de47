/**
 * The inbox in PostgreSQL (rules in server/notifications/NotificationStore.ts): one row per
 * notification keyed by (user, id), the record as jsonb and `read` as its own column so the
 * unread count is an index scan over the partial index on unread rows.
 */
import type pg from 'pg';
import {
  notificationIds,
  pageSize,
  type NewNotification,
  type Notification,
  type NotificationPage,
  type NotificationStore,
} from '../../notifications/NotificationStore.ts';

/** Writes one notification as it is (its id included): the store's adds and migrate-storage. */
export async function insertNotification(pool: pg.Pool, n: Notification): Promise<void> {
  const { id, read, ...record } = n;
  await pool.query(
    'INSERT INTO notifications (user_id, id, relationship_id, read, record) VALUES ($1, $2, $3, $4, $5)',
    [n.userId, id, n.relationshipId, read, JSON.stringify(record)],
  );
}

export class PgNotificationStore implements NotificationStore {
  private readonly nextId = notificationIds();

  constructor(private readonly pool: pg.Pool) {}

  async add(n: NewNotification): Promise<Notification> {
    const stored: Notification = { ...n, id: this.nextId(), read: false };
    await insertNotification(this.pool, stored);
    return stored;
  }

  async list(userId: string, opts: { limit?: number; before?: string } = {}): Promise<NotificationPage> {
    const limit = pageSize(opts.limit);
    // One more than a page says whether an older page exists.
    const { rows } = await this.pool.query<{ id: string; read: boolean; record: Omit<Notification, 'id' | 'read'> }>(
      `SELECT id, read, record FROM notifications
       WHERE user_id = $1 AND ($2::text IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3`,
      [userId, typeof opts.before === 'string' ? opts.before : null, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => ({ ...r.record, id: r.id, read: r.read }));
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  async markRead(userId: string, which: { ids: readonly string[] } | 'all'): Promise<number> {
    if (which !== 'all') {
      const ids = [...new Set(which.ids)].filter((id) => typeof id === 'string');
      if (ids.length === 0) return 0;
      const res = await this.pool.query(
        'UPDATE notifications SET read = true WHERE user_id = $1 AND id = ANY($2::text[]) AND NOT read',
        [userId, ids],
      );
      return res.rowCount ?? 0;
    }
    const res = await this.pool.query('UPDATE notifications SET read = true WHERE user_id = $1 AND NOT read', [userId]);
    return res.rowCount ?? 0;
  }

  async unread(userId: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ relationship_id: string; n: string }>(
      `SELECT relationship_id, count(*) AS n FROM notifications
       WHERE user_id = $1 AND NOT read GROUP BY relationship_id`,
      [userId],
    );
    return Object.fromEntries(rows.map((r) => [r.relationship_id, Number(r.n)]));
  }
}
