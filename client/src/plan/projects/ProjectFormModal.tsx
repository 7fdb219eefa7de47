/**
 * Create a project (members and admins; `createdBy` is always the signed-in person), or edit a
 * project's name and description. The draft stays here until saved, so nothing typed is lost to
 * a remote edit or a failed save.
 */
import { useState, type FormEvent } from 'react';
import { Modal, MultiSelect, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { PROJECT_STATUSES, addProject, getProjectsMap, updateProject, type Objective, type Project, type ProjectStatus } from '../../../../shared/schema.ts';
import { DraftForm, saveFailedMessage } from '../../ui/DraftForm.tsx';
import { usePlan } from '../PlanContext.tsx';
import type { PersonRef } from '../people.ts';
import { PROJECT_STATUS_LABEL } from './labels.ts';

const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

export interface ProjectFormModalProps {
  /** Null creates a project. */
  project: Project | null;
  opened: boolean;
  onClose(): void;
  onCreated?(id: string): void;
  objectives: Objective[];
  assignees: PersonRef[];
}

export function ProjectFormModal(props: ProjectFormModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.project ? 'Edit project' : 'New project'} size="lg" centered>
      {props.opened ? <ProjectForm {...props} /> : null}
    </Modal>
  );
}

function ProjectForm({ project, onClose, onCreated, objectives, assignees }: ProjectFormModalProps) {
  const { doc, me } = usePlan();
  const [name, setName] = useState(project?.name ?? '');
  const [description, setDescription] = useState(project?.description ?? '');
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
    if (description.length > DESCRIPTION_MAX) errs.description = `Keep the description under ${DESCRIPTION_MAX} characters.`;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      if (project) {
        if (!getProjectsMap(doc).has(project.id)) {
          setFailure('This project was deleted while you were editing it. Copy what you need, then cancel.');
          return;
        }
        updateProject(doc, project.id, { name: n, description: description.trim() });
        onClose();
      } else {
        const known = new Set(objectives.map((o) => o.id));
        const id = addProject(doc, { name: n, description: description.trim(), createdBy: me.id, owner, status, objectiveIds: objectiveIds.filter((x) => known.has(x)) });
        onClose();
        onCreated?.(id);
      }
    } catch (err) {
      setFailure(saveFailedMessage('project', err));
    }
  };

  const people = assignees.some((p) => p.id === me.id) ? assignees : [{ id: me.id, name: me.name, color: me.color, companyId: me.companyId, companyName: me.companyName }, ...assignees];
  return (
    <DraftForm testId="project-form" onSubmit={submit} failure={failure} onCancel={onClose} submitLabel={project ? 'Save changes' : 'Create project'} submitTestId="project-save">
      <TextInput label="Name" required placeholder="Joint forecast pilot" value={name} onChange={(e) => (setName(e.currentTarget.value), setErrors((x) => ({ ...x, name: undefined })))} error={errors.name} data-autofocus data-testid="project-name-input" />
      <Textarea label="Description" description="What the project delivers, in a sentence or two." autosize minRows={2} maxRows={6} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
      {project ? null : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Owner"
              description="Who answers for it, from this relationship’s team."
              data={people.map((p) => ({ value: p.id, label: p.companyName ? `${p.name} · ${p.companyName}` : p.name }))}
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
              onChange={(v) => v && setStatus(v as ProjectStatus)}
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
