/**
 * Setting up a relationship's plan (owner company's admins): choose objectives from the saved
 * catalog, then POST /api/relationships/:id/plan. Server errors are shown in words, and the
 * choice stays as it was.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Stack } from '@mantine/core';
import { IconAlertTriangle, IconRocket } from '@tabler/icons-react';
import { ApiError } from '../api/http.ts';
import type { Relationship } from '../api/types.ts';
import { measureSentence } from '../plan/objectives/measure.ts';
import { configurePlan, type AccountPlanSettings } from './api.ts';
import classes from './Admin.module.css';

export function PlanSetup({
  rel,
  settings,
  onConfigured,
  onOpenSettings,
}: {
  rel: Relationship;
  settings: AccountPlanSettings;
  onConfigured: () => void;
  onOpenSettings: () => void;
}) {
  const catalog = settings.objectives.filter((o): o is typeof o & { id: string } => !!o.id);
  // What the admin unticked: objectives added to the catalog later start ticked, like the rest.
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const chosen = catalog.map((o) => o.id).filter((id) => !excluded.has(id));
  const setChosen = (ids: string[]) => setExcluded(new Set(catalog.map((o) => o.id).filter((id) => !ids.includes(id))));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      // In catalog order, whatever order they were ticked in.
      await configurePlan(
        rel.id,
        catalog.map((o) => o.id).filter((id) => chosen.includes(id)),
      );
      onConfigured();
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      setError(
        e?.code === 'area_not_configured'
          ? 'Account Plans are not enabled for your company yet. Enable them in Settings, save, then set up this plan.'
          : e?.code === 'already_configured'
            ? 'This plan was set up meanwhile, perhaps by another admin. Reload to see it as live.'
            : `The plan could not be set up: ${e?.message ?? String(err)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  if (!settings.enabled) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        data-testid={`setup-disabled-${rel.id}`}
      >
        Enable Account Plans for your company in Settings (and save) before setting up this plan.{' '}
        <Button variant="subtle" size="compact-sm" onClick={onOpenSettings}>
          Go to settings
        </Button>
      </Alert>
    );
  }
  return (
    <Stack gap="sm" data-testid={`setup-${rel.id}`}>
      <Checkbox.Group
        label="Objectives to start from"
        description="From your catalog. The plan gets its own copies; admins can add, edit and remove objectives in the plan later."
        value={chosen}
        onChange={setChosen}
      >
        <Stack gap={8} mt={8}>
          {catalog.length === 0 ? (
            <p className={classes.emptyLine}>
              Your catalog is empty: the plan will start without objectives. Add some in Settings first if you want
              them.
            </p>
          ) : null}
          {catalog.map((o) => (
            <Checkbox
              key={o.id}
              value={o.id}
              label={o.title}
              description={measureSentence({ title: o.title, measure: o.measure, dueDate: null })}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {error}
        </Alert>
      ) : null}
      <div>
        <Button
          leftSection={<IconRocket size={16} />}
          onClick={submit}
          loading={busy}
          data-testid={`setup-submit-${rel.id}`}
        >
          Set up the plan
          {chosen.length ? ` with ${chosen.length} ${chosen.length === 1 ? 'objective' : 'objectives'}` : ''}
        </Button>
      </div>
    </Stack>
  );
}
