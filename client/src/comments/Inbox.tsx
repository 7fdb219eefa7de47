/**
 * The header's inbox: an unread badge kept live by the plan event stream (`notifications`), and
 * a popover listing the person's notifications, newest first. Opening one marks it read and
 * jumps to its thread: in this plan, the comments panel on that thread and the highlighted
 * phrase; in another plan, that plan.
 */
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Button, Indicator, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import type { NotificationsEventData } from '../../../shared/planEvents.ts';
import { PlanEvent } from '../../../shared/planEvents.ts';
import { api } from '../api/http.ts';
import { useHistoryUi } from '../history/HistoryContext.tsx';
import { formatMoment } from '../lib/time.ts';
import { navigate, paths } from '../lib/router.tsx';
import { usePlan } from '../plan/PlanContext.tsx';
import { useComments } from './CommentsContext.tsx';
import { revealThread } from './CommentsPanel.tsx';
import { describeAnchor } from './anchors.ts';

interface InboxItem {
  id: string;
  relationshipId: string;
  kind: 'mention' | 'reply' | 'resolved';
  commentId: string;
  threadId: string;
  by: { id: string; name: string };
  excerpt: string;
  at: string;
  read: boolean;
}
interface InboxPage extends NotificationsEventData {
  items: InboxItem[];
  next: string | null;
}

const WHAT: Record<InboxItem['kind'], string> = {
  mention: 'mentioned you',
  reply: 'replied in a thread you are in',
  resolved: 'resolved your thread',
};

export function InboxButton() {
  const { rel, doc } = usePlan();
  const { events } = useHistoryUi();
  const comments = useComments();
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [opened, setOpened] = useState(false);

  const load = useCallback(async () => {
    try {
      const page = await api<InboxPage>('/api/notifications?limit=20');
      setItems(page.items);
      setUnread(page.unread);
    } catch {
      // The badge is a convenience: a failed read leaves it as it was.
    }
  }, []);

  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    const unsubscribe = events.subscribe(PlanEvent.Notifications, (data) => {
      const d = data as NotificationsEventData | undefined;
      if (d && typeof d.unread === 'number') setUnread(d.unread);
      void load();
    });
    return () => {
      clearTimeout(first);
      unsubscribe();
    };
  }, [events, load]);

  const openItem = async (n: InboxItem) => {
    setOpened(false);
    if (!n.read) {
      try {
        const r = await api<NotificationsEventData>('/api/notifications/read', {
          method: 'POST',
          body: { ids: [n.id] },
        });
        setUnread(r.unread);
        setItems((list) => list?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      } catch {
        /* still jump to the thread */
      }
    }
    if (n.relationshipId !== rel.id) {
      navigate(paths.plan(n.relationshipId));
      return;
    }
    comments.open(n.threadId);
    const thread = comments.threads.find((t) => t.first.id === n.threadId)?.first;
    if (thread) revealThread(thread, describeAnchor(doc, thread.anchor).section);
  };

  const markAll = async () => {
    const r = await api<NotificationsEventData>('/api/notifications/read', { method: 'POST', body: { all: true } });
    setUnread(r.unread);
    setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" trapFocus>
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={unread === 0} offset={4} data-testid="inbox-count">
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox'}
            data-testid="inbox-button"
            data-unread={unread}
          >
            <IconBell size={18} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} data-testid="inbox">
          <Text fw={600} size="sm">
            Inbox
          </Text>
          {!items?.length ? (
            <Text size="sm" c="dimmed">
              Nothing yet. You hear here when someone mentions you, replies to you or resolves your thread.
            </Text>
          ) : (
            items.map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => void openItem(n)}
                data-testid={`inbox-item-${n.kind}`}
                style={{ padding: 6, borderRadius: 6, fontWeight: n.read ? 400 : 600 }}
              >
                <Text size="sm">
                  {n.by.name} {WHAT[n.kind]}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {n.excerpt} · {formatMoment(n.at)}
                </Text>
              </UnstyledButton>
            ))
          )}
          {unread > 0 ? (
            <Button variant="subtle" size="compact-xs" onClick={() => void markAll()}>
              Mark all read
            </Button>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export function CommentsButton() {
  const ui = useComments();
  const open = ui.threads.filter((t) => !t.first.resolved).length;
  return (
    <Button variant="default" size="sm" onClick={() => ui.open()} data-testid="comments-button">
      Comments{open ? ` (${open})` : ''}
    </Button>
  );
}
