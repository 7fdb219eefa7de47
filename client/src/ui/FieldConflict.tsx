/**
 * Shown under a form field that someone else changed while the person was editing it: what they
 * changed it to, and the two ways out. Announced politely; never takes focus.
 */
import { Button, Group, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import classes from './FieldConflict.module.css';

export interface FieldConflictProps {
  /** "Cara Jensen", or "Someone". */
  who: string;
  /** Their value, as the person would read it. */
  theirs: string;
  field: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

const MAX_SHOWN = 160;
const clip = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s);

export function FieldConflict({ who, theirs, field, onKeepMine, onTakeTheirs }: FieldConflictProps) {
  return (
    <div className={classes.conflict} role="status" aria-live="polite" data-testid={`conflict-${field}`}>
      <IconArrowsDiff size={16} aria-hidden className={classes.icon} />
      <div className={classes.body}>
        <Text size="sm">
          {who} changed this to “{clip(theirs)}” while you were editing.
        </Text>
        <Group gap="xs" mt={6}>
          <Button size="compact-xs" variant="default" onClick={onKeepMine} data-testid={`conflict-${field}-keep`}>
            Keep mine
          </Button>
          <Button size="compact-xs" variant="default" onClick={onTakeTheirs} data-testid={`conflict-${field}-take`}>
            Take theirs
          </Button>
        </Group>
      </div>
    </div>
  );
}
