/**
 * One strategic objective: title, the measure as a sentence, description, progress (sparkline,
 * bar, baseline/now/target) and a status chip with its label. The card is the single rendering
 * of an objective; what a person may do with it arrives as props decided by the section.
 */
import { ActionIcon, Button, Menu, Progress, Tooltip } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconChartLine,
  IconDots,
  IconLock,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { getObjectivesMap, getProgressMap, type Objective, type ProgressEntry } from '../../../../shared/schema.ts';
import { usePlan } from '../PlanContext.tsx';
import { useRemoteFlash } from './useRemoteFlash.ts';
import { Sparkline } from './Sparkline.tsx';
import { formatMeasureValue, measureClause, measureSentence, sortedEntries, titleIsAction } from './measure.ts';
import { objectiveStatus, STATUS_LABEL } from './status.ts';
import classes from './ObjectivesSection.module.css';

export interface ObjectiveActions {
  onEdit?: () => void;
  onMove?: (delta: -1 | 1) => void;
  onDelete?: () => void;
  onAddProgress?: () => void;
  onHistory: () => void;
  canMoveUp?: boolean;
  canMoveDown?: boolean;
}

export interface ObjectiveCardProps {
  objective: Objective;
  entries: ProgressEntry[];
  /** Shown to people who cannot change the definition (members, viewers). */
  definitionLocked: boolean;
  now?: Date;
  actions?: ObjectiveActions;
}

export function ObjectiveCard({ objective, entries, definitionLocked, now = new Date(), actions }: ObjectiveCardProps) {
  const { status, fraction, latest } = objectiveStatus(objective, entries, now);
  const sorted = sortedEntries(entries);
  const values = sorted.map((e) => e.value);
  const pct = fraction === null ? 0 : Math.round(fraction * 100);
  const unit = objective.measure.unit;
  const title = objective.title || 'Untitled objective';
  const manage = actions?.onEdit || actions?.onDelete || actions?.onMove;
  const { doc } = usePlan();
  const flash = useRemoteFlash([getObjectivesMap(doc).get(objective.id), getProgressMap(doc).get(objective.id)]);
  return (
    <article
      className={`${classes.card} ${flash ? classes.flash : ''}`}
      aria-labelledby={`obj-${objective.id}`}
      data-testid={`objective-${objective.id}`}
      data-status={status}
    >
      <div className={classes.top}>
        <h3 className={classes.title} id={`obj-${objective.id}`} data-testid="objective-title">
          {title}
        </h3>
        {manage ? (
          <Menu position="bottom-end" withinPortal width={200}>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Manage ${title}`}
                data-testid="objective-menu"
                className={classes.menuButton}
              >
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {actions?.onEdit ? (
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={actions.onEdit} data-testid="objective-edit">
                  Edit definition
                </Menu.Item>
              ) : null}
              {actions?.onMove ? (
                <>
                  <Menu.Item
                    leftSection={<IconArrowUp size={16} />}
                    disabled={!actions.canMoveUp}
                    onClick={() => actions.onMove!(-1)}
                    data-testid="objective-move-up"
                  >
                    Move earlier
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconArrowDown size={16} />}
                    disabled={!actions.canMoveDown}
                    onClick={() => actions.onMove!(1)}
                    data-testid="objective-move-down"
                  >
                    Move later
                  </Menu.Item>
                </>
              ) : null}
              {actions?.onDelete ? (
                <>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={actions.onDelete}
                    data-testid="objective-delete"
                  >
                    Delete objective…
                  </Menu.Item>
                </>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </div>
      <p className={classes.sentence} title={measureSentence(objective)} data-testid="objective-sentence">
        {titleIsAction(objective.title) ? measureClause(objective) : measureSentence(objective)}
      </p>
      {objective.description ? <p className={classes.description}>{objective.description}</p> : null}
      {values.length >= 2 ? (
        <Sparkline
          values={values}
          label={`Progress entries over time: ${values.map((v) => formatMeasureValue(v, unit)).join(', ')}`}
        />
      ) : null}
      <div className={classes.progress}>
        <div className={classes.statusLine}>
          <span className={`${classes.chip} ${classes[status]}`} data-testid="objective-status">
            {STATUS_LABEL[status]}
          </span>
          {latest ? <span className={classes.pct}>{pct}% of the way</span> : null}
        </div>
        <Progress
          value={pct}
          size="sm"
          radius="xl"
          color={
            status === 'off_track' ? 'red' : status === 'at_risk' ? 'yellow' : status === 'no_data' ? 'gray' : 'green'
          }
          aria-label={latest ? `${pct}% of the way from baseline to target` : 'No progress recorded yet'}
        />
        <div className={classes.scale}>
          <span>
            <span className={classes.scaleLabel}>Baseline</span> {formatMeasureValue(objective.measure.baseline, unit)}
          </span>
          {latest ? (
            <span className={classes.now} data-testid="objective-latest">
              <span className={classes.scaleLabel}>Now</span> {formatMeasureValue(latest.value, unit)}
            </span>
          ) : null}
          <span>
            <span className={classes.scaleLabel}>Target</span> {formatMeasureValue(objective.measure.target, unit)}
          </span>
        </div>
      </div>
      <div className={classes.meta}>
        {definitionLocked ? (
          <Tooltip label="Only admins of this relationship can change an objective’s definition" withArrow>
            <span className={classes.lockNote} tabIndex={0} data-testid="objective-locked">
              <IconLock size={13} aria-hidden /> Definition set by admins
            </span>
          </Tooltip>
        ) : null}
        <span className={classes.metaSpacer} />
        {actions ? (
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            leftSection={<IconChartLine size={15} />}
            onClick={actions.onHistory}
            data-testid="objective-history"
          >
            {sorted.length === 0 ? 'No entries' : sorted.length === 1 ? '1 entry' : `${sorted.length} entries`}
          </Button>
        ) : null}
        {actions?.onAddProgress ? (
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconPlus size={15} />}
            onClick={actions.onAddProgress}
            data-testid="objective-add-progress"
          >
            Add progress
          </Button>
        ) : null}
      </div>
    </article>
  );
}
