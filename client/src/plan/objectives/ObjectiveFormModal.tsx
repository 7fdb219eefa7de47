/**
 * Create or edit an objective's definition (admins). The draft lives here until Save, so a remote
 * edit never rewrites what the admin is typing, and a failed save keeps every character.
 */
import { useState, type FormEvent } from 'react';
import { Modal, SegmentedControl, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { addObjective, getObjectivesMap, updateObjective } from '../../../../shared/schema.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { usePlan } from '../PlanContext.tsx';
import { draftOf, emptyDraft, LIMITS, validateDraft, type DraftErrors, type ObjectiveDraft } from './draft.ts';
import type { Objective } from '../../../../shared/schema.ts';
import { measureSentence } from './measure.ts';

export interface ObjectiveFormModalProps {
  /** The objective to edit; null creates a new one. */
  objective: Objective | null;
  opened: boolean;
  onClose(): void;
}

export function ObjectiveFormModal({ objective, opened, onClose }: ObjectiveFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={objective ? 'Edit objective' : 'New objective'} size="lg" centered>
      {/* Mounted only while open: each opening starts from the objective as it is now. */}
      {opened ? <ObjectiveForm objective={objective} onDone={onClose} /> : null}
    </Modal>
  );
}

function ObjectiveForm({ objective, onDone }: { objective: Objective | null; onDone(): void }) {
  const { doc } = usePlan();
  const [draft, setDraft] = useState<ObjectiveDraft>(() => (objective ? draftOf(objective) : emptyDraft()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = <K extends keyof ObjectiveDraft>(k: K) => (v: ObjectiveDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = validateDraft(draft);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    try {
      if (objective) {
        if (!getObjectivesMap(doc).has(objective.id)) {
          setFailure('Someone deleted this objective while you were editing it. Copy what you need, then cancel.');
          return;
        }
        updateObjective(doc, objective.id, r.value);
      } else {
        addObjective(doc, { ...r.value, catalogId: null });
      }
      onDone();
    } catch (err) {
      setFailure(saveFailedMessage('objective', err));
    }
  };

  const preview = validateDraft(draft);
  return (
    <DraftForm testId="objective-form" onSubmit={submit} failure={failure} onCancel={onDone} submitLabel={objective ? 'Save changes' : 'Add objective'} submitTestId="objective-save">
      <TextInput label="Title" placeholder="On-time, in-full delivery" required value={draft.title} onChange={(e) => set('title')(e.currentTarget.value)} error={errors.title} maxLength={LIMITS.title + 50} data-autofocus />
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
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <TextInput label="Unit" placeholder="%, days, €" value={draft.unit} onChange={(e) => set('unit')(e.currentTarget.value)} error={errors.unit} />
        <TextInput label="Baseline" required inputMode="decimal" value={draft.baseline} onChange={(e) => set('baseline')(e.currentTarget.value)} error={errors.baseline} />
        <TextInput label="Target" required inputMode="decimal" value={draft.target} onChange={(e) => set('target')(e.currentTarget.value)} error={errors.target} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <div>
          <div id="objective-direction-label" style={{ fontSize: 'var(--ch-text-sm)', fontWeight: 500, marginBottom: 4 }}>
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
        <TextInput label="Due date" type="date" value={draft.dueDate} onChange={(e) => set('dueDate')(e.currentTarget.value)} error={errors.dueDate} />
      </SimpleGrid>
      <p style={{ margin: 0, color: 'var(--ch-text-muted)', fontSize: 'var(--ch-text-sm)', fontVariantNumeric: 'tabular-nums' }} aria-live="polite">
        {preview.ok ? `Reads as: “${measureSentence(preview.value)}”` : 'Fill in the title, baseline and target to see the objective as a sentence.'}
      </p>
    </DraftForm>
  );
}
