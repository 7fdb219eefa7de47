import { IconTarget } from '@tabler/icons-react';
import { usePlan } from '../PlanContext.tsx';
import { canEditObjectives } from '../permissions.ts';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useObjectives, useProgress } from '../useDoc.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { ObjectiveCard } from './ObjectiveCard.tsx';
import classes from './ObjectivesSection.module.css';

export function ObjectivesSection({ def }: { def: SectionDef }) {
  const { doc, actor } = usePlan();
  const objectives = useObjectives(doc);
  const progressOf = useProgress(doc);
  const canEdit = canEditObjectives(actor);
  return (
    <SectionCard def={def} description="What both companies measure this partnership by.">
      {objectives.length === 0 ? (
        <EmptyState compact icon={<IconTarget size={22} stroke={1.7} />} title="No objectives yet">
          {canEdit ? 'Objectives come from your company’s catalog when the plan is set up.' : 'An admin of this relationship adds the objectives both companies will track.'}
        </EmptyState>
      ) : (
        <div className={classes.grid}>
          {objectives.map((o) => (
            <ObjectiveCard key={o.id} objective={o} entries={progressOf(o.id)} definitionLocked={!canEdit} />
          ))}
        </div>
      )}
    </SectionCard>
  );
}
