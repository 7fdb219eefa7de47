/**
 * A plan snapshot as a readable document, in page order: Shared Vision, Strategic Objectives,
 * Account Plan Project, other projects, Guiding Principles, Intended Behaviours. The history
 * panel shows a version with it; the print page prints it (its stylesheet adds page breaks).
 */
import type { ReactNode } from 'react';
import type { PlanSnapshot } from '../../../shared/planSnapshot.ts';
import { progressStatus, PROGRESS_STATUS_LABEL, entriesInTimeOrder, entryDay } from '../../../shared/progress.ts';
import type { Objective, Project } from '../../../shared/schema.ts';
import { formatDate, formatMeasureValue, measureClause } from '../plan/objectives/measure.ts';
import { PROJECT_STATUS_LABEL } from '../plan/projects/labels.ts';
import { ReadOnlyRichText } from './ReadOnlyRichText.tsx';
import classes from './History.module.css';

export interface PlanDocumentProps {
  plan: PlanSnapshot;
  personName: (id: string | null | undefined) => string;
  /** Heading level of the section titles (2 on the print page, 3 inside the panel). */
  level?: 2 | 3;
  /** Prefix for section ids, so two documents on one page never share an id. */
  idPrefix: string;
}

export function PlanDocument({ plan, personName, level = 3, idPrefix }: PlanDocumentProps) {
  const app = plan.projects.find((p) => p.isAccountPlanProject) ?? null;
  const others = plan.projects.filter((p) => !p.isAccountPlanProject);
  const H = level === 2 ? 'h2' : 'h3';
  const section = (id: string, title: string, body: ReactNode) => (
    <section
      className={`${classes.docSection} ch-print-section`}
      aria-labelledby={`${idPrefix}-${id}`}
      data-section={id}
    >
      <H id={`${idPrefix}-${id}`} className={classes.docHeading}>
        {title}
      </H>
      {body}
    </section>
  );
  return (
    <div className={classes.doc}>
      {section(
        'vision',
        'Shared Vision',
        <ReadOnlyRichText content={plan.vision} label="Shared Vision" hero testId={`${idPrefix}-vision-text`} />,
      )}
      {section(
        'objectives',
        'Strategic Objectives',
        plan.objectives.length ? (
          <ol className={classes.objectiveList}>
            {plan.objectives.map((o) => (
              <ObjectiveItem key={o.id} objective={o} plan={plan} personName={personName} />
            ))}
          </ol>
        ) : (
          <p className={classes.emptyText}>No objectives in this version.</p>
        ),
      )}
      {section(
        'account-plan-project',
        'Account Plan Project',
        app ? (
          <ProjectItem project={app} plan={plan} personName={personName} bare />
        ) : (
          <p className={classes.emptyText}>No Account Plan Project in this version.</p>
        ),
      )}
      {section(
        'projects',
        'Other Projects',
        others.length ? (
          <div className={classes.projectList}>
            {others.map((p) => (
              <ProjectItem key={p.id} project={p} plan={plan} personName={personName} />
            ))}
          </div>
        ) : (
          <p className={classes.emptyText}>No other projects in this version.</p>
        ),
      )}
      {section(
        'principles',
        'Guiding Principles',
        <ReadOnlyRichText
          content={plan.principles}
          label="Guiding Principles"
          testId={`${idPrefix}-principles-text`}
        />,
      )}
      {section(
        'behaviours',
        'Intended Behaviours',
        <ReadOnlyRichText
          content={plan.behaviours}
          label="Intended Behaviours"
          testId={`${idPrefix}-behaviours-text`}
        />,
      )}
    </div>
  );
}

function ObjectiveItem({
  objective: o,
  plan,
  personName,
}: {
  objective: Objective;
  plan: PlanSnapshot;
  personName: PlanDocumentProps['personName'];
}) {
  const entries = entriesInTimeOrder(plan.progress[o.id] ?? []);
  const latest = entries[entries.length - 1] ?? null;
  const status = progressStatus(o, entries, new Date());
  return (
    <li className={classes.objective}>
      <div className={classes.objectiveHead}>
        <span className={classes.objectiveTitle}>{o.title || 'Untitled objective'}</span>
        <span className={classes.statusText} data-status={status.status} title={status.explanation}>
          {PROGRESS_STATUS_LABEL[status.status]}
        </span>
      </div>
      <p className={`${classes.measure} ch-tabular`}>{measureClause(o)}</p>
      {o.description.trim() ? <p className={classes.description}>{o.description}</p> : null}
      <p className={`${classes.meta} ch-tabular`} data-testid="document-objective-facts">
        {`Owner: ${o.owner ? personName(o.owner) : 'not set'} · Data source: ${o.dataSource?.trim() || 'not set'}`}
        {o.lock ? ` · Definition locked by ${personName(o.lock.by)} on ${formatDate(o.lock.at.slice(0, 10))}` : ''}
      </p>
      <p className={`${classes.meta} ch-tabular`}>
        {latest
          ? `Latest: ${formatMeasureValue(latest.value, o.measure.unit)} as of ${formatDate(entryDay(latest))}${latest.by ? ` (${personName(latest.by)})` : ''} · ${entries.length === 1 ? '1 entry' : `${entries.length} entries`}`
          : 'No progress recorded yet'}
      </p>
    </li>
  );
}

function ProjectItem({
  project: p,
  plan,
  personName,
  bare,
}: {
  project: Project;
  plan: PlanSnapshot;
  personName: PlanDocumentProps['personName'];
  bare?: boolean;
}) {
  const linked = p.objectiveIds
    .map((id) => plan.objectives.find((o) => o.id === id)?.title)
    .filter((t): t is string => !!t);
  return (
    <div className={bare ? undefined : classes.project}>
      {/* The Account Plan Project's section already names it, unless the team renamed it. */}
      {!bare || (p.name && p.name !== 'Account Plan Project') ? (
        <p className={classes.projectName}>{p.name || 'Untitled project'}</p>
      ) : null}
      {p.description.trim() ? <p className={classes.description}>{p.description}</p> : null}
      <p className={classes.meta}>
        Status: {PROJECT_STATUS_LABEL[p.status]}
        {p.owner ? ` · Owner: ${personName(p.owner)}` : ''}
        {linked.length ? ` · Objectives: ${linked.join('; ')}` : ''}
      </p>
      {p.activities.length ? (
        <ul className={classes.activities} aria-label={`Activities of ${p.name || 'the project'}`}>
          {p.activities.map((a) => (
            <li key={a.id} className={classes.activity} data-done={a.done}>
              <span className={classes.check} aria-hidden>
                {a.done ? '✓' : ''}
              </span>
              <span className={classes.activityBody}>
                <span className="ch-visually-hidden">{a.done ? 'Done: ' : 'To do: '}</span>
                <span className={classes.activityTitle}>{a.title || 'Untitled activity'}</span>
                {a.assignee || a.dueDate ? (
                  <span className={classes.activityMeta}>
                    {[a.assignee ? personName(a.assignee) : '', a.dueDate ? `due ${formatDate(a.dueDate)}` : '']
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={classes.emptyText}>No activities.</p>
      )}
    </div>
  );
}
