import { Badge } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import type { ProjectStatus } from '../../../../shared/schema.ts';
import { usePlan } from '../PlanContext.tsx';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useProjects } from '../useDoc.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { PersonAvatar } from '../../ui/PersonAvatar.tsx';
import { sideOf } from '../../ui/sides.ts';
import { ActivityRow } from './ActivityRow.tsx';
import classes from './AccountPlanProject.module.css';

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  on_hold: 'On hold',
  done: 'Done',
};
const STATUS_COLOR: Record<ProjectStatus, string> = { planned: 'gray', active: 'green', on_hold: 'yellow', done: 'ink' };

export function AccountPlanProjectSection({ def }: { def: SectionDef }) {
  const { doc, people, rel } = usePlan();
  const project = useProjects(doc).find((p) => p.isAccountPlanProject) ?? null;
  const now = new Date();
  if (!project) {
    return (
      <SectionCard def={def}>
        <EmptyState compact icon={<IconListCheck size={22} stroke={1.7} />} title="No Account Plan Project">
          The Account Plan Project is created with the plan. Ask an admin of this relationship to set it up.
        </EmptyState>
      </SectionCard>
    );
  }
  const owner = people.get(project.owner);
  const done = project.activities.filter((a) => a.done).length;
  return (
    <SectionCard def={def}>
      <div className={classes.summary}>
        <h3 className={classes.name}>{project.name}</h3>
        <Badge variant="light" color={STATUS_COLOR[project.status]} radius="sm" tt="none" fw={600}>
          {PROJECT_STATUS_LABEL[project.status]}
        </Badge>
        {owner ? (
          <span className={classes.owner}>
            <PersonAvatar name={owner.name} color={owner.color} side={owner.companyId ? sideOf(owner.companyId, rel.ownerCompanyId) : undefined} size="xs" decorative />
            Owner: {owner.name}
          </span>
        ) : null}
        <span className={classes.count}>
          {done} of {project.activities.length} done
        </span>
      </div>
      {project.description ? <p className={classes.desc}>{project.description}</p> : null}
      {project.activities.length === 0 ? (
        <EmptyState compact title="No activities yet">Activities of the Account Plan Project appear here.</EmptyState>
      ) : (
        <ul className={classes.list} aria-label={`Activities of ${project.name}`}>
          {project.activities.map((a) => (
            <ActivityRow key={a.id} activity={a} people={people} ownerCompanyId={rel.ownerCompanyId} now={now} />
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
