/**
 * The plan's comments: a drawer from the right (a full-screen sheet on phones) with the threads,
 * filtered (open, resolved, mine, mentions), each with its replies, a reply box, and the actions
 * the rules allow this person (edit and delete their own, admins delete any, resolve and reopen).
 * A thread on text that was deleted stays listed, "on deleted text". Starting a thread on a
 * plan item (objective, project, activity) is done from here; on text, from the editor.
 */
import { useMemo, useState } from 'react';
import { Button, Drawer, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  deleteComment,
  editComment,
  readObjectives,
  readProjects,
  setResolved,
  type Comment,
  type CommentAnchor,
} from '../../../shared/schema.ts';
import { canDeleteComment, canEditComment, canResolve } from '../../../shared/policy.ts';
import { formatMoment } from '../lib/time.ts';
import { usePlan } from '../plan/PlanContext.tsx';
import { sectionDomId } from '../plan/sections.ts';
import { describeAnchor } from './anchors.ts';
import { useComments, type CommentFilter, type Thread } from './CommentsContext.tsx';
import { MentionTextarea, mentionedIn } from './MentionTextarea.tsx';
import classes from './Comments.module.css';

const FILTERS: Array<{ value: CommentFilter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'mine', label: 'Mine' },
  { value: 'mentions', label: 'Mentions' },
];

export function matchesFilter(t: Thread, filter: CommentFilter, me: string): boolean {
  const all = [t.first, ...t.replies];
  switch (filter) {
    case 'open':
      return !t.first.resolved;
    case 'resolved':
      return !!t.first.resolved;
    case 'mine':
      return all.some((c) => c.author === me);
    case 'mentions':
      return all.some((c) => c.mentions.includes(me));
  }
}

/** Scrolls to a thread's text (or item) and flashes its marker. */
export function revealThread(thread: Comment, section: string | null): void {
  const mark = document.querySelector<HTMLElement>(`.ch-comment-mark[data-thread="${CSS.escape(thread.id)}"]`);
  const target = mark ?? (section ? document.getElementById(sectionDomId(section)) : null);
  target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  document.querySelectorAll('.ch-comment-active').forEach((el) => el.classList.remove('ch-comment-active'));
  document
    .querySelectorAll(`.ch-comment-mark[data-thread="${CSS.escape(thread.id)}"]`)
    .forEach((el) => el.classList.add('ch-comment-active'));
}

function Composer({
  label,
  submitLabel,
  onPost,
  onCancel,
  autoFocus,
  initial = '',
  initialMentions = [],
  testId,
}: {
  label: string;
  submitLabel: string;
  onPost: (body: string, mentions: string[]) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
  initial?: string;
  initialMentions?: string[];
  testId: string;
}) {
  const { team } = useComments();
  const [text, setText] = useState(initial);
  const [mentions, setMentions] = useState<string[]>(initialMentions);
  const body = text.trim();
  const post = () => {
    if (!body) return;
    onPost(body, mentionedIn(body, mentions, team));
    setText('');
    setMentions([]);
  };
  return (
    <Stack gap={6}>
      <MentionTextarea
        value={text}
        onChange={setText}
        mentions={mentions}
        onMentionsChange={setMentions}
        team={team}
        onSubmit={post}
        label={label}
        placeholder="Write a comment; @ mentions someone"
        autoFocus={autoFocus}
        testId={testId}
      />
      <Group gap="xs" justify="flex-end">
        {onCancel ? (
          <Button variant="subtle" size="xs" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button size="xs" onClick={post} disabled={!body} data-testid={`${testId}-post`}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}

function CommentView({ c }: { c: Comment }) {
  const { doc, actor, people } = usePlan();
  const [editing, setEditing] = useState(false);
  const author = people.get(c.author);
  if (editing)
    return (
      <div className={classes.comment}>
        <Composer
          label="Edit your comment"
          submitLabel="Save"
          initial={c.body}
          initialMentions={c.mentions}
          autoFocus
          onPost={(body, mentions) => {
            editComment(doc, c.id, body, mentions);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
          testId={`comment-edit-${c.id}`}
        />
      </div>
    );
  return (
    <div className={classes.comment} data-testid={`comment-${c.id}`}>
      <div className={classes.meta}>
        <span className={classes.dot} style={{ background: author?.color ?? 'gray' }} aria-hidden />
        <span className={classes.author}>{people.name(c.author)}</span>
        {author?.companyName ? <span>{author.companyName}</span> : null}
        <span>· {formatMoment(c.createdAt)}</span>
        {c.editedAt ? <span>(edited)</span> : null}
      </div>
      <p className={classes.body}>{c.body}</p>
      <Group gap={4}>
        {canEditComment(actor, c) ? (
          <Button variant="subtle" size="compact-xs" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : null}
        {canDeleteComment(actor, c) ? (
          <Button
            variant="subtle"
            color="red"
            size="compact-xs"
            onClick={() => deleteComment(doc, c.id)}
            aria-label={`Delete the comment by ${people.name(c.author)}`}
          >
            Delete
          </Button>
        ) : null}
      </Group>
    </div>
  );
}

function ThreadView({ t }: { t: Thread }) {
  const { doc, actor, me } = usePlan();
  const ui = useComments();
  const where = describeAnchor(doc, t.first.anchor);
  const active = ui.active === t.first.id;
  return (
    <article
      className={classes.thread}
      data-active={active || undefined}
      data-testid={`thread-${t.first.id}`}
      aria-label={`Thread on ${where.label}`}
    >
      <button type="button" className={classes.anchor} onClick={() => revealThread(t.first, where.section)}>
        {where.label}
        {where.quote ? (
          <>
            {': '}
            <span className={classes.quote}>“{where.quote}”</span>
          </>
        ) : null}
        {where.gone ? <strong> · on deleted text</strong> : null}
      </button>
      <CommentView c={t.first} />
      {t.replies.map((r) => (
        <CommentView key={r.id} c={r} />
      ))}
      {t.first.resolved ? (
        <Text size="xs" c="dimmed" mt={6}>
          Resolved {formatMoment(t.first.resolved.at)}
        </Text>
      ) : null}
      <Stack gap={6} mt={8}>
        {!t.first.resolved ? (
          <Composer
            label="Reply"
            submitLabel="Reply"
            onPost={(body, mentions) => ui.reply(t.first.id, body, mentions)}
            testId={`reply-${t.first.id}`}
          />
        ) : null}
        {canResolve(actor, t.first) ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              size="compact-xs"
              onClick={() => setResolved(doc, t.first.id, t.first.resolved ? null : me.id)}
              data-testid={`resolve-${t.first.id}`}
            >
              {t.first.resolved ? 'Reopen' : 'Resolve'}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </article>
  );
}

function NewItemThread() {
  const { doc } = usePlan();
  const ui = useComments();
  const options = useMemo(() => {
    const out: Array<{ value: string; label: string }> = [];
    for (const o of readObjectives(doc))
      out.push({ value: JSON.stringify({ kind: 'objective', id: o.id }), label: `Objective: ${o.title}` });
    for (const p of readProjects(doc)) {
      out.push({ value: JSON.stringify({ kind: 'project', id: p.id }), label: `Project: ${p.name}` });
      for (const a of p.activities)
        out.push({
          value: JSON.stringify({ kind: 'activity', projectId: p.id, id: a.id }),
          label: `Activity: ${a.title}`,
        });
    }
    return out;
    // Read when the panel renders: items change rarely and the list is only a starting point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, ui.threads]);
  return (
    <Select
      size="xs"
      placeholder="Comment on an objective, project or activity…"
      aria-label="Start a thread on an objective, project or activity"
      data={options}
      searchable
      value={null}
      onChange={(v) => v && ui.startThread(JSON.parse(v) as CommentAnchor)}
    />
  );
}

export function CommentsPanel() {
  const ui = useComments();
  const { me, doc } = usePlan();
  const phone = useMediaQuery('(max-width: 640px)') ?? false;
  const shown = ui.threads.filter((t) => t.first.id === ui.active || matchesFilter(t, ui.filter, me.id));
  const draft = ui.draft ? describeAnchor(doc, ui.draft) : null;
  return (
    <Drawer
      opened={ui.opened}
      onClose={ui.close}
      position="right"
      size={phone ? '100%' : 440}
      title="Comments"
      data-testid="comments-panel"
      closeButtonProps={{ 'aria-label': 'Close comments' }}
    >
      <Stack gap="sm">
        <SegmentedControl
          size="xs"
          fullWidth
          data={FILTERS}
          value={ui.filter}
          onChange={(v) => ui.setFilter(v)}
          aria-label="Show threads"
        />
        <NewItemThread />
        {ui.draft && draft ? (
          <div className={classes.thread} data-testid="comment-draft">
            <Text size="xs" c="dimmed">
              New thread on {draft.label}
              {draft.quote ? <span className={classes.quote}>: “{draft.quote}”</span> : null}
            </Text>
            <Composer
              label="New comment"
              submitLabel="Comment"
              autoFocus
              onPost={(body, mentions) => ui.post(body, mentions)}
              onCancel={ui.cancelDraft}
              testId="comment-new"
            />
          </div>
        ) : null}
        {shown.length === 0 && !ui.draft ? (
          <Text size="sm" c="dimmed">
            No threads here yet. Select text in the plan and press “Comment”, or pick an item above.
          </Text>
        ) : null}
        {shown.map((t) => (
          <ThreadView key={t.first.id} t={t} />
        ))}
      </Stack>
    </Drawer>
  );
}
