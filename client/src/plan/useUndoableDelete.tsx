/**
 * Deletes in the plan with an "Undo" for a few seconds (undoableDelete.ts): a notification names
 * what went and offers to bring it back, for everyone. The ways back belong to the open document,
 * not to the component that deleted (a deleted project's block unmounts at once): the plan body
 * calls `useUndoScope`, and leaving the plan (or a fresh copy of the document after a refused
 * change) drops them.
 */
import { useCallback, useEffect } from 'react';
import type * as Y from 'yjs';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getProgressMap, getProjectsMap } from '../../../shared/schema.ts';
import { usePlan } from './PlanContext.tsx';
import { deleteUndoably, type UndoableDelete } from './undoableDelete.ts';

/** Long enough to notice and reach the button; the notification pauses while hovered. */
export const UNDO_MS = 10_000;

let seq = 0;
const pendingByDoc = new WeakMap<Y.Doc, Map<string, UndoableDelete>>();

function pendingOf(doc: Y.Doc): Map<string, UndoableDelete> {
  let m = pendingByDoc.get(doc);
  if (!m) pendingByDoc.set(doc, (m = new Map()));
  return m;
}

/** For the plan body: its document's pending undos end with it. */
export function useUndoScope(doc: Y.Doc): void {
  useEffect(
    () => () => {
      const open = pendingOf(doc);
      for (const [id, handle] of open) {
        handle.dispose();
        notifications.hide(id);
      }
      open.clear();
    },
    [doc],
  );
}

/** Returns `remove(what, fn)`: runs `fn` as an undoable delete and offers the undo; `what` reads "the activity “Call Dan”". */
export function useUndoableDelete(): (what: string, fn: () => void) => void {
  const { doc } = usePlan();
  return useCallback(
    (what: string, fn: () => void) => {
      const handle = deleteUndoably(doc, [getProjectsMap(doc), getProgressMap(doc)], fn);
      if (!handle) return;
      const id = `undo-delete-${++seq}`;
      const pending = pendingOf(doc);
      pending.set(id, handle);
      const undo = () => {
        const restored = handle.undo();
        pending.delete(id);
        notifications.hide(id);
        if (!restored) {
          notifications.show({
            color: 'red',
            title: 'Nothing to restore',
            message: `${capitalise(what)} could not be brought back: what held it was removed meanwhile.`,
          });
        }
      };
      notifications.show({
        id,
        autoClose: UNDO_MS,
        withCloseButton: true,
        closeButtonProps: { 'aria-label': 'Dismiss' },
        onClose: () => {
          handle.dispose();
          pending.delete(id);
        },
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="undo-delete">
            <Text size="sm">{capitalise(what)} was deleted for everyone.</Text>
            <Button size="compact-sm" variant="default" onClick={undo} data-testid="undo-delete-button">
              Undo
            </Button>
          </Group>
        ),
      });
    },
    [doc],
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
