/**
 * The inbox in the app's LevelDB (rules in NotificationStore.ts): one sublevel, keys
 * `<userId>!<id>` so a user's notifications are one contiguous range, ids in the order they were
 * added, read newest first by iterating that range backwards.
 */
import type { Level } from 'level';
import {
  notificationIds,
  pageSize,
  type NewNotification,
  type Notification,
  type NotificationPage,
  type NotificationStore,
} from './NotificationStore.ts';

/** User ids never contain it; it separates the user from the notification id in a key. */
const SEP = '!';

export class LevelNotificationStore implements NotificationStore {
  private readonly db;
  private readonly nextId = notificationIds();

  constructor(db: Level<string, unknown>) {
    this.db = db.sublevel<string, Notification>('notifications', { keyEncoding: 'utf8', valueEncoding: 'json' });
  }

  private range(userId: string) {
    return { gt: `${userId}${SEP}`, lt: `${userId}${SEP}\uffff` };
  }

  async add(n: NewNotification): Promise<Notification> {
    const stored: Notification = { ...n, id: this.nextId(), read: false };
    await this.db.put(`${n.userId}${SEP}${stored.id}`, stored);
    return stored;
  }

  async list(userId: string, opts: { limit?: number; before?: string } = {}): Promise<NotificationPage> {
    const limit = pageSize(opts.limit);
    const range = this.range(userId);
    if (opts.before !== undefined) range.lt = `${userId}${SEP}${opts.before}`;
    // One more than a page says whether an older page exists.
    const rows = await this.db.values({ ...range, reverse: true, limit: limit + 1 }).all();
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  async markRead(userId: string, which: { ids: readonly string[] } | 'all'): Promise<number> {
    const changed: Notification[] = [];
    if (which === 'all') {
      for await (const n of this.db.values(this.range(userId))) if (!n.read) changed.push({ ...n, read: true });
    } else {
      const keys = [...new Set(which.ids)].filter((id) => typeof id === 'string' && !id.includes(SEP));
      const found = await this.db.getMany(keys.map((id) => `${userId}${SEP}${id}`));
      for (const n of found) if (n && !n.read && n.userId === userId) changed.push({ ...n, read: true });
    }
    if (changed.length)
      await this.db.batch(changed.map((n) => ({ type: 'put', key: `${userId}${SEP}${n.id}`, value: n })));
    return changed.length;
  }

  async unread(userId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for await (const n of this.db.values(this.range(userId))) {
      if (!n.read) out[n.relationshipId] = (out[n.relationshipId] ?? 0) + 1;
    }
    return out;
  }
}
