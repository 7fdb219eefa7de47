/**
 * A rich-text section (vision, principles, behaviours): its editor, the lock badge ("Locked by
 * Ada Lovelace today 14:05"), and for admins the lock/unlock action. Members see a locked section
 * read-only; viewers see every section read-only, with who and why.
 */
import { Badge, Button, Tooltip } from '@mantine/core';
import { IconEye, IconLock, IconLockOpen } from '@tabler/icons-react';
import {
  clearLock,
  getRichText,
  setLock,
  type LockInfo,
  type RichTextSection as Section,
} from '../../../shared/schema.ts';
import { RichTextEditor } from '../editor/RichTextEditor.tsx';
import { formatMoment } from '../lib/time.ts';
import { usePlan } from './PlanContext.tsx';
import { canEditMeta, canEditRichText } from './permissions.ts';
import { ReadOnlyNote, SectionCard } from './SectionCard.tsx';
import type { SectionDef } from './sections.ts';
import { useLocks } from './useDoc.ts';
import { useCommentsSource } from '../comments/CommentsContext.tsx';
import { useMemo } from 'react';

const PLACEHOLDERS: Record<Section, string> = {
  vision: 'Describe where this partnership is going, in a few sentences both companies can sign.',
  principles: 'List the principles both sides agree to work by.',
  behaviours: 'List the behaviours each side commits to, so you can hold each other to them.',
};

export function RichTextSection({ def, section, hero }: { def: SectionDef; section: Section; hero?: boolean }) {
  const { doc, provider, me, self, actor, people } = usePlan();
  const locks = useLocks(doc);
  const lock = locks[section];
  const editable = canEditRichText(actor, section, locks);
  const isAdmin = canEditMeta(actor);
  const lockText = lock ? lockLabel(lock, people.name(lock.by, 'an admin')) : null;
  const source = useCommentsSource();
  const comments = useMemo(() => (source ? { section, source } : null), [source, section]);

  const badges = (
    <>
      {lockText ? (
        <Badge
          variant="light"
          color="ink"
          radius="sm"
          size="lg"
          leftSection={<IconLock size={13} />}
          tt="none"
          fw={500}
          data-testid={`lock-badge-${section}`}
        >
          {lockText}
        </Badge>
      ) : null}
      {actor.role === 'viewer' ? (
        <Badge variant="light" color="ink" radius="sm" size="lg" leftSection={<IconEye size={13} />} tt="none" fw={500}>
          View only
        </Badge>
      ) : null}
    </>
  );

  const actions = isAdmin ? (
    <Tooltip label={lock ? 'Let members edit this section again' : 'Stop members from editing this section'} withArrow>
      <Button
        variant="default"
        size="xs"
        leftSection={lock ? <IconLockOpen size={15} /> : <IconLock size={15} />}
        onClick={() => (lock ? clearLock(doc, section) : setLock(doc, section, me.id))}
        data-testid={`lock-toggle-${section}`}
        aria-label={lock ? `Unlock ${def.label}` : `Lock ${def.label}`}
      >
        {lock ? 'Unlock' : 'Lock'}
      </Button>
    </Tooltip>
  ) : null;

  // Viewers get one explanation for the whole plan (LivePlan); here only the lock needs words.
  let note: string | null = null;
  if (actor.role !== 'viewer' && !editable && lock)
    note = `${people.name(lock.by, 'An admin')} locked this section. Only admins can change it until it is unlocked.`;

  return (
    <SectionCard def={def} hero={hero} badges={badges} actions={actions}>
      {note ? (
        <ReadOnlyNote icon={<IconLock size={16} />} testId={`readonly-note-${section}`}>
          {note}
        </ReadOnlyNote>
      ) : null}
      <RichTextEditor
        fragment={getRichText(doc, section)}
        provider={provider}
        user={self}
        editable={editable}
        label={def.label}
        placeholder={PLACEHOLDERS[section]}
        variant={hero ? 'hero' : 'standard'}
        testId={`editor-${section}`}
        comments={comments}
      />
    </SectionCard>
  );
}

function lockLabel(lock: LockInfo, name: string): string {
  const when = formatMoment(lock.at);
  return `Locked by ${name}${when ? ` ${when}` : ''}`;
}
