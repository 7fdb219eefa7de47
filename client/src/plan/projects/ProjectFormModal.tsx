/**
 * Create a project (members and admins; `createdBy` is always the signed-in person), or edit a
 * project's name and description. The draft stays here until saved, so nothing typed is lost to
 * a remote edit or a failed save. Editing works field by field over the live project
 * (ui/liveDraft.ts): an untouched field follows what others save, a field both changed asks
 * which to keep, and Save writes only the fields the person changed.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Modal, MultiSelect, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import {
  PROJECT_STATUSES,
  addProject,
  getProjectsMap,
  updateProject,
  type Objective,
  type Project,
  type ProjectStatus,
} from '../../../../shared/schema.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { FieldConflict } from '../../ui/FieldConflict.tsx';
import { useLiveDraft } from '../../ui/useLiveDraft.ts';
import { usePlan, usePlanPresence } from '../PlanContext.tsx';
import { useProjects } from '../useDoc.ts';
import { lastWriterClient, presentWriter } from '../writers.ts';
import type { PersonRef } from '../people.ts';
import { PROJECT_STATUS_LABEL } from './labels.ts';

const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

export interface ProjectFormModalProps {
  /** Null creates a project. */
  project: Project | null;
  opened: boolean;
  onClose: () => void;
  onCreated?: (id: string) => void;
  objectives: Objective[];
  assignees: PersonRef[];
}

export function ProjectFormModal(props: ProjectFormModalProps) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.project ? 'Edit project' : 'New project'}
      size="lg"
      centered
    >
      {props.opened ? <ProjectForm {...props} /> : null}
    </Modal>
  );
}

type Field = 'name' | 'description';
const DELETED = 'This project was deleted while you were editing it. Copy what you need, then cancel.';

function ProjectForm({ project, onClose, onCreated, objectives, assignees }: ProjectFormModalProps) {
  const { doc, me } = usePlan();
  const { present } = usePlanPresence();
  const live = useProjects(doc).find((p) => p.id === project?.id) ?? null;
  const gone = !!project && !live;
  const lastSeen = useRef(project);
  if (live) lastSeen.current = live;
  const base = live ?? lastSeen.current;
  const liveFields = useMemo(
    () => ({ name: base?.name ?? '', description: base?.description ?? '' }),
    [base?.name, base?.description],
  );
  const form = useLiveDraft<Field>(liveFields);
  const { name, description } = form.values;
  const [owner, setOwner] = useState<string | null>(project ? project.owner : me.id);
  const [status, setStatus] = useState<ProjectStatus>(project?.status ?? 'planned');
  const [objectiveIds, setObjectiveIds] = useState<string[]>(project?.objectiveIds ?? []);
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    const n = name.trim();
    if (!n) errs.name = 'Give the project a name.';
    else if (n.length > NAME_MAX) errs.name = `Keep the name under ${NAME_MAX} characters.`;
    if (description.length > DESCRIPTION_MAX)
      errs.description = `Keep the description under ${DESCRIPTION_MAX} characters.`;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (form.conflicts.length > 0) {
      setFailure('Someone changed a field you edited. Choose “Keep mine” or “Take theirs” for it, then save.');
      return;
    }
    try {
      if (project) {
        if (!getProjectsMap(doc).has(project.id)) {
          setFailure(DELETED);
          return;
        }
        const changed = form.changed();
        const patch: { name?: string; description?: string } = {};
        if (changed.includes('name')) patch.name = n;
        if (changed.includes('description')) patch.description = description.trim();
        if (Object.keys(patch).length > 0) updateProject(doc, project.id, patch);
        onClose();
      } else {
        const known = new Set(objectives.map((o) => o.id));
        const id = addProject(doc, {
          name: n,
          description: description.trim(),
          createdBy: me.id,
          owner,
          status,
          objectiveIds: objectiveIds.filter((x) => known.has(x)),
        });
        onClose();
        onCreated?.(id);
      }
    } catch (err) {
      setFailure(saveFailedMessage('project', err));
    }
  };

  const conflictOf = (k: Field) => {
    const c = form.conflicts.find((x) => x.field === k);
    if (!c || !project) return null;
    const writer = presentWriter(present, lastWriterClient(getProjectsMap(doc).get(project.id), k));
    return (
      <FieldConflict
        field={k}
        who={writer ? writer.user.name : 'Someone'}
        theirs={c.theirs || 'nothing'}
        onKeepMine={() => form.keepMine(k)}
        onTakeTheirs={() => form.takeTheirs(k)}
      />
    );
  };

  const people = assignees.some((p) => p.id === me.id)
    ? assignees
    : [
        { id: me.id, name: me.name, color: me.color, companyId: me.companyId, companyName: me.companyName },
        ...assignees,
      ];
  return (
    <DraftForm
      testId="project-form"
      onSubmit={submit}
      failure={failure ?? (gone ? DELETED : null)}
      onCancel={onClose}
      submitLabel={project ? 'Save changes' : 'Create project'}
      submitTestId="project-save"
    >
      <TextInput
        label="Name"
        required
        placeholder="Joint forecast pilot"
        value={name}
        onChange={(e) => (form.set('name', e.currentTarget.value), setErrors((x) => ({ ...x, name: undefined })))}
        error={errors.name}
        data-autofocus
        data-testid="project-name-input"
      />
      {conflictOf('name')}
      <Textarea
        label="Description"
        description="What the project delivers, in a sentence or two."
        autosize
        minRows={2}
        maxRows={6}
        value={description}
        onChange={(e) => form.set('description', e.currentTarget.value)}
        error={errors.description}
      />
      {conflictOf('description')}
      {project ? null : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Owner"
              description="Who answers for it, from this relationship’s team."
              data={people.map((p) => ({
                value: p.id,
                label: p.companyName ? `${p.name} · ${p.companyName}` : p.name,
              }))}
              value={owner}
              onChange={setOwner}
              searchable
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Status"
              data={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABEL[s] }))}
              value={status}
              onChange={(v) => v && setStatus(v)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <MultiSelect
            label="Objectives it serves"
            placeholder={objectives.length ? 'Choose objectives' : 'No objectives in this plan yet'}
            data={objectives.map((o) => ({ value: o.id, label: o.title || 'Untitled objective' }))}
            value={objectiveIds}
            onChange={setObjectiveIds}
            searchable
            clearable
            disabled={objectives.length === 0}
            data-testid="project-objectives-input"
          />
        </>
      )}
    </DraftForm>
  );
}
