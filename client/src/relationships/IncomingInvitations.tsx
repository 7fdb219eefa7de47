/**
 * Pending relationship invitations to the signed-in Company Admin's company, on the home page:
 * accept (both companies then see the relationship) or decline (with a confirmation).
 */
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { acceptRelationship, declineRelationship, incomingInvitations } from '../api/accounts.ts';
import { ApiError } from '../api/http.ts';
import { useAsync } from '../lib/useAsync.ts';
import classes from './RelationshipsPage.module.css';

export function IncomingInvitations({ onAccepted }: { onAccepted: () => void }) {
  const incoming = useAsync((signal) => incomingInvitations(signal), 'incoming');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDecline, setConfirmDecline] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (incoming.status !== 'ok' || incoming.data.length === 0) return null;

  const act = async (key: string, fn: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await fn();
      incoming.reload();
      onAccepted();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
      setConfirmDecline(null);
    }
  };

  return (
    <section
      aria-labelledby="incoming-title"
      style={{ marginBottom: 'var(--ch-space-5)' }}
      data-testid="incoming-invitations"
    >
      <h2 id="incoming-title" className={classes.factLabel} style={{ margin: '0 0 var(--ch-space-2)' }}>
        Invitations to your company
      </h2>
      {error ? (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {error}
        </Alert>
      ) : null}
      <Stack gap="sm">
        {incoming.data.map((inv) => (
          <Alert
            key={inv.relationshipId}
            color="blue"
            variant="light"
            icon={<IconMailOpened size={18} />}
            title={inv.name}
            data-testid={`incoming-${inv.relationshipId}`}
          >
            <Text size="sm" mb="xs">
              {inv.invitedBy ? `${inv.invitedBy} of ${inv.ownerCompany.name}` : inv.ownerCompany.name} invites your
              company to plan this relationship together. {inv.ownerCompany.name} owns it.
            </Text>
            {confirmDecline === inv.relationshipId ? (
              <Group gap="xs">
                <Text size="sm">
                  Decline “{inv.name}”? {inv.ownerCompany.name} will see it was declined.
                </Text>
                <Button
                  size="xs"
                  color="red"
                  loading={busy === `d-${inv.relationshipId}`}
                  onClick={() => act(`d-${inv.relationshipId}`, () => declineRelationship(inv.relationshipId))}
                >
                  Decline
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirmDecline(null)}>
                  Keep it
                </Button>
              </Group>
            ) : (
              <Group gap="xs">
                <Button
                  size="xs"
                  loading={busy === `a-${inv.relationshipId}`}
                  onClick={() => act(`a-${inv.relationshipId}`, () => acceptRelationship(inv.relationshipId))}
                  data-testid={`accept-${inv.relationshipId}`}
                >
                  Accept
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirmDecline(inv.relationshipId)}>
                  Decline…
                </Button>
              </Group>
            )}
          </Alert>
        ))}
      </Stack>
    </section>
  );
}
