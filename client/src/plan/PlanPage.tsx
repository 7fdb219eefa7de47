/**
 * The plan page: loads the relationship (REST) and decides what to show — not found, not a
 * participant, awaiting configuration, or the live plan.
 */
import { useCallback } from 'react';
import { Button } from '@mantine/core';
import { IconArrowLeft, IconHourglassEmpty, IconLockAccess, IconMapSearch } from '@tabler/icons-react';
import { getRelationship, getTeam } from '../api/endpoints.ts';
import { useMe } from '../auth/session.tsx';
import { navigate, paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { EmptyState, ErrorState } from '../ui/StateViews.tsx';
import { LivePlan } from './LivePlan.tsx';
import { PlanSkeleton } from './PlanSkeleton.tsx';

export function PlanPage({ relationshipId }: { relationshipId: string }) {
  const me = useMe();
  const rel = useAsync((signal) => getRelationship(relationshipId, signal), `${relationshipId}:${me.id}`);
  // The team only names people (lock holders, assignees); the plan works without it.
  const team = useAsync((signal) => getTeam(relationshipId, signal).catch(() => null), `${relationshipId}:${me.id}`);
  const relReload = rel.reload;
  const teamReload = team.reload;
  const refresh = useCallback(() => {
    relReload();
    teamReload();
  }, [relReload, teamReload]);
  const back = (
    <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate(paths.home())}>
      All relationships
    </Button>
  );

  if (rel.status === 'loading') return <PlanSkeleton />;
  if (rel.status === 'error') {
    if (rel.error.status === 404)
      return (
        <EmptyState
          icon={<IconMapSearch size={22} stroke={1.7} />}
          title="This relationship does not exist"
          action={back}
        >
          The link may be mistyped, or the relationship was removed.
        </EmptyState>
      );
    if (rel.error.status === 403)
      return (
        <EmptyState
          icon={<IconLockAccess size={22} stroke={1.7} />}
          title="You are not part of this relationship"
          action={back}
        >
          Ask a Company Admin of one of its two companies to add you to its team.
        </EmptyState>
      );
    return <ErrorState title="The plan could not be loaded" message={rel.error.message} onRetry={rel.reload} />;
  }
  const r = rel.data;
  if (!r.configured) {
    const owner = r.parties.find((p) => p.id === r.ownerCompanyId)?.name ?? 'the owner company';
    const iAmOwnerAdmin = me.companyRole === 'admin' && me.companyId === r.ownerCompanyId;
    const admins = r.ownerAdmins?.map((a) => a.name) ?? [];
    const who = admins.length
      ? `${admins.join(', ')} (${admins.length === 1 ? 'Company Admin' : 'Company Admins'} of ${owner})`
      : `a Company Admin of ${owner}`;
    return (
      <EmptyState
        icon={<IconHourglassEmpty size={22} stroke={1.7} />}
        title={`${r.name}: awaiting configuration`}
        action={
          iAmOwnerAdmin ? (
            <Button onClick={() => navigate(paths.setup(r.id))} data-testid="plan-setup-in-admin">
              Set up the plan
            </Button>
          ) : (
            back
          )
        }
      >
        {iAmOwnerAdmin
          ? `The account plan starts from ${owner}’s Account Plan settings. As a Company Admin of ${owner}, you can enable them and set up this plan in the Admin section.`
          : `This relationship’s account plan is awaiting configuration by ${who}. It opens here as soon as it is set up.`}
      </EmptyState>
    );
  }
  return <LivePlan key={r.id} rel={r} team={team.status === 'ok' ? team.data : null} onRefused={refresh} />;
}
