/**
 * Relationships home: one row per relationship with both parties side by side, the user's role,
 * the plan's state and who is in it right now.
 */
import { Badge, Button, Group, Skeleton, Tooltip } from '@mantine/core';
import { IconArrowRight, IconClockHour4, IconPlus, IconRocket, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { IncomingInvitations } from './IncomingInvitations.tsx';
import { NewRelationshipModal } from './NewRelationshipModal.tsx';
import type { Relationship } from '../api/types.ts';
import { useMe } from '../auth/session.tsx';
import { Link } from '../lib/Link.tsx';
import { navigate, paths } from '../lib/router.tsx';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideOf } from '../ui/sides.ts';
import { EmptyState, ErrorState } from '../ui/StateViews.tsx';
import { usePresencePeek } from '../presence/usePresence.ts';
import { useRelationships } from './RelationshipsContext.tsx';
import { roleLabel } from '../plan/roles.ts';
import { api } from '../api/http.ts';
import { useAsync } from '../lib/useAsync.ts';
import classes from './RelationshipsPage.module.css';

export function RelationshipsPage() {
  const rels = useRelationships();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  // Unread comments per plan, for the plans not open (an open plan's header keeps its own count).
  const inbox = useAsync(
    (signal) =>
      api<{ byRelationship: Record<string, number> }>('/api/notifications?limit=1', { signal }).catch(() => null),
    me.id,
  );
  const unread = inbox.status === 'ok' ? (inbox.data?.byRelationship ?? {}) : {};
  return (
    <div className={classes.page}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <h1 className={classes.title}>Relationships</h1>
        {me.companyRole === 'admin' ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-relationship">
            New relationship
          </Button>
        ) : null}
      </Group>
      <p className={classes.lede}>The strategic partnerships {me.companyName} plans together with another company.</p>
      {me.companyRole === 'admin' ? <IncomingInvitations onAccepted={rels.reload} /> : null}
      <NewRelationshipModal opened={creating} onClose={() => setCreating(false)} onCreated={rels.reload} />
      {rels.status === 'loading' ? (
        <ul className={classes.list} aria-busy="true" aria-label="Loading relationships">
          {[0, 1].map((i) => (
            <li key={i}>
              <Skeleton className={classes.skeletonRow} radius="lg" />
            </li>
          ))}
        </ul>
      ) : rels.status === 'error' ? (
        <ErrorState title="Relationships could not be loaded" message={rels.error.message} onRetry={rels.reload} />
      ) : rels.data.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={22} stroke={1.7} />} title="No relationships yet">
          {me.companyRole === 'admin'
            ? 'Start one with “New relationship”: name it and invite the partner company’s admin by e-mail. Relationships other companies invite you to appear here too.'
            : `When a Company Admin of ${me.companyName} adds you to a relationship, it appears here.`}
        </EmptyState>
      ) : (
        <ul className={classes.list}>
          {rels.data.map((r) => (
            <RelationshipRow key={r.id} rel={r} unread={unread[r.id] ?? 0} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RelationshipRow({ rel, unread }: { rel: Relationship; unread: number }) {
  const me = useMe();
  const owner = rel.parties.find((p) => p.id === rel.ownerCompanyId);
  const partner = rel.parties.find((p) => p.id !== rel.ownerCompanyId) ?? rel.parties[1];
  const people = usePresencePeek(rel.id, rel.configured);
  const pending = rel.status === 'pending' || rel.status === 'declined';
  const canSetUp =
    !pending && !rel.configured && !rel.archived && me.companyRole === 'admin' && me.companyId === rel.ownerCompanyId;
  const admins = rel.ownerAdmins?.map((a) => a.name) ?? [];
  const headingId = `rel-${rel.id}`;
  return (
    <li className={classes.row} aria-labelledby={headingId} data-testid={`relationship-${rel.id}`}>
      <div>
        <h2 className={classes.name} id={headingId}>
          {rel.configured ? <Link to={paths.plan(rel.id)}>{rel.name}</Link> : rel.name}
          {rel.archived ? (
            <Badge ml="xs" color="gray" variant="light" tt="none" data-testid={`archived-${rel.id}`}>
              Archived · read-only
            </Badge>
          ) : null}
          {unread > 0 ? (
            <Badge ml="xs" color="yellow" variant="light" tt="none" data-testid={`unread-${rel.id}`}>
              {unread} unread {unread === 1 ? 'notification' : 'notifications'}
            </Badge>
          ) : null}
        </h2>
        <div className={classes.parties}>
          {owner ? <PartyBadge name={owner.name} side="owner" showRole /> : null}
          <span className={classes.times} aria-hidden>
            ×
          </span>
          {partner ? <PartyBadge name={partner.name} side="partner" /> : null}
        </div>
      </div>
      <div className={classes.facts}>
        <div className={classes.fact}>
          <span className={classes.factLabel}>Your role</span>
          <span className={classes.state}>{roleLabel(rel.myRole)}</span>
        </div>
        <div className={classes.fact}>
          <span className={classes.factLabel}>Plan</span>
          {rel.status === 'pending' ? (
            <span className={`${classes.state} ${classes.awaiting}`} data-testid={`rel-state-${rel.id}`}>
              <IconClockHour4 size={15} aria-hidden />
              Invitation sent to {rel.partnerEmail ?? 'the partner'}; waiting for them to accept
            </span>
          ) : rel.status === 'declined' ? (
            <span className={`${classes.state} ${classes.awaiting}`} data-testid={`rel-state-${rel.id}`}>
              {rel.partnerEmail ?? 'The partner'} declined
            </span>
          ) : rel.configured ? (
            <span className={classes.state}>
              <span className={classes.liveDot} aria-hidden />
              Live
            </span>
          ) : canSetUp ? (
            <span className={`${classes.state} ${classes.awaiting}`} data-testid={`rel-state-${rel.id}`}>
              <IconClockHour4 size={15} aria-hidden />
              Ready for you to set up
            </span>
          ) : (
            <span className={`${classes.state} ${classes.awaiting}`} data-testid={`rel-state-${rel.id}`}>
              <IconClockHour4 size={15} aria-hidden />
              Awaiting set-up by{' '}
              {admins.length
                ? `${admins.join(', ')} (${admins.length === 1 ? 'Company Admin' : 'Company Admins'} of ${owner?.name ?? 'the owner'})`
                : `a Company Admin of ${owner?.name ?? 'the owner'}`}
            </span>
          )}
        </div>
        {rel.configured ? (
          <div className={classes.fact}>
            <span className={classes.factLabel}>In it now</span>
            {people === null ? (
              <Skeleton height={22} width={90} radius="xl" />
            ) : people.length === 0 ? (
              <span>Nobody</span>
            ) : (
              <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                {people.slice(0, 6).map((p) => (
                  <Tooltip key={p.user.id} label={`${p.user.name} · ${p.user.companyName}`} withArrow>
                    <span tabIndex={0} style={{ borderRadius: '50%' }}>
                      <PersonAvatar
                        name={p.user.name}
                        color={p.user.color}
                        side={sideOf(p.user.companyId, rel.ownerCompanyId)}
                        size="xs"
                      />
                    </span>
                  </Tooltip>
                ))}
                {people.length > 6 ? <span>+{people.length - 6}</span> : null}
              </span>
            )}
          </div>
        ) : null}
      </div>
      <div className={classes.action}>
        {rel.configured ? (
          <Button rightSection={<IconArrowRight size={16} />} onClick={() => navigate(paths.plan(rel.id))} fullWidth>
            Open plan
          </Button>
        ) : canSetUp ? (
          <Button
            leftSection={<IconRocket size={16} />}
            onClick={() => navigate(paths.setup(rel.id))}
            fullWidth
            data-testid={`setup-action-${rel.id}`}
          >
            Set up the plan
          </Button>
        ) : pending ? null : (
          <Button variant="default" disabled fullWidth>
            Not set up yet
          </Button>
        )}
      </div>
    </li>
  );
}
