/**
 * A relationship's team (relationship admins): people of both parties with their roles. Each
 * company manages its own people (the server answers 403 otherwise), so an admin adds, changes
 * and removes only colleagues; the other company's rows say who manages them. Company Admins are
 * always admins of their company's relationships, so their row says so instead of offering controls.
 */
import { useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, Select, Skeleton, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { getTeam } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { ParticipantRole, Relationship, TeamMember } from '../api/types.ts';
import { useAsync } from '../lib/useAsync.ts';
import { forgetTeam } from '../plan/projects/useTeam.ts';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { sideOf } from '../ui/sides.ts';
import { ErrorState } from '../ui/StateViews.tsx';
import { getCompanyUsers, putTeamMember, removeTeamMember, type CompanyUser } from './api.ts';
import { useMe } from '../auth/session.tsx';
import classes from './Admin.module.css';

const ROLE_OPTIONS = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
];
const message = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

export function TeamEditor({ rel }: { rel: Relationship }) {
  const me = useMe();
  const team = useAsync((signal) => getTeam(rel.id, signal), rel.id);
  const users = useAsync(
    (signal) => getCompanyUsers(me.companyId, signal).catch(() => [] as CompanyUser[]),
    `${rel.id}:${me.companyId}`,
  );
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const list = members ?? (team.status === 'ok' ? team.data : null);
  const companyAdmins = useMemo(
    () => new Set((users.data ?? []).filter((u) => u.companyRole === 'admin').map((u) => u.id)),
    [users.data],
  );
  const otherCompany = rel.parties.find((p) => p.id !== me.companyId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<TeamMember | null>(null);

  if (team.status === 'loading')
    return (
      <div aria-busy="true" aria-label="Loading the team" className={classes.teamSkeleton}>
        <Skeleton height={40} radius="md" />
        <Skeleton height={40} radius="md" />
        <Skeleton height={40} radius="md" />
      </div>
    );
  if (team.status === 'error')
    return (
      <ErrorState compact title="The team could not be loaded" message={team.error.message} onRetry={team.reload} />
    );

  const apply = async (key: string, fn: () => Promise<TeamMember[]>): Promise<boolean> => {
    setError(null);
    setBusy(key);
    try {
      setMembers(await fn());
      forgetTeam(rel.id);
      return true;
    } catch (err) {
      setError(message(err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const current = list ?? [];
  const sorted = (l: TeamMember[]) =>
    [...l].sort(
      (a, b) =>
        Number(b.companyId === rel.ownerCompanyId) - Number(a.companyId === rel.ownerCompanyId) ||
        a.name.localeCompare(b.name),
    );
  const setRole = (m: TeamMember, role: ParticipantRole) =>
    apply(`role-${m.userId}`, async () => {
      const updated = await putTeamMember(rel.id, m.userId, role);
      return current.map((x) => (x.userId === m.userId ? updated : x));
    });
  const remove = (m: TeamMember) =>
    apply(`remove-${m.userId}`, async () => {
      await removeTeamMember(rel.id, m.userId);
      return current.filter((x) => x.userId !== m.userId);
    });

  return (
    <div className={classes.team} data-testid={`team-${rel.id}`}>
      {error ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          role="alert"
          withCloseButton
          onClose={() => setError(null)}
          closeButtonLabel="Dismiss"
        >
          {error}
        </Alert>
      ) : null}
      <ul className={classes.teamList} aria-label={`Team of ${rel.name}`}>
        {current.map((m) => {
          const locked =
            companyAdmins.has(m.userId) || (m.role === 'admin' && m.companyId !== me.companyId && !m.deactivated);
          const theirs = m.companyId !== me.companyId;
          const side = sideOf(m.companyId, rel.ownerCompanyId);
          return (
            <li key={m.userId} className={classes.teamRow} data-testid={`team-member-${m.userId}`}>
              <PersonAvatar name={m.name} color={m.color} side={side} size="sm" decorative />
              <span className={classes.teamWho}>
                <span className={classes.teamName}>{m.name}</span>
                <span className={classes.teamEmail}>{m.email}</span>
              </span>
              <PartyBadge name={m.companyName} side={side} size="sm" />
              {m.deactivated ? (
                <span className={classes.teamFixed}>Deactivated</span>
              ) : theirs ? (
                <span
                  className={classes.teamFixed}
                  title={`Each company manages its own people: ${otherCompany?.name ?? 'the other company'} manages this role`}
                >
                  {m.role === 'admin' ? 'Admin' : m.role === 'member' ? 'Member' : 'Viewer'} · managed by{' '}
                  {m.companyName}
                </span>
              ) : locked ? (
                <span className={classes.teamFixed}>Admin · Company Admin</span>
              ) : (
                <Group gap={6} wrap="nowrap">
                  <Select
                    size="xs"
                    w={120}
                    data={ROLE_OPTIONS}
                    value={m.role}
                    onChange={(v) => v && v !== m.role && void setRole(m, v as ParticipantRole)}
                    allowDeselect={false}
                    disabled={busy !== null}
                    aria-label={`Role of ${m.name}`}
                    data-testid="team-role"
                  />
                  <Tooltip label={`Remove ${m.name} from this relationship`} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setConfirmRemove(m)}
                      loading={busy === `remove-${m.userId}`}
                      aria-label={`Remove ${m.name}`}
                      data-testid="team-remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </li>
          );
        })}
      </ul>
      <AddPerson
        rel={rel}
        candidates={(users.data ?? []).filter((u) => !u.deactivatedAt && !current.some((m) => m.userId === u.id))}
        usersLoading={users.status === 'loading'}
        onAdd={(userId, role) =>
          apply(`add-${userId}`, async () => {
            const added = await putTeamMember(rel.id, userId, role);
            return sorted([...current.filter((x) => x.userId !== userId), added]);
          })
        }
        busy={busy?.startsWith('add-') ?? false}
      />
      <Modal
        opened={confirmRemove !== null}
        onClose={() => setConfirmRemove(null)}
        title={`Remove ${confirmRemove?.name ?? 'this person'}?`}
        centered
      >
        <Text size="sm" mb="md">
          {confirmRemove?.name} leaves {rel.name} at once: the plan closes on their screen and they no longer see it.
          Their work in the plan stays. You can add them again later.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setConfirmRemove(null)} data-autofocus>
            Keep them
          </Button>
          <Button
            color="red"
            onClick={() => {
              const m = confirmRemove;
              setConfirmRemove(null);
              if (m) void remove(m);
            }}
            data-testid="team-remove-confirm"
          >
            Remove from the team
          </Button>
        </Group>
      </Modal>
    </div>
  );
}

function AddPerson({
  rel,
  candidates,
  usersLoading,
  onAdd,
  busy,
}: {
  rel: Relationship;
  candidates: CompanyUser[];
  usersLoading: boolean;
  onAdd: (userId: string, role: ParticipantRole) => Promise<boolean>;
  busy: boolean;
}) {
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<ParticipantRole>('member');
  const [error, setError] = useState<string | null>(null);
  const groups = rel.parties
    .map((p) => ({
      group: p.name,
      items: candidates
        .filter((u) => u.companyId === p.id)
        .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <form
      className={classes.addPerson}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!userId) return setError('Choose a person to add.');
        setError(null);
        // On failure the choice stays, and the team's error says why.
        if (await onAdd(userId, role)) setUserId(null);
      }}
      noValidate
    >
      <Select
        className={classes.grow}
        label="Add a person"
        placeholder={
          usersLoading
            ? 'Loading people…'
            : groups.length
              ? 'Choose a colleague'
              : 'All your colleagues are already in the team'
        }
        data={groups}
        value={userId}
        onChange={(v) => (setUserId(v), setError(null))}
        searchable
        nothingFoundMessage="Nobody by that name"
        disabled={groups.length === 0}
        error={error}
        data-testid="team-add-person"
      />
      <Select
        label="Role"
        w={130}
        data={ROLE_OPTIONS}
        value={role}
        onChange={(v) => v && setRole(v as ParticipantRole)}
        allowDeselect={false}
        data-testid="team-add-role"
      />
      <Button
        type="submit"
        leftSection={<IconUserPlus size={16} />}
        loading={busy}
        disabled={groups.length === 0}
        className={classes.addButton}
      >
        Add to team
      </Button>
    </form>
  );
}
