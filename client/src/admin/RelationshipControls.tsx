/**
 * Rename and archive a relationship (the owner's Company Admins). Archiving asks first: the plan
 * becomes read-only for both companies at once (still readable and exportable) until unarchived.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconPencil } from '@tabler/icons-react';
import type { Relationship } from '../api/types.ts';
import { updateRelationship } from '../api/accounts.ts';
import { ApiError } from '../api/http.ts';

export function RelationshipControls({ rel, onChanged }: { rel: Relationship; onChanged: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(rel.name);
  const [archiving, setArchiving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (change: { name?: string; archived?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await updateRelationship(rel.id, change);
      setRenaming(false);
      setArchiving(false);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      ) : null}
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save({ name: name.trim() });
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Relationship name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              autoFocus
              style={{ flex: 1 }}
              error={!name.trim() ? 'Enter a name.' : null}
            />
            <Button type="submit" loading={busy}>
              Save
            </Button>
            <Button variant="default" onClick={() => (setRenaming(false), setName(rel.name))}>
              Cancel
            </Button>
          </Group>
        </form>
      ) : (
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            leftSection={<IconPencil size={14} />}
            onClick={() => setRenaming(true)}
            data-testid={`rename-${rel.id}`}
          >
            Rename
          </Button>
          {rel.status === 'active' || !rel.status ? (
            rel.archived ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconArchiveOff size={14} />}
                loading={busy}
                onClick={() => save({ archived: false })}
              >
                Unarchive
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconArchive size={14} />}
                onClick={() => setArchiving(true)}
                data-testid={`archive-${rel.id}`}
              >
                Archive
              </Button>
            )
          ) : null}
        </Group>
      )}
      <Modal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={`Archive “${rel.name}”?`}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          <Text size="sm">
            The plan becomes read-only for both companies at once. Everyone can still read and export it; you can
            unarchive it later.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setArchiving(false)}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => save({ archived: true })} data-testid="archive-confirm">
              Archive
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
