/** The inbox in memory, for tests (rules in NotificationStore.ts). */
import {
  notificationIds,
  pageSize,
  type NewNotification,
  type Notification,
  type NotificationPage,
  type NotificationStore,
} from './NotificationStore.ts';

export class MemoryNotificationStore implements NotificationStore {
  private readonly byUser = new Map<string, Notification[]>();
  private readonly nextId = notificationIds();

  add(n: NewNotification): Promise<Notification> {
    const stored: Notification = { ...n, id: this.nextId(), read: false };
    const list = this.byUser.get(n.userId) ?? [];
    list.push(stored);
    this.byUser.set(n.userId, list);
    return Promise.resolve({ ...stored });
  }

  list(userId: string, opts: { limit?: number; before?: string } = {}): Promise<NotificationPage> {
    const limit = pageSize(opts.limit);
    const older = [...(this.byUser.get(userId) ?? [])]
      .reverse()
      .filter((n) => opts.before === undefined || n.id < opts.before);
    const items = older.slice(0, limit).map((n) => ({ ...n }));
    return Promise.resolve({ items, next: older.length > limit ? items[items.length - 1].id : null });
  }

  markRead(userId: string, which: { ids: readonly string[] } | 'all'): Promise<number> {
    const ids = which === 'all' ? null : new Set(which.ids);
    let n = 0;
    for (const item of this.byUser.get(userId) ?? []) {
      if (item.read || (ids && !ids.has(item.id))) continue;
      item.read = true;
      n += 1;
    }
    return Promise.resolve(n);
  }

  unread(userId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const n of this.byUser.get(userId) ?? [])
      if (!n.read) out[n.relationshipId] = (out[n.relationshipId] ?? 0) + 1;
    return Promise.resolve(out);
  }
}
