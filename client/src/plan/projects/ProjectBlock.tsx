/**
 * One project: a summary row (name, status, owner, linked objectives) and, when open, its
 * controls (owner, status, linked objectives, edit, delete) and activities. A project's own
 * fields follow shared/policy.ts: its creator or an admin changes them; everyone else sees the
 * controls disabled, with the reason on hover and in words below them.
 */
import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Select,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDots, IconLock, IconPencil, IconTrash } from '@tabler/icons-react';
import { canDeleteProject, canEditProject } from '../../../../shared/policy.ts';
import {
  PROJECT_STATUSES,
  getProjectsMap,
  deleteProject,
  setProjectObjectives,
  updateProject,
  type Objective,
  type Project,
} from '../../../../shared/schema.ts';
import { PersonAvatar } from '../../ui/PersonAvatar.tsx';
import { sideOf } from '../../ui/sides.ts';
import { usePlan } from '../PlanContext.tsx';
import type { PersonRef } from '../people.ts';
import { ReadOnlyNote } from '../SectionCard.tsx';
import { ActivityList } from './ActivityList.tsx';
import { notYourProjectReason, PROJECT_STATUS_COLOR, PROJECT_STATUS_LABEL } from './labels.ts';
import { ProjectFormModal } from './ProjectFormModal.tsx';
import { useUndoableDelete } from '../useUndoableDelete.tsx';
import { useRemoteFlash } from '../objectives/useRemoteFlash.ts';
import classes from './Projects.module.css';

export interface ProjectBlockProps {
  project: Project;
  objectives: Objective[];
  assignees: PersonRef[];
  /** Collapsible rows (Projects) or always open (Account Plan Project). */
  open: boolean;
  onToggle?: () => void;
  /** Hide the name when the section title already says it. */
  hideName?: boolean;
  /** No frame: the section card is the frame (Account Plan Project). */
  plain?: boolean;
}

export function ProjectBlock({ project, objectives, assignees, open, onToggle, hideName, plain }: ProjectBlockProps) {
  const { doc, actor, people, rel } = usePlan();
  const editable = canEditProject(actor, project);
  const deletable = canDeleteProject(actor, project);
  const creator = people.name(project.createdBy, 'its creator');
  const why =
    actor.role === 'viewer' ? 'Viewers follow projects but cannot change them' : notYourProjectReason(creator);
  const owner = people.get(project.owner);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const linked = project.objectiveIds
    .map((id) => objectives.find((o) => o.id === id))
    .filter((o): o is Objective => !!o);
  const done = project.activities.filter((a) => a.done).length;
  const detailsId = `project-details-${project.id}`;
  const flash = useRemoteFlash([getProjectsMap(doc).get(project.id)]);
  const removeUndoably = useUndoableDelete();

  const guard = (node: ReactNode) => (
    <Tooltip label={why} disabled={editable} withArrow multiline maw={260}>
      <div className={classes.control}>{node}</div>
    </Tooltip>
  );

  const name = project.name || 'Untitled project';
  const title = hideName ? null : (
    <h3 className={classes.name} data-testid="project-name">
      {name}
    </h3>
  );

  return (
    <article
      className={`${classes.project} ${open ? classes.open : ''} ${plain ? classes.plain : ''} ${flash ? classes.flash : ''}`}
      data-testid={`project-${project.id}`}
      aria-label={name}
      data-editable={editable}
    >
      <div className={classes.summary}>
        {onToggle ? (
          <UnstyledButton
            className={classes.toggle}
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={detailsId}
            data-testid="project-toggle"
          >
            {open ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
            {title}
          </UnstyledButton>
        ) : (
          title
        )}
        <Badge
          variant="light"
          color={PROJECT_STATUS_COLOR[project.status]}
          radius="sm"
          tt="none"
          fw={600}
          data-testid="project-status"
        >
          {PROJECT_STATUS_LABEL[project.status]}
        </Badge>
        {!editable ? (
          <Tooltip label={why} withArrow>
            <span className={classes.lock} tabIndex={0} aria-label={why} data-testid="project-locked">
              <IconLock size={14} aria-hidden />
            </span>
          </Tooltip>
        ) : null}
        <span className={classes.spacer} />
        {editable ? (
          <Menu position="bottom-end" withinPortal width={200}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Manage ${name}`} data-testid="project-menu">
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconPencil size={16} />}
                onClick={() => setDialog('edit')}
                data-testid="project-edit"
              >
                Edit name and description
              </Menu.Item>
              {deletable ? (
                <>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => setDialog('delete')}
                    data-testid="project-delete"
                  >
                    Delete project…
                  </Menu.Item>
                </>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </div>
      <div className={classes.metaLine}>
        {owner ? (
          <span className={classes.owner}>
            <PersonAvatar
              name={owner.name}
              color={owner.color}
              side={owner.companyId ? sideOf(owner.companyId, rel.ownerCompanyId) : undefined}
              size="xs"
              decorative
            />
            <span>
              <span className={classes.ownerLabel}>Owner</span> {owner.name}
            </span>
          </span>
        ) : (
          <span className={classes.owner}>No owner</span>
        )}
        <span className={classes.count}>
          {done}/{project.activities.length} done
        </span>
      </div>
      {project.description ? <p className={classes.description}>{project.description}</p> : null}
      <div className={classes.links} data-testid="project-objectives">
        {linked.length === 0 ? (
          <span className={classes.gapNote}>Not linked to an objective yet</span>
        ) : (
          linked.map((o) => (
            <span key={o.id} className={classes.objectiveChip}>
              {o.title}
            </span>
          ))
        )}
      </div>

      {open ? (
        <div className={classes.details} id={detailsId}>
          {!editable && actor.role !== 'viewer' ? (
            <ReadOnlyNote icon={<IconLock size={16} />} testId="project-readonly-note">
              {why}. You can still add, tick off and reorder its activities.
            </ReadOnlyNote>
          ) : null}
          <div className={classes.controls}>
            {guard(
              <Select
                label="Owner"
                data={ownerOptions(assignees, project.owner, people)}
                value={project.owner}
                onChange={(v) => v && updateProject(doc, project.id, { owner: v })}
                disabled={!editable}
                allowDeselect={false}
                searchable
                data-testid="project-owner-select"
              />,
            )}
            {guard(
              <Select
                label="Status"
                data={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABEL[s] }))}
                value={project.status}
                onChange={(v) => v && updateProject(doc, project.id, { status: v })}
                disabled={!editable}
                allowDeselect={false}
                data-testid="project-status-select"
              />,
            )}
            {guard(
              <MultiSelect
                label="Objectives it serves"
                placeholder={
                  objectives.length === 0 ? 'No objectives yet' : linked.length === 0 ? 'Link objectives' : undefined
                }
                data={objectives.map((o) => ({ value: o.id, label: o.title || 'Untitled objective' }))}
                value={linked.map((o) => o.id)}
                onChange={(ids) => setProjectObjectives(doc, project.id, ids)}
                disabled={!editable || objectives.length === 0}
                searchable
                data-testid="project-objectives-select"
              />,
            )}
          </div>
          <ActivityList project={project} assignees={assignees} />
        </div>
      ) : null}

      <ProjectFormModal
        project={project}
        opened={dialog === 'edit'}
        onClose={() => setDialog(null)}
        objectives={objectives}
        assignees={assignees}
      />
      <Modal opened={dialog === 'delete'} onClose={() => setDialog(null)} title="Delete this project?" centered>
        <Text size="sm" mb="md">
          “{name}” and its {project.activities.length} {project.activities.length === 1 ? 'activity' : 'activities'} are
          removed for everyone in this plan. You can undo it for a few seconds afterwards.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setDialog(null)} data-autofocus>
            Keep it
          </Button>
          <Button
            color="red"
            onClick={() => (
              setDialog(null),
              removeUndoably(`the project “${name}”`, () => deleteProject(doc, project.id))
            )}
            data-testid="project-delete-confirm"
          >
            Delete project
          </Button>
        </Group>
      </Modal>
    </article>
  );
}

function ownerOptions(
  assignees: PersonRef[],
  current: string | null,
  people: { get: (id: string | null) => PersonRef | null },
) {
  const list = [...assignees];
  const cur = people.get(current);
  if (cur && !list.some((p) => p.id === cur.id)) list.unshift(cur);
  return list.map((p) => ({ value: p.id, label: p.companyName ? `${p.name} · ${p.companyName}` : p.name }));
}
