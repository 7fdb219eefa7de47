/**
 * The open plan's discussion: every comment as the document holds it (live, offline, merged like
 * the rest), the participants one can mention, and the panel's state (open, which thread, a new
 * thread being written). One per plan generation: a reset rebuilds it with the doc.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { addComment, getCommentsMap, readComments, type Comment, type CommentAnchor } from '../../../shared/schema.ts';
import type { TeamMember } from '../api/types.ts';
import { usePlan } from '../plan/PlanContext.tsx';

export type CommentFilter = 'open' | 'resolved' | 'mine' | 'mentions';

export interface Thread {
  first: Comment;
  replies: Comment[];
}

/** Text anchors with the thread they start, for the editors' markers. */
export interface CommentsSource {
  threads: () => Thread[];
  subscribe(listener: () => void): () => void;
  open: (threadId: string) => void;
  startThread: (anchor: CommentAnchor) => void;
}

export interface CommentsUi {
  threads: Thread[];
  team: readonly TeamMember[];
  opened: boolean;
  filter: CommentFilter;
  setFilter: (f: CommentFilter) => void;
  /** The thread shown highlighted in the panel and in the text. */
  active: string | null;
  /** A thread being started (its anchor), shown as a composer at the top of the panel. */
  draft: CommentAnchor | null;
  open: (threadId?: string) => void;
  close: () => void;
  startThread: (anchor: CommentAnchor) => void;
  cancelDraft: () => void;
  /** Writes the drafted thread's first comment; returns its id. */
  post: (body: string, mentions: string[]) => string | null;
  reply: (threadId: string, body: string, mentions: string[]) => void;
  source: CommentsSource;
}

const Ctx = createContext<CommentsUi | null>(null);

export function useComments(): CommentsUi {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useComments outside CommentsProvider');
  return ctx;
}

const SourceCtx = createContext<CommentsSource | null>(null);

/**
 * What editors need of comments, in a context of its own that never changes for a plan: the
 * sections render only for their own reasons, not when someone comments.
 */
export function useCommentsSource(): CommentsSource | null {
  return useContext(SourceCtx);
}

export function groupThreads(comments: readonly Comment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const c of comments) if (c.thread === null) threads.set(c.id, { first: c, replies: [] });
  for (const c of comments) if (c.thread !== null) threads.get(c.thread)?.replies.push(c);
  // Newest activity first.
  const last = (t: Thread) => (t.replies.length ? t.replies[t.replies.length - 1].createdAt : t.first.createdAt);
  return [...threads.values()].sort((a, b) => last(b).localeCompare(last(a)));
}

export function CommentsProvider({ team, children }: { team: readonly TeamMember[] | null; children: ReactNode }) {
  const { doc, me } = usePlan();
  const [threads, setThreads] = useState<Thread[]>(() => groupThreads(readComments(doc)));
  const [opened, setOpened] = useState(false);
  const [filter, setFilter] = useState<CommentFilter>('open');
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentAnchor | null>(null);
  const listeners = useRef(new Set<() => void>());
  const latest = useRef(threads);

  useEffect(() => {
    const map = getCommentsMap(doc);
    const update = () => {
      const next = groupThreads(readComments(doc));
      latest.current = next;
      setThreads(next);
      for (const l of [...listeners.current]) l();
    };
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);

  const open = useCallback((threadId?: string) => {
    setOpened(true);
    if (threadId) setActive(threadId);
  }, []);
  const startThread = useCallback((anchor: CommentAnchor) => {
    setDraft(anchor);
    setActive(null);
    setOpened(true);
  }, []);

  const source = useMemo<CommentsSource>(
    () => ({
      threads: () => latest.current,
      subscribe(listener) {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
      open,
      startThread,
    }),
    [open, startThread],
  );

  const value = useMemo<CommentsUi>(
    () => ({
      threads,
      team: team ?? [],
      opened,
      filter,
      setFilter,
      active,
      draft,
      open,
      close: () => setOpened(false),
      startThread,
      cancelDraft: () => setDraft(null),
      post(body, mentions) {
        if (!draft) return null;
        const id = addComment(doc, { author: me.id, body, mentions, anchor: draft });
        setDraft(null);
        setActive(id);
        return id;
      },
      reply(threadId, body, mentions) {
        addComment(doc, { author: me.id, body, mentions, thread: threadId });
      },
      source,
    }),
    [threads, team, opened, filter, active, draft, open, startThread, doc, me.id, source],
  );

  return (
    <SourceCtx.Provider value={source}>
      <Ctx.Provider value={value}>{children}</Ctx.Provider>
    </SourceCtx.Provider>
  );
}
