/**
 * A project's activities: the rows, drag (mouse) or menu (keyboard) to reorder, and a one-line
 * form to add one. Everyone but viewers edits activities on any project (shared/policy.ts).
 */
import { useState, type FormEvent } from 'react';
import { Button, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { canEditActivities } from '../../../../shared/policy.ts';
import { addActivity, moveActivity, removeActivity, updateActivity, type Project } from '../../../../shared/schema.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { usePlan } from '../PlanContext.tsx';
import type { PersonRef } from '../people.ts';
import { useUndoableDelete } from '../useUndoableDelete.tsx';
import { ActivityRow } from './ActivityRow.tsx';
import classes from './AccountPlanProject.module.css';

export function ActivityList({ project, assignees }: { project: Project; assignees: PersonRef[] }) {
  const { doc, actor, people, rel } = usePlan();
  const editable = canEditActivities(actor);
  const removeUndoably = useUndoableDelete();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const now = new Date();
  const acts = project.activities;

  // Activities may vanish under a remote edit: every write checks it still exists.
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      /* the activity or project was removed meanwhile; the list re-renders without it */
    }
  };

  return (
    <div className={classes.activities}>
      {acts.length === 0 ? (
        <EmptyState compact title="No activities yet">
          {editable
            ? 'Add the first step below: what needs doing, then who does it and by when.'
            : 'Members and admins of this relationship add activities here.'}
        </EmptyState>
      ) : (
        <ul className={classes.list} aria-label={`Activities of ${project.name}`}>
          {acts.map((a, i) => (
            <ActivityRow
              key={a.id}
              activity={a}
              people={people}
              ownerCompanyId={rel.ownerCompanyId}
              now={now}
              edit={
                editable
                  ? {
                      update: (patch) => safely(() => updateActivity(doc, project.id, a.id, patch)),
                      remove: () =>
                        safely(() =>
                          removeUndoably(`the activity “${a.title || 'Untitled'}”`, () =>
                            removeActivity(doc, project.id, a.id),
                          ),
                        ),
                      move: (delta) => safely(() => moveActivity(doc, project.id, a.id, i + delta)),
                      canMoveUp: i > 0,
                      canMoveDown: i < acts.length - 1,
                      assignees,
                      drag: {
                        over: over === i && dragging !== null && dragging !== a.id,
                        onDragStart: (e) => {
                          e.dataTransfer.effectAllowed = 'move';
                          e.dataTransfer.setData('text/plain', a.id);
                          setDragging(a.id);
                        },
                        onDragOver: (e) => {
                          if (!dragging) return;
                          e.preventDefault();
                          if (over !== i) setOver(i);
                        },
                        onDrop: (e) => {
                          e.preventDefault();
                          if (dragging && dragging !== a.id) safely(() => moveActivity(doc, project.id, dragging, i));
                          setDragging(null);
                          setOver(null);
                        },
                        onDragEnd: () => {
                          setDragging(null);
                          setOver(null);
                        },
                      },
                    }
                  : undefined
              }
            />
          ))}
        </ul>
      )}
      {editable ? <AddActivity projectId={project.id} projectName={project.name} /> : null}
    </div>
  );
}

function AddActivity({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { doc } = usePlan();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    if (!t) return setError('Type what needs doing first.');
    if (t.length > 500) return setError('Keep it under 500 characters.');
    try {
      addActivity(doc, projectId, { title: t, done: false, assignee: null, dueDate: null });
      setTitle('');
    } catch {
      setError('This project was removed meanwhile; the activity was not added.');
    }
  };
  return (
    <form className={classes.addRow} onSubmit={submit} noValidate>
      <TextInput
        className={classes.addInput}
        placeholder="Add an activity…"
        aria-label={`New activity for ${projectName}`}
        value={title}
        onChange={(e) => {
          setTitle(e.currentTarget.value);
          setError(null);
        }}
        error={error}
        data-testid="activity-add-input"
      />
      <Button type="submit" variant="default" leftSection={<IconPlus size={15} />} data-testid="activity-add">
        Add
      </Button>
    </form>
  );
}
