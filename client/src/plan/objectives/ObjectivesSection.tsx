/**
 * Strategic Objectives: a grid of cards. Admins define, reorder and delete objectives in place;
 * members and admins add progress; everyone sees status and history. Every write goes through
 * shared/schema.ts helpers and every control through shared/policy.ts, so a control is offered
 * exactly when the server would accept its change.
 */
import { useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { IconBooks, IconLock, IconLockOpen, IconPlus, IconTarget } from '@tabler/icons-react';
import {
  addFromCatalog,
  applyCatalogUpdate,
  hasCatalogUpdate,
  keepPlanText,
  type CatalogEntry,
} from '../../../../shared/catalog.ts';
import { useCatalog } from './useCatalog.ts';
import { canAddProgress, canEditObjectives, canLockObjectives, canUnlockObjective } from '../../../../shared/policy.ts';
import {
  ALL_OBJECTIVES,
  lockObjective,
  readObjectiveLocks,
  unlockObjective,
  type Objective,
} from '../../../../shared/schema.ts';
import { usePlan } from '../PlanContext.tsx';
import { SectionCard } from '../SectionCard.tsx';
import type { SectionDef } from '../sections.ts';
import { useObjectives, useProgress } from '../useDoc.ts';
import { EmptyState } from '../../ui/StateViews.tsx';
import { ObjectiveCard } from './ObjectiveCard.tsx';
import { ObjectiveFormModal } from './ObjectiveFormModal.tsx';
import { deleteObjectiveEverywhere, moveObjective } from './objectiveOps.ts';
import { AddProgressModal, ProgressHistoryModal } from './ProgressModals.tsx';
import classes from './ObjectivesSection.module.css';

type Dialog =
  { kind: 'create' } | { kind: 'catalog' } | { kind: 'edit' | 'delete' | 'progress' | 'history'; id: string } | null;

export function ObjectivesSection({ def }: { def: SectionDef }) {
  const { doc, actor, people, rel, me } = usePlan();
  const objectives = useObjectives(doc);
  const progressOf = useProgress(doc);
  const canEdit = canEditObjectives(actor);
  const canProgress = canAddProgress(actor);
  const canLock = canLockObjectives(actor);
  // Current with the objectives: useObjectives re-renders on every change to meta, where locks live.
  const locks = readObjectiveLocks(doc);
  const allLock = locks[ALL_OBJECTIVES] ?? null;
  // Only the owner company's people read its catalog; its admins add from it and take its updates.
  const catalog = useCatalog(canEdit && me.companyId === rel.ownerCompanyId ? rel.ownerCompanyId : null);
  const catalogEntry = (o: Objective): CatalogEntry | undefined =>
    o.catalogId ? catalog?.find((c) => c.id === o.catalogId) : undefined;
  const lockAs = (key: string) => lockObjective(doc, key, actor.userId, actor.companyId ?? '');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  // A dialog about an objective someone else just deleted closes with it, except the edit form,
  // which says so and keeps the admin's draft.
  const target: Objective | null =
    dialog && 'id' in dialog ? (objectives.find((o) => o.id === dialog.id) ?? null) : null;
  const [editing, setEditing] = useState<Objective | null>(null);

  const now = new Date();
  const actions = canEdit ? (
    <Group gap="xs">
      {canLock && !allLock ? (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconLock size={15} />}
          onClick={() => lockAs(ALL_OBJECTIVES)}
          data-testid="objectives-lock-all"
        >
          Lock all definitions
        </Button>
      ) : null}
      {allLock && canUnlockObjective(actor, allLock) ? (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconLockOpen size={15} />}
          onClick={() => unlockObjective(doc, ALL_OBJECTIVES)}
          data-testid="objectives-unlock-all"
        >
          Unlock all definitions
        </Button>
      ) : null}
      {catalog ? (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconBooks size={15} />}
          onClick={() => setDialog({ kind: 'catalog' })}
          disabled={!!allLock}
          data-testid="objective-add-from-catalog"
        >
          Add from catalog
        </Button>
      ) : null}
      <Button
        size="xs"
        leftSection={<IconPlus size={15} />}
        onClick={() => setDialog({ kind: 'create' })}
        disabled={!!allLock}
        title={allLock ? `All definitions are locked by ${people.name(allLock.by)}` : undefined}
        data-testid="objective-add"
      >
        Add custom objective
      </Button>
    </Group>
  ) : null;

  return (
    <SectionCard def={def} actions={actions} description="What both companies measure this partnership by.">
      {objectives.length === 0 ? (
        <EmptyState compact icon={<IconTarget size={22} stroke={1.7} />} title="No objectives yet">
          {canEdit
            ? 'Add the first objective from your company’s catalog, or a custom one with “Add custom objective”: a title, a measure from baseline to target, and a due date.'
            : 'An admin of this relationship adds the objectives both companies will track. You can add progress once they do.'}
        </EmptyState>
      ) : (
        <div className={classes.grid}>
          {objectives.map((o, i) => {
            // A locked definition is frozen for everyone (shared/policy.ts): offer nothing that changes it.
            const editable = canEdit && !o.lock;
            const ownLock = locks[o.id] ?? null;
            // Moving rewrites `order` on every objective whose place changes, so any lock stops it.
            const anyLocked = objectives.some((x) => x.lock);
            const entry = catalogEntry(o);
            const update = canEdit && hasCatalogUpdate(o, entry) ? entry : undefined;
            return (
              <ObjectiveCard
                key={o.id}
                objective={o}
                catalogUpdate={
                  update
                    ? {
                        locked: !!o.lock,
                        onApply: () => applyCatalogUpdate(doc, o.id, update),
                        onKeep: () => keepPlanText(doc, o.id, update),
                      }
                    : undefined
                }
                entries={progressOf(o.id)}
                definitionLocked={!canEdit}
                now={now}
                actions={{
                  onHistory: () => setDialog({ kind: 'history', id: o.id }),
                  onAddProgress: canProgress ? () => setDialog({ kind: 'progress', id: o.id }) : undefined,
                  onEdit: editable
                    ? () => {
                        setEditing(o);
                        setDialog({ kind: 'edit', id: o.id });
                      }
                    : undefined,
                  onLock: canLock && !o.lock ? () => lockAs(o.id) : undefined,
                  onUnlock:
                    ownLock && canUnlockObjective(actor, ownLock) ? () => unlockObjective(doc, o.id) : undefined,
                  onDelete: editable ? () => setDialog({ kind: 'delete', id: o.id }) : undefined,
                  onMove: canEdit && !anyLocked ? (delta) => moveObjective(doc, o.id, delta) : undefined,
                  canMoveUp: i > 0,
                  canMoveDown: i < objectives.length - 1,
                }}
              />
            );
          })}
        </div>
      )}

      <Modal opened={dialog?.kind === 'catalog'} onClose={close} title="Add from the catalog" size="lg" centered>
        <Text size="sm" mb="sm" c="dimmed">
          Your company’s objectives. Each is added with the catalog’s text; customise its description for this
          relationship afterwards.
        </Text>
        {(catalog ?? []).length === 0 ? (
          <Text size="sm">The catalog is empty. Company admins fill it in the admin section.</Text>
        ) : (
          <ul className={classes.catalogList}>
            {(catalog ?? []).map((c) => {
              const inPlan = objectives.some((o) => o.catalogId === c.id);
              return (
                <li key={c.id} data-testid="catalog-entry">
                  <div>
                    <strong>{c.title}</strong>
                    {c.description ? <p className={classes.muted}>{c.description}</p> : null}
                  </div>
                  <Button
                    size="compact-sm"
                    variant={inPlan ? 'subtle' : 'default'}
                    disabled={inPlan || !!allLock}
                    onClick={() => addFromCatalog(doc, c)}
                    data-testid="catalog-entry-add"
                  >
                    {inPlan ? 'In the plan' : 'Add'}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </Modal>
      <ObjectiveFormModal
        objective={dialog?.kind === 'edit' ? editing : null}
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        onClose={close}
      />
      {target ? (
        <>
          <AddProgressModal objective={target} opened={dialog?.kind === 'progress'} onClose={close} />
          <ProgressHistoryModal
            objective={target}
            entries={progressOf(target.id)}
            opened={dialog?.kind === 'history'}
            onClose={close}
          />
          <Modal opened={dialog?.kind === 'delete'} onClose={close} title="Delete this objective?" centered>
            <Text size="sm" mb="md">
              “{target.title}” and its {progressOf(target.id).length} progress{' '}
              {progressOf(target.id).length === 1 ? 'entry' : 'entries'} are removed for everyone in this plan, and it
              is unlinked from every project. This cannot be undone.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} data-autofocus>
                Keep it
              </Button>
              <Button
                color="red"
                onClick={() => {
                  deleteObjectiveEverywhere(doc, target.id);
                  close();
                }}
                data-testid="objective-delete-confirm"
              >
                Delete objective
              </Button>
            </Group>
          </Modal>
        </>
      ) : null}
    </SectionCard>
  );
}
