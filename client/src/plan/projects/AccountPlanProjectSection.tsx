/**
 * The Account Plan Project: the joint work that carries the plan, always open, with its
 * activities first-class. Admins change its own fields (it is created by the configuring admin);
 * everyone but viewers works its activities.
 */
import { IconListCheck } from '@tabler/icons-react';
import { usePlan } from '../PlanContext.tsx';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useObjectives, useProjects } from '../useDoc.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { ProjectBlock } from './ProjectBlock.tsx';
import { useAssignees } from './useAssignees.ts';

export { PROJECT_STATUS_LABEL } from './labels.ts';

export function AccountPlanProjectSection({ def }: { def: SectionDef }) {
  const { doc } = usePlan();
  const project = useProjects(doc).find((p) => p.isAccountPlanProject) ?? null;
  const objectives = useObjectives(doc);
  const assignees = useAssignees();
  if (!project) {
    return (
      <SectionCard def={def}>
        <EmptyState compact icon={<IconListCheck size={22} stroke={1.7} />} title="No Account Plan Project">
          The Account Plan Project is created with the plan. Ask an admin of this relationship to set it up.
        </EmptyState>
      </SectionCard>
    );
  }
  const sameAsTitle = !project.name || project.name.trim().toLowerCase() === def.label.toLowerCase();
  return (
    <SectionCard def={def}>
      <ProjectBlock project={project} objectives={objectives} assignees={assignees} open plain hideName={sameAsTitle} />
    </SectionCard>
  );
}
