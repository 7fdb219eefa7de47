/**
 * The frame of a form whose draft lives in its modal until Save (objective, progress entry,
 * project): the fields, a failed save as an alert above them and Cancel / submit at the foot.
 * The caller keeps the draft and the field errors, so a refused or failed save never loses a
 * character; `failure` is announced (role="alert") and the browser's own validation is off
 * (noValidate) so the caller's messages are the ones read out.
 */
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

export interface DraftFormProps {
  /** data-testid of the form. */
  testId: string;
  onSubmit: (e: FormEvent) => void;
  /** Why the last save did not happen; null shows nothing. */
  failure: string | null;
  onCancel: () => void;
  submitLabel: string;
  /** data-testid of the submit button. */
  submitTestId: string;
  children: ReactNode;
}

export function DraftForm({
  testId,
  onSubmit,
  failure,
  onCancel,
  submitLabel,
  submitTestId,
  children,
}: DraftFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate data-testid={testId}>
      <Stack gap="md">
        {failure ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {failure}
          </Alert>
        ) : null}
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" data-testid={submitTestId}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What a draft form says when writing to the plan threw: `what` names the thing ("objective"). */
export function saveFailedMessage(what: string, err: unknown): string {
  return `The ${what} could not be saved: ${(err as Error).message}. What you typed is still here.`;
}
