/**
 * Alignment: objectives (rows) × projects (columns). A mark where a project serves an objective;
 * objectives no project serves and projects that serve no objective are gaps, highlighted and
 * said in words. Each row rolls up the objective's progress with the linked projects' work.
 * People who may change a project's links toggle them right in the matrix.
 */
import { useMemo } from 'react';
import { Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconLayoutGrid } from '@tabler/icons-react';
import { canEditProject } from '../../../../shared/policy.ts';
import { setProjectObjectives } from '../../../../shared/schema.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { formatMeasureValue } from '../objectives/measure.ts';
import { STATUS_LABEL } from '../objectives/status.ts';
import { usePlan } from '../PlanContext.tsx';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useObjectives, useProgress, useProjects } from '../useDoc.ts';
import { buildAlignment } from './alignment.ts';
import chips from '../objectives/ObjectivesSection.module.css';
import classes from './Alignment.module.css';

export function AlignmentSection({ def }: { def: SectionDef }) {
  const { doc, actor } = usePlan();
  const objectives = useObjectives(doc);
  const projects = useProjects(doc);
  const progressOf = useProgress(doc);
  const a = useMemo(
    () => buildAlignment(objectives, projects, progressOf, new Date()),
    [objectives, projects, progressOf],
  );

  const summary =
    a.objectiveGaps + a.projectGaps === 0
      ? 'Every objective has a project, and every project serves an objective.'
      : [
          a.objectiveGaps
            ? `${a.objectiveGaps} ${a.objectiveGaps === 1 ? 'objective has' : 'objectives have'} no project`
            : null,
          a.projectGaps
            ? `${a.projectGaps} ${a.projectGaps === 1 ? 'project serves' : 'projects serve'} no objective`
            : null,
        ]
          .filter(Boolean)
          .join(' · ');

  if (objectives.length === 0 || projects.length === 0) {
    return (
      <SectionCard def={def} description="Which work serves which objective, and where the gaps are.">
        <EmptyState compact icon={<IconLayoutGrid size={22} stroke={1.7} />} title="Nothing to align yet">
          {objectives.length === 0
            ? 'The matrix fills in once an admin adds objectives and projects link to them.'
            : 'Create a project in Projects and link the objectives it serves; it appears here as a column.'}
        </EmptyState>
      </SectionCard>
    );
  }

  return (
    <SectionCard def={def} description="Which work serves which objective, and where the gaps are.">
      <p
        className={`${classes.summary} ${a.objectiveGaps + a.projectGaps ? classes.summaryGap : ''}`}
        data-testid="alignment-summary"
        aria-live="polite"
      >
        {a.objectiveGaps + a.projectGaps ? (
          <IconAlertTriangle size={16} aria-hidden />
        ) : (
          <IconCheck size={16} aria-hidden />
        )}
        {summary}
      </p>
      <div className={classes.scroller} tabIndex={0} role="region" aria-label="Alignment matrix, scrolls sideways">
        <table className={classes.matrix} data-testid="alignment-matrix">
          <thead>
            <tr>
              <th scope="col" className={classes.corner}>
                Objective <span className={classes.cornerSub}>progress · linked work</span>
              </th>
              {a.columns.map((c) => (
                <th
                  key={c.project.id}
                  scope="col"
                  className={`${classes.colHead} ${c.gap ? classes.gapCol : ''}`}
                  data-testid={`alignment-col-${c.project.id}`}
                  data-gap={c.gap}
                >
                  <span className={classes.colName}>{c.project.name || 'Untitled project'}</span>
                  {c.project.isAccountPlanProject && c.project.name.trim().toLowerCase() !== 'account plan project' ? (
                    <span className={classes.colTag}>Account Plan Project</span>
                  ) : null}
                  {c.gap ? <span className={classes.gapText}>No objective</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {a.rows.map((r) => {
              const o = r.objective;
              const pct = r.progress.fraction === null ? null : Math.round(r.progress.fraction * 100);
              return (
                <tr
                  key={o.id}
                  className={r.gap ? classes.gapRow : ''}
                  data-testid={`alignment-row-${o.id}`}
                  data-gap={r.gap}
                >
                  <th scope="row" className={classes.rowHead}>
                    <span className={classes.rowTitle}>{o.title || 'Untitled objective'}</span>
                    <span className={classes.rollup}>
                      <span className={`${chips.chip} ${chips[r.progress.status]}`}>
                        {STATUS_LABEL[r.progress.status]}
                      </span>
                      {pct !== null && r.progress.latest ? (
                        <span>
                          {pct}% of the way · now {formatMeasureValue(r.progress.latest.value, o.measure.unit)}
                        </span>
                      ) : null}
                    </span>
                    <span className={classes.rollupWork} data-testid="alignment-rollup">
                      {r.gap ? (
                        <span className={classes.gapText}>No project yet</span>
                      ) : (
                        <>
                          {r.projectIds.length} {r.projectIds.length === 1 ? 'project' : 'projects'} ·{' '}
                          {r.activitiesDone}/{r.activitiesTotal} activities done
                        </>
                      )}
                    </span>
                  </th>
                  {a.columns.map((c) => {
                    const on = a.linked(o.id, c.project.id);
                    const editable = canEditProject(actor, c.project);
                    const label = `${c.project.name} ${on ? 'serves' : 'does not serve'} ${o.title}`;
                    const cls = `${classes.cell} ${c.gap ? classes.gapCol : ''}`;
                    if (!editable) {
                      return (
                        <td key={c.project.id} className={cls} data-linked={on}>
                          {on ? (
                            <IconCheck size={18} className={classes.mark} aria-label={label} />
                          ) : (
                            <span className={classes.empty} aria-label={label} role="img" />
                          )}
                        </td>
                      );
                    }
                    return (
                      <td key={c.project.id} className={cls} data-linked={on}>
                        <Tooltip
                          label={on ? `Unlink from ${c.project.name}` : `Link to ${c.project.name}`}
                          withArrow
                          openDelay={300}
                        >
                          <button
                            type="button"
                            className={`${classes.cellButton} ${on ? classes.on : ''}`}
                            aria-pressed={on}
                            aria-label={`${label}. ${on ? 'Unlink' : 'Link'}`}
                            onClick={() => {
                              const ids = c.project.objectiveIds.filter((x) => x !== o.id);
                              setProjectObjectives(doc, c.project.id, on ? ids : [...ids, o.id]);
                            }}
                          >
                            {on ? <IconCheck size={18} aria-hidden /> : <span className={classes.empty} />}
                          </button>
                        </Tooltip>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {actor.role !== 'viewer' ? (
        <p className={classes.footnote}>
          {a.columns.every((c) => canEditProject(actor, c.project))
            ? 'Select a cell to link or unlink a project and an objective.'
            : 'Only a project’s creator or an admin changes what it serves: select one of your projects’ cells to link or unlink it.'}
        </p>
      ) : null}
    </SectionCard>
  );
}
