/**
 * One strategic objective: title, the measure as a sentence, progress (bar and sparkline) and a
 * status chip. Read-only in this issue; issue 6 adds `onEdit`/`onAddProgress` via props, so the
 * card stays the single rendering of an objective.
 */
import type { ReactNode } from 'react';
import { Progress, Tooltip } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { IconLock } from '@tabler/icons-react';
import type { Objective, ProgressEntry } from '../../../../shared/schema.ts';
import { formatMeasureValue, measureSentence, sortedEntries } from './measure.ts';
import { objectiveStatus, STATUS_LABEL } from './status.ts';
import classes from './ObjectivesSection.module.css';

export interface ObjectiveCardProps {
  objective: Objective;
  entries: ProgressEntry[];
  /** Shown to people who cannot change the definition (members, viewers). */
  definitionLocked: boolean;
  now?: Date;
  /** Slot for issue 6's actions (edit, add progress). */
  actions?: ReactNode;
}

export function ObjectiveCard({ objective, entries, definitionLocked, now = new Date(), actions }: ObjectiveCardProps) {
  const { status, fraction, latest } = objectiveStatus(objective, entries, now);
  const sorted = sortedEntries(entries);
  const values = sorted.map((e) => e.value);
  const pct = fraction === null ? 0 : Math.round(fraction * 100);
  return (
    <article className={classes.card} aria-labelledby={`obj-${objective.id}`} data-testid={`objective-${objective.id}`}>
      <div className={classes.top}>
        <h3 className={classes.title} id={`obj-${objective.id}`}>
          {objective.title || 'Untitled objective'}
        </h3>
        <span className={`${classes.chip} ${classes[status]}`}>{STATUS_LABEL[status]}</span>
      </div>
      <p className={classes.sentence}>{measureSentence(objective)}</p>
      {objective.description ? <p className={classes.description}>{objective.description}</p> : null}
      {values.length >= 2 ? (
        <Sparkline
          h={36}
          data={values}
          curveType="monotone"
          color="var(--ch-text-muted)"
          fillOpacity={0.12}
          strokeWidth={1.75}
          aria-label={`Progress entries: ${values.map((v) => formatMeasureValue(v, objective.measure.unit)).join(', ')}`}
        />
      ) : null}
      <div className={classes.progressRow}>
        <Progress
          className={classes.progressBar}
          value={pct}
          size="sm"
          radius="xl"
          color={status === 'off_track' ? 'red' : status === 'at_risk' ? 'yellow' : status === 'no_data' ? 'gray' : 'green'}
          aria-label={`${pct}% of the way to target`}
        />
        <span className={classes.latest}>{latest ? `${formatMeasureValue(latest.value, objective.measure.unit)} now` : 'No entries'}</span>
      </div>
      <div className={classes.meta}>
        <span>{pct}% of the way</span>
        {definitionLocked ? (
          <Tooltip label="Only admins can change an objective’s definition" withArrow>
            <span className={classes.lockNote} tabIndex={0}>
              <IconLock size={12} aria-hidden /> Definition set by admins
            </span>
          </Tooltip>
        ) : null}
        {actions}
      </div>
    </article>
  );
}
