/**
 * Progress on an objective: adding an entry (members and admins; `by` is always the signed-in
 * person, `at` is now) and the history of entries as a chart and a list, where admins may delete
 * an entry.
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Skeleton, TextInput, Textarea, Tooltip, ActionIcon } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { addProgress, getProgressMap, type Objective, type ProgressEntry } from '../../../../shared/schema.ts';
import { canChangeProgress } from '../../../../shared/policy.ts';
import { formatMoment } from '../../lib/time.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { lazyPart, PartSuspense } from '../../lib/lazyPart.tsx';
import { usePlan } from '../PlanContext.tsx';
import { LIMITS, parseNumber } from './draft.ts';
import { formatDate, formatMeasureValue, sortedEntries } from './measure.ts';
import { removeProgressEntry } from './objectiveOps.ts';
import { useUndoableDelete } from '../useUndoableDelete.tsx';
import classes from './ObjectivesSection.module.css';

const ProgressChartPart = lazyPart(() => import('./ProgressChart.tsx').then((m) => m.ProgressChart));

export function AddProgressModal({
  objective,
  opened,
  onClose,
}: {
  objective: Objective;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Add progress: ${objective.title}`} centered>
      {opened ? <AddProgressForm objective={objective} onDone={onClose} /> : null}
    </Modal>
  );
}

function AddProgressForm({ objective, onDone }: { objective: Objective; onDone: () => void }) {
  const { doc, me } = usePlan();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ value?: string; note?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const unit = objective.measure.unit.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = parseNumber(value);
    const errs: typeof errors = {};
    if (n === null) errs.value = value.trim() ? 'Enter a number, like 88 or 6.5.' : 'Enter the value measured now.';
    if (note.length > LIMITS.note) errs.note = `Keep the note under ${LIMITS.note} characters.`;
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    if (!getProgressMap(doc).has(objective.id)) {
      setFailure('This objective was deleted while you were typing. Copy your note if you need it, then cancel.');
      return;
    }
    try {
      addProgress(doc, objective.id, {
        value: n!,
        at: new Date().toISOString(),
        by: me.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone();
    } catch (err) {
      setFailure(saveFailedMessage('entry', err));
    }
  };

  return (
    <DraftForm
      testId="progress-form"
      onSubmit={submit}
      failure={failure}
      onCancel={onDone}
      submitLabel="Add entry"
      submitTestId="progress-save"
    >
      <TextInput
        label={unit ? `Value now (${unit})` : 'Value now'}
        description={`Baseline ${formatMeasureValue(objective.measure.baseline, unit)}, target ${formatMeasureValue(objective.measure.target, unit)}`}
        required
        inputMode="decimal"
        value={value}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          setErrors((x) => ({ ...x, value: undefined }));
        }}
        error={errors.value}
        data-autofocus
      />
      <Textarea
        label="Note"
        description="Optional: where the number comes from, what changed."
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
    </DraftForm>
  );
}

export function ProgressHistoryModal({
  objective,
  entries,
  opened,
  onClose,
}: {
  objective: Objective;
  entries: ProgressEntry[];
  opened: boolean;
  onClose: () => void;
}) {
  const { doc, actor, people } = usePlan();
  const removeUndoably = useUndoableDelete();
  const canDelete = canChangeProgress(actor);
  const [confirming, setConfirming] = useState<string | null>(null);
  const sorted = sortedEntries(entries);
  const unit = objective.measure.unit;
  const data = sorted.map((e) => ({ when: formatDate(e.at.slice(0, 10)), value: e.value }));
  const key = (e: ProgressEntry) => `${e.at}|${e.by}|${e.value}`;
  return (
    <Modal opened={opened} onClose={onClose} title={`Progress: ${objective.title}`} size="lg" centered>
      {sorted.length >= 2 ? (
        <PartSuspense fallback={<Skeleton h={200} mb="md" radius="md" aria-label="Loading the chart" />}>
          <ProgressChartPart.Component objective={objective} data={data} />
        </PartSuspense>
      ) : null}
      {sorted.length === 1 ? (
        <p className={classes.muted} style={{ marginBottom: 12 }}>
          The chart appears from the second entry.
        </p>
      ) : null}
      {sorted.length === 0 ? (
        <p className={classes.muted}>
          No entries yet. Members and admins of this relationship add one with “Add progress”.
        </p>
      ) : (
        <ul className={classes.entries} aria-label="Progress entries, newest first">
          {[...sorted].reverse().map((e) => (
            <li key={key(e)} className={classes.entry}>
              <span className={classes.entryValue}>{formatMeasureValue(e.value, unit)}</span>
              <span className={classes.entryMeta}>
                {people.name(e.by)} · {formatMoment(e.at)}
                {e.note ? <span className={classes.entryNote}>{e.note}</span> : null}
              </span>
              {canDelete ? (
                confirming === key(e) ? (
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      color="red"
                      onClick={() => (
                        removeUndoably(
                          `the progress entry ${formatMeasureValue(e.value, unit)} of ${formatMoment(e.at)}`,
                          () => removeProgressEntry(doc, objective.id, e),
                        ),
                        setConfirming(null)
                      )}
                    >
                      Delete
                    </Button>
                    <Button size="compact-xs" variant="default" onClick={() => setConfirming(null)}>
                      Keep
                    </Button>
                  </Group>
                ) : (
                  <Tooltip label="Delete this entry" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Delete the entry ${formatMeasureValue(e.value, unit)} of ${formatMoment(e.at)}`}
                      onClick={() => setConfirming(key(e))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                )
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
