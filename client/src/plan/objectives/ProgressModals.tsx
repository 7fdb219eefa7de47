/**
 * Progress on an objective: adding an entry (members and admins; `by` is always the signed-in
 * person, `at` is now, the "as of" day defaults to today and may be earlier) and the history of
 * entries as a chart and a list, where admins may correct or delete an entry.
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Skeleton, TextInput, Textarea, Tooltip, ActionIcon } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import {
  addProgress,
  getProgressMap,
  replaceProgress,
  type Objective,
  type ProgressEntry,
} from '../../../../shared/schema.ts';
import { parseMeasureValue } from '../../../../shared/measureValue.ts';
import { entryDay } from '../../../../shared/progress.ts';
import { canChangeProgress } from '../../../../shared/policy.ts';
import { formatMoment } from '../../lib/time.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { lazyPart, PartSuspense } from '../../lib/lazyPart.tsx';
import { usePlan } from '../PlanContext.tsx';
import { LIMITS, isIsoDate } from './draft.ts';
import { formatDate, formatMeasureValue, sortedEntries } from './measure.ts';
import { removeProgressEntry } from './objectiveOps.ts';
import { useUndoableDelete } from '../useUndoableDelete.tsx';
import classes from './ObjectivesSection.module.css';

/** Today on the person's own calendar, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Why an "as of" day cannot be used, or null. */
function asOfError(day: string): string | null {
  if (!isIsoDate(day)) return 'Pick the day the value was measured.';
  if (day > localToday()) return 'The day cannot be in the future.';
  return null;
}

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
  const [asOf, setAsOf] = useState(localToday);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ value?: string; note?: string; asOf?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const unit = objective.measure.unit.trim();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMeasureValue(value, objective.measure.unit);
    const errs: typeof errors = {};
    if (!parsed.ok) errs.value = parsed.error;
    const dayError = asOfError(asOf);
    if (dayError) errs.asOf = dayError;
    if (note.length > LIMITS.note) errs.note = `Keep the note under ${LIMITS.note} characters.`;
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    if (!getProgressMap(doc).has(objective.id)) {
      setFailure('This objective was deleted while you were typing. Copy your note if you need it, then cancel.');
      return;
    }
    try {
      addProgress(doc, objective.id, {
        value: (parsed as { value: number }).value,
        at: new Date().toISOString(),
        by: me.id,
        asOf,
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
        label={unit ? `Value (${unit})` : 'Value'}
        description={`As typed, e.g. “${formatMeasureValue(objective.measure.target, unit)}”. Baseline ${formatMeasureValue(objective.measure.baseline, unit)}, target ${formatMeasureValue(objective.measure.target, unit)}`}
        required
        value={value}
        onChange={(e) => {
          setValue(e.currentTarget.value);
          setErrors((x) => ({ ...x, value: undefined }));
        }}
        error={errors.value}
        data-testid="progress-value"
        data-autofocus
      />
      <TextInput
        type="date"
        label="As of"
        description="The day the value was measured: today or earlier."
        required
        max={localToday()}
        value={asOf}
        onChange={(e) => {
          setAsOf(e.currentTarget.value);
          setErrors((x) => ({ ...x, asOf: undefined }));
        }}
        error={errors.asOf}
        data-testid="progress-as-of"
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
  const [correcting, setCorrecting] = useState<string | null>(null);
  const sorted = sortedEntries(entries);
  const unit = objective.measure.unit;
  const data = sorted.map((e) => ({ day: entryDay(e), value: e.value }));
  const key = (e: ProgressEntry) => `${e.at}|${e.by}|${e.value}|${e.asOf ?? ''}`;
  return (
    <Modal opened={opened} onClose={onClose} title={`Progress: ${objective.title}`} size="lg" centered>
      {sorted.length >= 1 ? (
        <PartSuspense fallback={<Skeleton h={200} mb="md" radius="md" aria-label="Loading the chart" />}>
          <ProgressChartPart.Component objective={objective} data={data} />
        </PartSuspense>
      ) : null}
      {sorted.length === 0 ? (
        <p className={classes.muted}>
          No entries yet. Members and admins of this relationship add one with “Add progress”.
        </p>
      ) : (
        <ul className={classes.entries} aria-label="Progress entries, newest first">
          {[...sorted].reverse().map((e) => (
            <li key={key(e)} className={classes.entry} data-testid="progress-entry">
              <span className={classes.entryValue}>{formatMeasureValue(e.value, unit)}</span>
              <span className={classes.entryMeta}>
                as of {formatDate(entryDay(e))} · {people.name(e.by)} · recorded {formatMoment(e.at)}
                {e.note ? <span className={classes.entryNote}>{e.note}</span> : null}
                {correcting === key(e) ? (
                  <CorrectEntryForm
                    objective={objective}
                    entry={e}
                    onDone={() => setCorrecting(null)}
                    onSave={(fixed) => {
                      const i = entries.indexOf(e);
                      if (i < 0) return false;
                      replaceProgress(doc, objective.id, i, fixed);
                      return true;
                    }}
                  />
                ) : null}
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
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label="Correct this entry" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Correct the entry ${formatMeasureValue(e.value, unit)} as of ${formatDate(entryDay(e))}`}
                        onClick={() => setCorrecting(key(e))}
                        data-testid="progress-correct"
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
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
                  </Group>
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

/** An admin's correction of one entry: its value and its day; who recorded it and when stay. */
function CorrectEntryForm({
  objective,
  entry,
  onSave,
  onDone,
}: {
  objective: Objective;
  entry: ProgressEntry;
  onSave: (fixed: ProgressEntry) => boolean;
  onDone: () => void;
}) {
  const unit = objective.measure.unit;
  const [value, setValue] = useState(formatMeasureValue(entry.value, unit));
  const [asOf, setAsOf] = useState(entryDay(entry));
  const [errors, setErrors] = useState<{ value?: string; asOf?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const parsed = parseMeasureValue(value, unit);
    const errs: typeof errors = {};
    if (!parsed.ok) errs.value = parsed.error;
    const dayError = asOfError(asOf);
    if (dayError) errs.asOf = dayError;
    setErrors(errs);
    if (!parsed.ok || dayError) return;
    try {
      if (!onSave({ ...entry, value: parsed.value, asOf })) {
        setFailure('This entry was changed or deleted meanwhile. Close and look again.');
        return;
      }
      onDone();
    } catch (err) {
      setFailure(saveFailedMessage('entry', err));
    }
  };
  return (
    <DraftForm
      testId="progress-correct-form"
      onSubmit={submit}
      failure={failure}
      onCancel={onDone}
      submitLabel="Save correction"
      submitTestId="progress-correct-save"
    >
      <TextInput
        label={unit ? `Value (${unit})` : 'Value'}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        error={errors.value}
        data-testid="progress-correct-value"
      />
      <TextInput
        type="date"
        label="As of"
        max={localToday()}
        value={asOf}
        onChange={(e) => setAsOf(e.currentTarget.value)}
        error={errors.asOf}
        data-testid="progress-correct-as-of"
      />
    </DraftForm>
  );
}
