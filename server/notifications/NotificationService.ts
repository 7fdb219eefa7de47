/**
 * Turns the plan's discussion into inbox entries. It watches the `comments` root of every loaded
 * document and records, for each change a connection made:
 * - a new comment: a `mention` for every participant it mentions, and a `reply` for everyone
 *   else who wrote in that thread before (the thread's author included);
 * - a comment edited to mention someone it did not mention before: a `mention` for them;
 * - a thread resolved: `resolved` for the person who started it.
 * Nobody is notified of their own doing, and one comment notifies a person once.
 *
 * What must stay true: only changes that came from a connection count (the server's own writes,
 * loading and migrating a document are not news); recipients are the relationship's participants
 * as the accounts layer says at that moment, so a mention of an outsider records nothing; a
 * failure here is logged and never reaches the sync pipeline.
 */
import * as Y from 'yjs';
import { getCommentsMap, readComment, readComments, type Comment } from '../../shared/schema.ts';
import { Connection } from '../sync/connection.ts';
import type { NewNotification, NotificationKind, NotificationPage, NotificationStore } from './NotificationStore.ts';

export const EXCERPT_LENGTH = 140;

export interface NotificationServiceOptions {
  store: NotificationStore;
  docs: { onDocLoaded(listener: (docId: string, doc: Y.Doc) => void): () => void };
  /** User ids of the relationship's participants now. */
  participants(relationshipId: string): Promise<ReadonlySet<string>>;
  /** Tells a person's open clients their new unread counts. */
  push(userId: string, unread: Record<string, number>): void;
  /**
   * The relationships the person can open now. Notifications from any other (they left it, or
   * were removed) stay stored but are neither listed nor counted: their excerpts quote a plan
   * the person may no longer read. Absent: every relationship counts (tests without accounts).
   */
  visibleTo?(userId: string): Promise<ReadonlySet<string>>;
  log: { error(obj: object, msg: string): void };
}

interface Pending {
  kind: NotificationKind;
  userId: string;
  comment: Comment;
  threadId: string;
}

export class NotificationService {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: NotificationServiceOptions) {
    this.unsubscribe = opts.docs.onDocLoaded((docId, doc) => this.watch(docId, doc));
  }

  get store(): NotificationStore {
    return this.opts.store;
  }

  private watch(relationshipId: string, doc: Y.Doc): void {
    const comments = getCommentsMap(doc);
    comments.observeDeep((events, txn) => {
      if (!(txn.origin instanceof Connection)) return;
      const by = { id: txn.origin.ctx.user.id, name: txn.origin.ctx.user.name };
      const pending: Pending[] = [];
      for (const event of events) {
        if (event.target === comments) {
          for (const [key, change] of event.changes.keys) {
            if (change.action === 'add') pending.push(...this.forNewComment(doc, key, by.id));
          }
        } else if (event.target instanceof Y.Map && event.target.parent === comments) {
          const key = event.target._item?.parentSub;
          if (!key) continue;
          if (event.changes.keys.has('resolved')) pending.push(...this.forResolve(key, event.target, by.id));
          const mentions = event.changes.keys.get('mentions');
          if (mentions && mentions.action === 'update')
            pending.push(...this.forNewMentions(key, event.target, mentions.oldValue, by.id));
        }
      }
      if (pending.length) this.track(this.record(relationshipId, by, pending));
    });
  }

  private forNewComment(doc: Y.Doc, commentId: string, byId: string): Pending[] {
    const m = getCommentsMap(doc).get(commentId);
    const comment = m instanceof Y.Map ? readComment(commentId, m) : null;
    if (!comment || comment.author !== byId) return [];
    const threadId = comment.thread ?? comment.id;
    const out: Pending[] = [];
    const told = new Set([byId]);
    for (const userId of comment.mentions) {
      if (told.has(userId)) continue;
      told.add(userId);
      out.push({ kind: 'mention', userId, comment, threadId });
    }
    if (comment.thread) {
      const earlier = readComments(doc).filter(
        (c) => c.id !== comment.id && (c.id === comment.thread || c.thread === comment.thread),
      );
      for (const c of earlier) {
        if (told.has(c.author)) continue;
        told.add(c.author);
        out.push({ kind: 'reply', userId: c.author, comment, threadId });
      }
    }
    return out;
  }

  private forNewMentions(commentId: string, m: Y.Map<unknown>, before: unknown, byId: string): Pending[] {
    const comment = readComment(commentId, m);
    if (!comment || comment.author !== byId) return [];
    const old = new Set(Array.isArray(before) ? before : []);
    return comment.mentions
      .filter((userId) => userId !== byId && !old.has(userId))
      .map((userId) => ({ kind: 'mention' as const, userId, comment, threadId: comment.thread ?? comment.id }));
  }

  private forResolve(threadId: string, m: Y.Map<unknown>, byId: string): Pending[] {
    const thread = readComment(threadId, m);
    if (!thread || thread.thread !== null || !thread.resolved || thread.resolved.by !== byId) return [];
    if (thread.author === byId) return [];
    return [{ kind: 'resolved', userId: thread.author, comment: thread, threadId }];
  }

  private async record(relationshipId: string, by: { id: string; name: string }, pending: Pending[]): Promise<void> {
    const participants = await this.opts.participants(relationshipId);
    const at = new Date().toISOString();
    const told = new Set<string>();
    for (const p of pending) {
      if (!participants.has(p.userId)) continue;
      const n: NewNotification = {
        userId: p.userId,
        relationshipId,
        kind: p.kind,
        commentId: p.comment.id,
        threadId: p.threadId,
        by,
        excerpt: p.comment.body.slice(0, EXCERPT_LENGTH),
        at,
      };
      await this.opts.store.add(n);
      told.add(p.userId);
    }
    for (const userId of told) this.pushCounts(userId, await this.unread(userId));
  }

  /** A page of the person's notifications from relationships they can open now, newest first. */
  async list(userId: string, opts: { limit?: number; before?: string } = {}): Promise<NotificationPage> {
    const page = await this.opts.store.list(userId, opts);
    if (!this.opts.visibleTo) return page;
    const open = await this.opts.visibleTo(userId);
    // A page may come back shorter than asked; `next` still resumes after everything read.
    return { items: page.items.filter((n) => open.has(n.relationshipId)), next: page.next };
  }

  /** Unread counts by relationship, for relationships the person can open now. */
  async unread(userId: string): Promise<Record<string, number>> {
    const all = await this.opts.store.unread(userId);
    if (!this.opts.visibleTo) return all;
    const open = await this.opts.visibleTo(userId);
    return Object.fromEntries(Object.entries(all).filter(([relationshipId]) => open.has(relationshipId)));
  }

  /** Tells the person's open clients their unread counts (after a change to them). */
  pushCounts(userId: string, unread: Record<string, number>): void {
    try {
      this.opts.push(userId, unread);
    } catch (err) {
      this.opts.log.error({ err }, 'pushing unread counts failed');
    }
  }

  private track(p: Promise<void>): void {
    const tracked = p
      .catch((err) => this.opts.log.error({ err }, 'recording notifications failed'))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Resolves once every notification started so far is stored and pushed. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.settled();
  }
}
