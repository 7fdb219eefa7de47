/**
 * `/admin/setup/<relationship>`: where "Set up the plan" on the home card leads, for a Company
 * Admin of the owner. When the company's Account Plan area is not enabled yet, enabling it is the
 * first step on this same page (the catalog and libraries stay as saved), then the objectives are
 * chosen and the plan is created.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle, IconSettings, IconToggleRight } from '@tabler/icons-react';
import { ApiError } from '../api/http.ts';
import { useMe } from '../auth/session.tsx';
import { navigate, paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { useRelationships } from '../relationships/RelationshipsContext.tsx';
import { EmptyState, ErrorState } from '../ui/StateViews.tsx';
import { getSettings, putSettings, SettingsChangedError, type VersionedSettings } from './api.ts';
import { PlanSetup } from './PlanSetup.tsx';
import classes from './Admin.module.css';

export function SetupPage({ relationshipId }: { relationshipId: string }) {
  const me = useMe();
  const rels = useRelationships();
  const loaded = useAsync((signal) => getSettings(me.companyId, signal), me.companyId);
  const [settings, setSettings] = useState<VersionedSettings | null>(null);
  const [enabling, setEnabling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const configured = rels.status === 'ok' && rels.data.some((r) => r.id === relationshipId && r.configured);
  useEffect(() => {
    if (configured) navigate(paths.plan(relationshipId), { replace: true });
  }, [configured, relationshipId]);

  if (rels.status === 'loading' || loaded.status === 'loading')
    return (
      <div className={classes.page} aria-busy="true" aria-label="Loading the set-up">
        <Skeleton height={40} width={320} radius="sm" />
        <Skeleton height={200} radius="md" mt="lg" />
      </div>
    );
  if (rels.status === 'error')
    return <ErrorState title="Relationships could not be loaded" message={rels.error.message} onRetry={rels.reload} />;
  if (loaded.status === 'error')
    return (
      <ErrorState title="The settings could not be loaded" message={loaded.error.message} onRetry={loaded.reload} />
    );
  const rel = rels.data.find((r) => r.id === relationshipId);
  if (!rel || rel.ownerCompanyId !== me.companyId || me.companyRole !== 'admin') {
    return (
      <EmptyState
        icon={<IconSettings size={22} stroke={1.7} />}
        title="Nothing to set up here"
        action={
          <Button variant="default" onClick={() => navigate(paths.home())}>
            Go to relationships
          </Button>
        }
      >
        Only a Company Admin of the company that owns a relationship sets up its plan.
      </EmptyState>
    );
  }
  if (rel.configured) return null;
  const current = settings ?? loaded.data;

  const enable = async () => {
    setEnabling(true);
    setError(null);
    try {
      try {
        setSettings(await putSettings(me.companyId, { ...current.settings, enabled: true }, current.version));
      } catch (err) {
        // Another admin saved the settings meanwhile: enable what is stored now, keeping their changes.
        if (!(err instanceof SettingsChangedError)) throw err;
        setSettings(await putSettings(me.companyId, { ...err.current.settings, enabled: true }, err.current.version));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setEnabling(false);
    }
  };

  return (
    <div className={classes.page} data-testid={`setup-page-${rel.id}`}>
      <header className={classes.header}>
        <h1 className={classes.title}>Set up the plan</h1>
        <p className={classes.subtitle}>
          {rel.name}: the plan starts from {me.companyName}’s Account Plan settings. Both companies see it as soon as it
          is set up.
        </p>
      </header>
      <Stack gap="lg" className={classes.panel}>
        {!current.settings.enabled ? (
          <Stack gap="sm" data-testid="setup-enable-step">
            <Alert
              color="yellow"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="Account Plans are not enabled yet"
            >
              Enable them for {me.companyName} first. Your objective catalog has {current.settings.objectives.length}{' '}
              {current.settings.objectives.length === 1 ? 'objective' : 'objectives'}; you can edit it in Admin →
              Settings at any time.
            </Alert>
            {error ? (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            ) : null}
            <div>
              <Button
                leftSection={<IconToggleRight size={16} />}
                onClick={enable}
                loading={enabling}
                data-testid="setup-enable"
              >
                Enable Account Plans for {me.companyName}
              </Button>
            </div>
          </Stack>
        ) : (
          <PlanSetup
            rel={rel}
            settings={current.settings}
            onConfigured={rels.reload}
            onOpenSettings={() => navigate(paths.admin())}
          />
        )}
      </Stack>
    </div>
  );
}
