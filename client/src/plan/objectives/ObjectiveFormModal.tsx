/**
 * Create or edit an objective's definition (admins). The person's edits live here until Save,
 * field by field over the live objective (ui/liveDraft.ts): a field they have not touched shows
 * what others save meanwhile, a field both changed asks them to keep theirs or take the other
 * person's, and Save writes only the fields they changed, in one transaction. A failed save
 * keeps every character.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Modal, SegmentedControl, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import {
  addObjective,
  getObjectivesMap,
  updateObjective,
  type Measure,
  type ObjectiveData,
} from '../../../../shared/schema.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { FieldConflict } from '../../ui/FieldConflict.tsx';
import { useLiveDraft } from '../../ui/useLiveDraft.ts';
import { usePlan, usePlanPresence } from '../PlanContext.tsx';
import { useObjectives } from '../useDoc.ts';
import { useTeam } from '../projects/useTeam.ts';
import { lastWriterClient, presentWriter } from '../writers.ts';
import { draftOf, emptyDraft, LIMITS, validateDraft, type DraftErrors, type ObjectiveDraft } from './draft.ts';
import type { Objective } from '../../../../shared/schema.ts';
import type { TeamMember } from '../../api/types.ts';
import type { PersonRef } from '../people.ts';
import { measureSentence } from './measure.ts';

export interface ObjectiveFormModalProps {
  /** The objective to edit; null creates a new one. */
  objective: Objective | null;
  opened: boolean;
  onClose: () => void;
}

export function ObjectiveFormModal({ objective, opened, onClose }: ObjectiveFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={objective ? 'Edit objective' : 'New objective'} size="lg" centered>
      {/* Mounted only while open: each opening starts from the objective as it is now. */}
      {opened ? <ObjectiveForm objective={objective} onDone={onClose} /> : null}
    </Modal>
  );
}

type Field = keyof ObjectiveDraft;
const MEASURE_FIELDS = ['unit', 'baseline', 'target', 'direction'] as const satisfies readonly Field[];
const isMeasureField = (k: Field): k is (typeof MEASURE_FIELDS)[number] =>
  (MEASURE_FIELDS as readonly string[]).includes(k);
/** The objective's key in the document that holds a form field. */
const docKey = (k: Field): string => (isMeasureField(k) ? 'measure' : k);

const DELETED = 'Someone deleted this objective while you were editing it. Copy what you need, then cancel.';

/** Only the fields the person changed; the measure is one value in the document, so its untouched parts stay as they are live. */
function patchOf(
  changed: Field[],
  value: Pick<ObjectiveData, 'title' | 'description' | 'measure' | 'dueDate' | 'owner' | 'dataSource'>,
  liveMeasure: Measure,
): Partial<ObjectiveData> {
  const patch: Partial<ObjectiveData> = {};
  if (changed.includes('owner')) patch.owner = value.owner;
  if (changed.includes('dataSource')) patch.dataSource = value.dataSource;
  if (changed.includes('title')) patch.title = value.title;
  if (changed.includes('description')) patch.description = value.description;
  if (changed.includes('dueDate')) patch.dueDate = value.dueDate;
  const measure = changed.filter(isMeasureField);
  if (measure.length > 0) {
    const next: Measure = { ...liveMeasure };
    for (const k of measure) (next as unknown as Record<string, unknown>)[k] = value.measure[k];
    patch.measure = next;
  }
  return patch;
}

function shownValue(k: Field, v: string): string {
  if (k === 'direction') return v === 'decrease' ? 'Decrease' : 'Increase';
  if (k === 'dueDate' && !v) return 'no due date';
  if (k === 'owner' && !v) return 'nobody';
  if (!v) return 'nothing';
  return v;
}

function ObjectiveForm({ objective, onDone }: { objective: Objective | null; onDone: () => void }) {
  const { doc, rel, people } = usePlan();
  const { present } = usePlanPresence();
  const team = useTeam(rel.id);
  const live = useObjectives(doc).find((o) => o.id === objective?.id) ?? null;
  const gone = !!objective && !live;
  // Creating: the "live record" is the empty form. Deleted meanwhile: the last version seen.
  const lastSeen = useRef(objective);
  if (live) lastSeen.current = live;
  const base = live ?? lastSeen.current;
  const liveFields = useMemo<ObjectiveDraft>(() => (base ? draftOf(base) : emptyDraft()), [base]);
  const form = useLiveDraft<Field>(liveFields);
  const draft = form.values as ObjectiveDraft;
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set =
    <K extends Field>(k: K) =>
    (v: string) => {
      form.set(k, v);
      setErrors((e) => ({ ...e, [k]: undefined }));
    };
  const whoChanged = (k: Field): string => {
    const writer = presentWriter(
      present,
      lastWriterClient(objective ? getObjectivesMap(doc).get(objective.id) : null, docKey(k)),
    );
    return writer ? writer.user.name : 'Someone';
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validateDraft(draft);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    if (form.conflicts.length > 0) {
      setFailure('Someone changed a field you edited. Choose “Keep mine” or “Take theirs” for it, then save.');
      return;
    }
    try {
      if (objective) {
        if (!live || !getObjectivesMap(doc).has(objective.id)) {
          setFailure(DELETED);
          return;
        }
        // Locked while the form was open: the server would refuse the save, so say why instead.
        if (live.lock) {
          setFailure(
            `${people.name(live.lock.by)} locked this definition while you were editing. Copy what you need, then cancel.`,
          );
          return;
        }
        const patch = patchOf(form.changed(), r.value, live.measure);
        if (Object.keys(patch).length > 0) updateObjective(doc, objective.id, patch);
      } else {
        addObjective(doc, { ...r.value, catalogId: null });
      }
      onDone();
    } catch (err) {
      setFailure(saveFailedMessage('objective', err));
    }
  };

  const conflictOf = (k: Field) => {
    const c = form.conflicts.find((x) => x.field === k);
    if (!c) return null;
    return (
      <FieldConflict
        field={k}
        who={whoChanged(k)}
        theirs={shownValue(k, c.theirs)}
        onKeepMine={() => form.keepMine(k)}
        onTakeTheirs={() => form.takeTheirs(k)}
      />
    );
  };
  const preview = validateDraft(draft);
  return (
    <DraftForm
      testId="objective-form"
      onSubmit={submit}
      failure={failure ?? (gone ? DELETED : null)}
      onCancel={onDone}
      submitLabel={objective ? 'Save changes' : 'Add objective'}
      submitTestId="objective-save"
    >
      <TextInput
        label="Title"
        placeholder="On-time, in-full delivery"
        required
        value={draft.title}
        onChange={(e) => set('title')(e.currentTarget.value)}
        error={errors.title}
        maxLength={LIMITS.title + 50}
        data-autofocus
      />
      {conflictOf('title')}
      <Textarea
        label="Description"
        description="What this means for this relationship."
        autosize
        minRows={2}
        maxRows={6}
        value={draft.description}
        onChange={(e) => set('description')(e.currentTarget.value)}
        error={errors.description}
      />
      {conflictOf('description')}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <TextInput
          label="Unit"
          placeholder="%, days, €"
          value={draft.unit}
          onChange={(e) => set('unit')(e.currentTarget.value)}
          error={errors.unit}
        />
        <TextInput
          label="Baseline"
          required
          inputMode="decimal"
          value={draft.baseline}
          onChange={(e) => set('baseline')(e.currentTarget.value)}
          error={errors.baseline}
        />
        <TextInput
          label="Target"
          required
          inputMode="decimal"
          value={draft.target}
          onChange={(e) => set('target')(e.currentTarget.value)}
          error={errors.target}
        />
      </SimpleGrid>
      {conflictOf('unit')}
      {conflictOf('baseline')}
      {conflictOf('target')}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <div>
          <div
            id="objective-direction-label"
            style={{ fontSize: 'var(--ch-text-sm)', fontWeight: 500, marginBottom: 4 }}
          >
            Direction
          </div>
          <SegmentedControl
            fullWidth
            value={draft.direction}
            onChange={(v) => set('direction')(v === 'decrease' ? 'decrease' : 'increase')}
            data={[
              { value: 'increase', label: 'Increase' },
              { value: 'decrease', label: 'Decrease' },
            ]}
            aria-labelledby="objective-direction-label"
          />
        </div>
        <TextInput
          label="Due date"
          type="date"
          value={draft.dueDate}
          onChange={(e) => set('dueDate')(e.currentTarget.value)}
          error={errors.dueDate}
        />
      </SimpleGrid>
      {conflictOf('direction')}
      {conflictOf('dueDate')}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <Select
          label="Owner"
          description="Who answers for the measurement."
          placeholder="Nobody yet"
          clearable
          searchable
          data={ownerOptions(team, draft.owner, people)}
          value={draft.owner || null}
          onChange={(v) => set('owner')(v ?? '')}
          data-testid="objective-owner-select"
        />
        <TextInput
          label="Data source"
          description="Where the numbers come from."
          placeholder="ERP delivery report, monthly"
          value={draft.dataSource}
          onChange={(e) => set('dataSource')(e.currentTarget.value)}
          error={errors.dataSource}
          data-testid="objective-data-source-input"
        />
      </SimpleGrid>
      {conflictOf('owner')}
      {conflictOf('dataSource')}
      <p
        style={{
          margin: 0,
          color: 'var(--ch-text-muted)',
          fontSize: 'var(--ch-text-sm)',
          fontVariantNumeric: 'tabular-nums',
        }}
        aria-live="polite"
      >
        {preview.ok
          ? `Reads as: “${measureSentence(preview.value)}”`
          : 'Fill in the title, baseline and target to see the objective as a sentence.'}
      </p>
    </DraftForm>
  );
}

/** The relationship's participants, plus the current owner if they have left the team. */
function ownerOptions(
  team: readonly TeamMember[] | null,
  current: string,
  people: { get(id: string | null): PersonRef | null },
) {
  const list = (team ?? []).map((t) => ({ value: t.userId, label: `${t.name} · ${t.companyName}` }));
  const cur = people.get(current || null);
  if (current && !list.some((o) => o.value === current))
    list.unshift({ value: current, label: cur ? cur.name : 'A former participant' });
  return list;
}
