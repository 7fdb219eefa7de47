/**
 * An activity of a project, in the spirit of Linear: drag handle, checkbox, title, due-date chip
 * (red and labelled "Overdue" when late), assignee avatar and a menu. Editable when `edit` is
 * given (everyone but viewers, on any project); read-only otherwise.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Button, Checkbox, Menu, Popover, TextInput, Tooltip } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconCalendar,
  IconDots,
  IconGripVertical,
  IconPencil,
  IconTrash,
  IconUserCircle,
} from '@tabler/icons-react';
import type { ActivityData } from '../../../../shared/schema.ts';
import { PersonAvatar } from '../../ui/PersonAvatar.tsx';
import { sideOf } from '../../ui/sides.ts';
import { isIsoDate } from '../objectives/draft.ts';
import { formatDate } from '../objectives/measure.ts';
import type { PeopleDirectory, PersonRef } from '../people.ts';
import classes from './AccountPlanProject.module.css';

export function isOverdue(a: Pick<ActivityData, 'dueDate' | 'done'>, now: Date): boolean {
  if (!a.dueDate || a.done) return false;
  const end = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(a.dueDate) ? `${a.dueDate}T23:59:59Z` : a.dueDate);
  return !Number.isNaN(end) && end < now.getTime();
}

export interface ActivityEdit {
  update: (patch: Partial<Omit<ActivityData, 'id'>>) => void;
  remove: () => void;
  move: (delta: -1 | 1) => void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** People who can be assigned (the relationship team). */
  assignees: PersonRef[];
  drag: {
    onDragStart: (e: DragEvent) => void;
    onDragOver: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
    onDragEnd: () => void;
    over: boolean;
  };
}

export interface ActivityRowProps {
  activity: ActivityData;
  people: PeopleDirectory;
  ownerCompanyId: string;
  now: Date;
  edit?: ActivityEdit;
}

export function ActivityRow({ activity, people, ownerCompanyId, now, edit }: ActivityRowProps) {
  const assignee = people.get(activity.assignee);
  const overdue = isOverdue(activity, now);
  const [renaming, setRenaming] = useState(false);
  const title = activity.title || 'Untitled activity';
  const avatar = assignee ? (
    <PersonAvatar
      name={assignee.name}
      color={assignee.color}
      side={assignee.companyId ? sideOf(assignee.companyId, ownerCompanyId) : undefined}
      size="xs"
      decorative
    />
  ) : (
    <span className={classes.unassigned} aria-hidden />
  );
  const assigneeLabel = assignee ? `Assigned to ${assignee.name}` : 'Not assigned';

  return (
    <li
      className={`${classes.row} ${activity.done ? classes.done : ''} ${edit?.drag.over ? classes.dropTarget : ''}`}
      data-testid={`activity-${activity.id}`}
      onDragOver={edit?.drag.onDragOver}
      onDrop={edit?.drag.onDrop}
    >
      {edit ? (
        <span
          className={classes.handle}
          draggable
          onDragStart={edit.drag.onDragStart}
          onDragEnd={edit.drag.onDragEnd}
          title="Drag to reorder (or use the menu to move with the keyboard)"
          aria-hidden
        >
          <IconGripVertical size={16} />
        </span>
      ) : null}
      <Checkbox
        checked={activity.done}
        readOnly={!edit}
        disabled={!edit}
        onChange={edit ? (e) => edit.update({ done: e.currentTarget.checked }) : undefined}
        aria-label={`${title}: ${activity.done ? 'done' : 'not done'}`}
        radius="sm"
        className={classes.check}
      />
      {renaming && edit ? (
        <RenameInput
          initial={activity.title}
          onSave={(t) => {
            edit.update({ title: t });
            setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <span className={classes.title} onDoubleClick={edit ? () => setRenaming(true) : undefined}>
          {title}
        </span>
      )}
      {edit ? (
        <DueDatePicker dueDate={activity.dueDate} overdue={overdue} onChange={(dueDate) => edit.update({ dueDate })} />
      ) : activity.dueDate ? (
        <DueChip dueDate={activity.dueDate} overdue={overdue} />
      ) : (
        <span className={`${classes.due} ${classes.noDue}`} aria-hidden />
      )}
      <span className={classes.assignee}>
        {edit ? (
          <Menu position="bottom-end" withinPortal width={220}>
            <Menu.Target>
              <button
                type="button"
                className={classes.assigneeButton}
                title={assigneeLabel}
                aria-label={`${assigneeLabel}. Change assignee of ${title}`}
                data-testid="activity-assignee"
              >
                {avatar}
              </button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Assign to</Menu.Label>
              {edit.assignees.map((p) => (
                <Menu.Item
                  key={p.id}
                  leftSection={
                    <PersonAvatar
                      name={p.name}
                      color={p.color}
                      side={p.companyId ? sideOf(p.companyId, ownerCompanyId) : undefined}
                      size="xs"
                      decorative
                    />
                  }
                  onClick={() => edit.update({ assignee: p.id })}
                  aria-current={p.id === activity.assignee ? 'true' : undefined}
                >
                  {p.name}
                  {p.companyName ? <span className={classes.menuCompany}> · {p.companyName}</span> : null}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => edit.update({ assignee: null })}>
                Nobody
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : (
          <Tooltip label={assigneeLabel} withArrow>
            <span
              tabIndex={0}
              role="img"
              aria-label={assigneeLabel}
              style={{ borderRadius: '50%', display: 'inline-flex' }}
            >
              {avatar}
            </span>
          </Tooltip>
        )}
      </span>
      {edit ? (
        <Menu position="bottom-end" withinPortal width={190}>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${title}`}
              data-testid="activity-menu"
              className={classes.rowMenu}
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setRenaming(true)}>
              Rename
            </Menu.Item>
            <Menu.Item
              leftSection={<IconArrowUp size={16} />}
              disabled={!edit.canMoveUp}
              onClick={() => edit.move(-1)}
              data-testid="activity-move-up"
            >
              Move up
            </Menu.Item>
            <Menu.Item
              leftSection={<IconArrowDown size={16} />}
              disabled={!edit.canMoveDown}
              onClick={() => edit.move(1)}
              data-testid="activity-move-down"
            >
              Move down
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={edit.remove}
              data-testid="activity-delete"
            >
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </li>
  );
}

function RenameInput({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (t: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const t = value.trim();
    if (!t) return setError('An activity needs a title.');
    onSave(t);
  };
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <TextInput
      size="xs"
      value={value}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        setError(null);
      }}
      onKeyDown={key}
      onBlur={() => (value.trim() ? commit() : onCancel())}
      error={error}
      aria-label="Activity title"
      className={classes.titleInput}
      autoFocus
      maxLength={500}
    />
  );
}

function DueChip({ dueDate, overdue }: { dueDate: string; overdue: boolean }) {
  return (
    <span className={`${classes.due} ${overdue ? classes.overdue : ''}`} data-overdue={overdue}>
      <IconCalendar size={12} aria-hidden />
      {overdue ? 'Overdue · ' : ''}
      {formatDate(dueDate)}
    </span>
  );
}

function DueDatePicker({
  dueDate,
  overdue,
  onChange,
}: {
  dueDate: string | null;
  overdue: boolean;
  onChange: (d: string | null) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState(dueDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (value && !isIsoDate(value)) return setError('Pick a date, or clear it.');
    onChange(value || null);
    setOpened(false);
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      withArrow
      trapFocus
      onOpen={() => {
        setValue(dueDate ?? '');
        setError(null);
      }}
    >
      <Popover.Target>
        <button
          type="button"
          className={`${classes.due} ${classes.dueButton} ${overdue ? classes.overdue : ''} ${dueDate ? '' : classes.dueEmpty}`}
          onClick={() => setOpened((o) => !o)}
          aria-label={
            dueDate ? `Due ${formatDate(dueDate)}${overdue ? ', overdue' : ''}. Change due date` : 'Set a due date'
          }
          data-overdue={overdue}
          data-testid="activity-due"
        >
          <IconCalendar size={12} aria-hidden />
          {dueDate ? `${overdue ? 'Overdue · ' : ''}${formatDate(dueDate)}` : 'Due date'}
        </button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          style={{ display: 'grid', gap: 8, minWidth: 200 }}
        >
          <TextInput
            type="date"
            label="Due date"
            size="xs"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
            {dueDate ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                onClick={() => (onChange(null), setOpened(false))}
              >
                Clear
              </Button>
            ) : null}
            <Button size="compact-xs" type="submit">
              Save
            </Button>
          </div>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
