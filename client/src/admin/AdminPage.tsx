/**
 * The admin section (Company Admins): the company's Account Plan settings, and its relationships:
 * set up a plan where the company is the owner, and manage each relationship's team.
 */
import { useState, type ReactNode } from 'react';
import { Badge, Button, Skeleton, Tabs } from '@mantine/core';
import { IconAdjustments, IconArrowRight, IconBuildingCommunity, IconLockAccess, IconUsers } from '@tabler/icons-react';
import type { Relationship } from '../api/types.ts';
import { useMe } from '../auth/session.tsx';
import { navigate, paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { useRelationships } from '../relationships/RelationshipsContext.tsx';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { sideOf } from '../ui/sides.ts';
import { EmptyState, ErrorState } from '../ui/StateViews.tsx';
import { getSettings, type AccountPlanSettings, type VersionedSettings } from './api.ts';
import { PlanSetup } from './PlanSetup.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { TeamEditor } from './TeamEditor.tsx';
import { PeopleAdmin } from './PeopleAdmin.tsx';
import { RelationshipControls } from './RelationshipControls.tsx';
import classes from './Admin.module.css';

export function AdminPage() {
  const me = useMe();
  const [tab, setTab] = useState<string | null>('settings');
  if (me.companyRole !== 'admin') {
    return (
      <EmptyState
        icon={<IconLockAccess size={22} stroke={1.7} />}
        title="Admin is for Company Admins"
        action={
          <Button variant="default" onClick={() => navigate(paths.home())}>
            Go to relationships
          </Button>
        }
      >
        You are a member of {me.companyName}. A Company Admin of {me.companyName} manages its Account Plan settings and
        relationship teams.
      </EmptyState>
    );
  }
  return (
    <div className={classes.page}>
      <header className={classes.header}>
        <h1 className={classes.title}>Admin</h1>
        <p className={classes.subtitle}>
          Account Plans for {me.companyName}: the settings new plans start from, who takes part in each relationship,
          and the company’s people.
        </p>
      </header>
      <Tabs value={tab} onChange={setTab} keepMounted className={classes.tabs}>
        <Tabs.List>
          <Tabs.Tab value="settings" leftSection={<IconAdjustments size={16} />} data-testid="admin-tab-settings">
            Settings
          </Tabs.Tab>
          <Tabs.Tab
            value="relationships"
            leftSection={<IconBuildingCommunity size={16} />}
            data-testid="admin-tab-relationships"
          >
            Relationships
          </Tabs.Tab>
          <Tabs.Tab value="people" leftSection={<IconUsers size={16} />} data-testid="admin-tab-people">
            People
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="lg">
          <PeopleAdmin />
        </Tabs.Panel>
        <SettingsLoader companyId={me.companyId} companyName={me.companyName}>
          {(saved, setSaved) => (
            <>
              <Tabs.Panel value="settings" pt="lg">
                <SettingsForm companyId={me.companyId} companyName={me.companyName} saved={saved} onSaved={setSaved} />
              </Tabs.Panel>
              <Tabs.Panel value="relationships" pt="lg">
                <RelationshipsAdmin settings={saved.settings} onOpenSettings={() => setTab('settings')} />
              </Tabs.Panel>
            </>
          )}
        </SettingsLoader>
      </Tabs>
    </div>
  );
}

function SettingsLoader({
  companyId,
  children,
}: {
  companyId: string;
  companyName: string;
  children: (saved: VersionedSettings, setSaved: (s: VersionedSettings) => void) => ReactNode;
}) {
  const loaded = useAsync((signal) => getSettings(companyId, signal), companyId);
  const [saved, setSaved] = useState<VersionedSettings | null>(null);
  if (loaded.status === 'loading')
    return (
      <div className={classes.skeleton} aria-busy="true" aria-label="Loading the settings">
        <Skeleton height={64} radius="md" />
        <Skeleton height={240} radius="md" />
        <Skeleton height={160} radius="md" />
      </div>
    );
  if (loaded.status === 'error')
    return (
      <ErrorState title="The settings could not be loaded" message={loaded.error.message} onRetry={loaded.reload} />
    );
  return <>{children(saved ?? loaded.data, setSaved)}</>;
}

function RelationshipsAdmin({
  settings,
  onOpenSettings,
}: {
  settings: AccountPlanSettings;
  onOpenSettings: () => void;
}) {
  const me = useMe();
  const rels = useRelationships();
  const [teamOpen, setTeamOpen] = useState<string | null>(null);
  if (rels.status === 'loading')
    return (
      <div className={classes.skeleton} aria-busy="true" aria-label="Loading relationships">
        <Skeleton height={120} radius="md" />
        <Skeleton height={120} radius="md" />
      </div>
    );
  if (rels.status === 'error')
    return <ErrorState title="Relationships could not be loaded" message={rels.error.message} onRetry={rels.reload} />;
  const mine = rels.data.filter((r) => r.parties.some((p) => p.id === me.companyId));
  if (mine.length === 0)
    return (
      <EmptyState icon={<IconBuildingCommunity size={22} stroke={1.7} />} title="No relationships yet">
        {me.companyName} has no relationships with other companies in Charter yet. They appear here once created, ready
        to set up.
      </EmptyState>
    );
  return (
    <ul className={classes.relList}>
      {mine.map((r) => (
        <RelationshipAdminCard
          key={r.id}
          rel={r}
          settings={settings}
          onOpenSettings={onOpenSettings}
          teamOpen={teamOpen === r.id}
          onToggleTeam={() => setTeamOpen((t) => (t === r.id ? null : r.id))}
          onConfigured={rels.reload}
        />
      ))}
    </ul>
  );
}

function RelationshipAdminCard({
  rel,
  settings,
  onOpenSettings,
  teamOpen,
  onToggleTeam,
  onConfigured,
}: {
  rel: Relationship;
  settings: AccountPlanSettings;
  onOpenSettings: () => void;
  teamOpen: boolean;
  onToggleTeam: () => void;
  onConfigured: () => void;
}) {
  const me = useMe();
  const owner = rel.parties.find((p) => p.id === rel.ownerCompanyId);
  const partner = rel.parties.find((p) => p.id !== rel.ownerCompanyId);
  const iOwn = rel.ownerCompanyId === me.companyId;
  return (
    <li className={classes.relCard} data-testid={`admin-rel-${rel.id}`}>
      <div className={classes.relHead}>
        <div className={classes.relTitleBlock}>
          <h2 className={classes.relTitle}>{rel.name}</h2>
          <div className={classes.parties}>
            {owner ? (
              <PartyBadge name={owner.name} side={sideOf(owner.id, rel.ownerCompanyId)} showRole size="sm" />
            ) : null}
            {partner ? <PartyBadge name={partner.name} side="partner" size="sm" /> : null}
          </div>
        </div>
        {rel.archived ? (
          <Badge color="gray" variant="light" size="lg" radius="sm" tt="none" data-testid={`admin-rel-state-${rel.id}`}>
            Archived
          </Badge>
        ) : rel.status === 'pending' ? (
          <Badge color="blue" variant="light" size="lg" radius="sm" tt="none" data-testid={`admin-rel-state-${rel.id}`}>
            Invitation pending
          </Badge>
        ) : rel.status === 'declined' ? (
          <Badge color="red" variant="light" size="lg" radius="sm" tt="none" data-testid={`admin-rel-state-${rel.id}`}>
            Declined
          </Badge>
        ) : rel.configured ? (
          <Badge
            color="green"
            variant="light"
            size="lg"
            radius="sm"
            tt="none"
            data-testid={`admin-rel-state-${rel.id}`}
          >
            Plan is live
          </Badge>
        ) : (
          <Badge
            color="yellow"
            variant="light"
            size="lg"
            radius="sm"
            tt="none"
            data-testid={`admin-rel-state-${rel.id}`}
          >
            Awaiting set-up
          </Badge>
        )}
      </div>
      {iOwn ? <RelationshipControls rel={rel} onChanged={onConfigured} /> : null}
      {rel.status && rel.status !== 'active' ? (
        <p className={classes.relNote}>
          {rel.status === 'pending'
            ? `Waiting for ${rel.partnerEmail ?? 'the partner'} to accept. Resend or revoke the invitation in People.`
            : `${rel.partnerEmail ?? 'The partner'} declined this relationship.`}
        </p>
      ) : rel.configured ? (
        <div className={classes.relBody}>
          <Button
            variant="default"
            rightSection={<IconArrowRight size={16} />}
            onClick={() => navigate(paths.plan(rel.id))}
            data-testid={`admin-open-${rel.id}`}
          >
            Open plan
          </Button>
        </div>
      ) : iOwn ? (
        <div className={classes.relBody}>
          <PlanSetup rel={rel} settings={settings} onConfigured={onConfigured} onOpenSettings={onOpenSettings} />
        </div>
      ) : (
        <p className={classes.relNote}>
          {owner?.name ?? 'The owner company'} owns this relationship: one of its Company Admins sets up the plan from
          its settings.
        </p>
      )}
      {rel.status && rel.status !== 'active' ? null : (
        <div className={classes.relTeam}>
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconUsers size={16} />}
            onClick={onToggleTeam}
            aria-expanded={teamOpen}
            data-testid={`admin-team-toggle-${rel.id}`}
          >
            {teamOpen ? 'Hide team' : 'Manage team'}
          </Button>
          {teamOpen ? <TeamEditor rel={rel} /> : null}
        </div>
      )}
    </li>
  );
}
