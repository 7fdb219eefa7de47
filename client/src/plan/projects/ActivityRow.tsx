/**
 * An activity of a project, in the spirit of Linear: checkbox, title, assignee avatar, due-date
 * chip (red when overdue). Read-only unless `onToggle` is given (issue 6 wires editing).
 */
import { Checkbox, Tooltip } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import type { ActivityData } from '../../../../shared/schema.ts';
import { PersonAvatar } from '../../ui/PersonAvatar.tsx';
import { sideOf } from '../../ui/sides.ts';
import { formatDate } from '../objectives/measure.ts';
import type { PeopleDirectory } from '../people.ts';
import classes from './AccountPlanProject.module.css';

export function isOverdue(a: Pick<ActivityData, 'dueDate' | 'done'>, now: Date): boolean {
  if (!a.dueDate || a.done) return false;
  const end = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(a.dueDate) ? `${a.dueDate}T23:59:59Z` : a.dueDate);
  return !Number.isNaN(end) && end < now.getTime();
}

export interface ActivityRowProps {
  activity: ActivityData;
  people: PeopleDirectory;
  ownerCompanyId: string;
  now: Date;
  onToggle?: (done: boolean) => void;
}

export function ActivityRow({ activity, people, ownerCompanyId, now, onToggle }: ActivityRowProps) {
  const assignee = people.get(activity.assignee);
  const overdue = isOverdue(activity, now);
  return (
    <li className={`${classes.row} ${activity.done ? classes.done : ''}`} data-testid={`activity-${activity.id}`}>
      <Checkbox
        checked={activity.done}
        readOnly={!onToggle}
        disabled={!onToggle}
        onChange={onToggle ? (e) => onToggle(e.currentTarget.checked) : undefined}
        aria-label={`${activity.title}: ${activity.done ? 'done' : 'not done'}`}
        radius="sm"
      />
      <span className={classes.title}>{activity.title || 'Untitled activity'}</span>
      {activity.dueDate ? (
        <span className={`${classes.due} ${overdue ? classes.overdue : ''}`}>
          <IconCalendar size={12} aria-hidden />
          {overdue ? 'Overdue · ' : ''}
          {formatDate(activity.dueDate)}
        </span>
      ) : (
        <span className={`${classes.due} ${classes.noDue}`} aria-hidden />
      )}
      <span className={classes.assignee}>
        {assignee ? (
          <Tooltip label={`Assigned to ${assignee.name}`} withArrow>
            <span tabIndex={0} style={{ borderRadius: '50%' }}>
              <PersonAvatar name={assignee.name} color={assignee.color} side={assignee.companyId ? sideOf(assignee.companyId, ownerCompanyId) : undefined} size="xs" />
            </span>
          </Tooltip>
        ) : (
          <Tooltip label="Not assigned" withArrow>
            <span className={classes.unassigned} tabIndex={0} role="img" aria-label="Not assigned" />
          </Tooltip>
        )}
      </span>
    </li>
  );
}
