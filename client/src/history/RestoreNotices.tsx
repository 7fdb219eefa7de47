/**
 * Tells everyone in the plan when someone restores it, or some sections of it: "Ada Lovelace
 * restored Vision from “Workshop 1”", with a way to open that version. A restore changes the
 * plan under people's eyes; nobody should have to guess why. The notice stays until dismissed.
 * The person who restored already reads the outcome in the history panel.
 */
import { useEffect } from 'react';
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { formatWhen } from '../../../shared/markdown.ts';
import { restoredSectionsPhrase } from '../../../shared/planDiff.ts';
import { PlanEvent, type RestoredEventData } from '../../../shared/planEvents.ts';
import { usePlan } from '../plan/PlanContext.tsx';
import { useHistoryUi } from './HistoryContext.tsx';

function isRestored(d: unknown): d is RestoredEventData {
  const x = d as RestoredEventData;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.versionId === 'string' &&
    !!x.from &&
    typeof x.from.versionId === 'string' &&
    !!x.by &&
    typeof x.by.name === 'string'
  );
}

/** "Ada Lovelace restored Vision from “Workshop 1”". */
export function restoreNoticeText(d: RestoredEventData): string {
  const from = d.from.name ? `“${d.from.name}”` : `the version of ${formatWhen(d.from.at, true)}`;
  return `${d.by.name} restored ${restoredSectionsPhrase(d.sections)} from ${from}`;
}

export function RestoreNotices() {
  const { me, rel } = usePlan();
  const ui = useHistoryUi();
  const { events, open } = ui;
  useEffect(() => {
    // Notices belong to this plan: leaving it takes them away.
    const shown = new Set<string>();
    const unsubscribe = events.subscribe(PlanEvent.Restored, (data) => {
      if (!isRestored(data) || data.relationshipId !== rel.id || data.by.id === me.id) return;
      const id = `restored-${data.versionId}`;
      shown.add(id);
      notifications.show({
        id,
        autoClose: false,
        withCloseButton: true,
        closeButtonProps: { 'aria-label': 'Dismiss' },
        icon: <IconArrowBackUp size={18} />,
        title: 'The plan was restored',
        message: (
          <div data-testid="restore-notice">
            <Text size="sm">{restoreNoticeText(data)}.</Text>
            <Button
              variant="subtle"
              size="compact-sm"
              px={0}
              mt={4}
              onClick={() => {
                notifications.hide(id);
                open({ kind: 'version', id: data.from.versionId });
              }}
              data-testid="restore-notice-open"
            >
              See {data.from.name ? `“${data.from.name}”` : 'that version'}
            </Button>
          </div>
        ),
      });
    });
    return () => {
      unsubscribe();
      for (const id of shown) notifications.hide(id);
    };
  }, [events, open, me.id, rel.id]);
  return null;
}
