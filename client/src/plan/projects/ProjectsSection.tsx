/**
 * Projects: every project but the Account Plan Project, as rows with owner, status and linked
 * objectives, each opening onto its controls and activities. Members and admins create projects;
 * a project's own fields belong to its creator and the admins (shared/policy.ts).
 */
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconFolderPlus, IconPlus } from '@tabler/icons-react';
import { canCreateProject } from '../../../../shared/policy.ts';
import { usePlan } from '../PlanContext.tsx';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useObjectives, useProjects } from '../useDoc.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { ProjectBlock } from './ProjectBlock.tsx';
import { ProjectFormModal } from './ProjectFormModal.tsx';
import { useAssignees } from './useAssignees.ts';
import classes from './Projects.module.css';

export function ProjectsSection({ def }: { def: SectionDef }) {
  const { doc, actor } = usePlan();
  const projects = useProjects(doc).filter((p) => !p.isAccountPlanProject);
  const objectives = useObjectives(doc);
  const assignees = useAssignees();
  const canCreate = canCreateProject(actor);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const actions = canCreate ? (
    <Button size="xs" leftSection={<IconPlus size={15} />} onClick={() => setCreating(true)} data-testid="project-add">
      New project
    </Button>
  ) : null;

  return (
    <SectionCard def={def} actions={actions} description="The other work both companies run to reach the objectives.">
      {projects.length === 0 ? (
        <EmptyState compact icon={<IconFolderPlus size={22} stroke={1.7} />} title="No projects yet">
          {canCreate
            ? 'Start one with “New project”: name it, choose an owner, and link the objectives it serves. Anyone in the relationship except viewers can.'
            : 'Members and admins of this relationship create projects here; you will see them appear live.'}
        </EmptyState>
      ) : (
        <div className={classes.stack}>
          {projects.map((p) => (
            <ProjectBlock
              key={p.id}
              project={p}
              objectives={objectives}
              assignees={assignees}
              open={open.has(p.id)}
              onToggle={() => toggle(p.id)}
            />
          ))}
        </div>
      )}
      <ProjectFormModal
        project={null}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => setOpen((s) => new Set(s).add(id))}
        objectives={objectives}
        assignees={assignees}
      />
    </SectionCard>
  );
}
