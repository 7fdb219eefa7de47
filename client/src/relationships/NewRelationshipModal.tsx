/**
 * "New relationship" (Company Admins): name it and invite the partner company's admin by e-mail.
 * The answer is the same whether or not the partner is on Charter; the link is shown to copy.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { startRelationship } from '../api/accounts.ts';
import { ApiError } from '../api/http.ts';
import { useMe } from '../auth/session.tsx';
import { ShareLink } from '../admin/PeopleAdmin.tsx';

export function NewRelationshipModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const me = useMe();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ link: string; expiresAt: string; emailed: boolean } | null>(null);

  const close = () => {
    onClose();
    setName('');
    setEmail('');
    setTouched(false);
    setError(null);
    setDone(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!name.trim() || !email.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await startRelationship(name.trim(), email.trim());
      setDone(created.invitation);
      onCreated();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New relationship"
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {done ? (
        <Stack gap="md">
          <ShareLink title={`${email.trim()} is invited`} link={done} testId="relationship-link" />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate data-testid="new-relationship-form">
          <Stack gap="md">
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput
              label="Name"
              description="Both companies see it, e.g. “Acme Retail × Globex Supply”."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={touched && !name.trim() ? 'Name the relationship.' : null}
              data-autofocus
              data-testid="new-relationship-name"
            />
            <TextInput
              label="Partner admin’s e-mail"
              description={`${me.companyName} owns the relationship. If the partner company is not on Charter yet, they create it from the invitation.`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={touched && !email.trim() ? 'Enter the partner admin’s e-mail address.' : null}
              data-testid="new-relationship-email"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} data-testid="new-relationship-submit">
                Invite the partner
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
