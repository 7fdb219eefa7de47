/**
 * Admin → People (Company Admins): invite people to the company, see and manage pending
 * invitations (resend, revoke), and the company's people (company role, reset link, deactivate).
 * Every link is shown to copy, since without SMTP_URL nothing is e-mailed.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconCheck,
  IconCopy,
  IconKey,
  IconMailForward,
  IconSend,
  IconUserOff,
  IconUserCheck,
  IconX,
} from '@tabler/icons-react';
import type { CompanyRole, CompanyUser, InvitationLink } from '../../../shared/apiTypes.ts';
import {
  deactivatePerson,
  inviteToCompany,
  issueResetLink,
  listInvitations,
  reactivatePerson,
  resendInvitation,
  revokeInvitation,
  setCompanyRole,
} from '../api/accounts.ts';
import { ApiError } from '../api/http.ts';
import { useMe } from '../auth/session.tsx';
import { useAsync, type AsyncState } from '../lib/useAsync.ts';
import { ErrorState } from '../ui/StateViews.tsx';
import { getCompanyUsers } from './api.ts';
import classes from './Admin.module.css';

const ROLES = [
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Company Admin' },
];
const words = (err: unknown) => (err instanceof ApiError ? err.message : String(err));
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** A link to pass on, with a copy button; says whether it was e-mailed too. */
export function ShareLink({
  title,
  link,
  testId,
}: {
  title: string;
  link: InvitationLink | { link: string; expiresAt: string; emailed: boolean };
  testId: string;
}) {
  return (
    <Alert color="green" variant="light" icon={<IconCheck size={18} />} title={title} data-testid={testId}>
      <Stack gap={6}>
        <Text size="sm">
          {link.emailed
            ? 'It was e-mailed. You can also copy the link:'
            : 'Charter sends no e-mail here: copy the link and pass it on.'}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={link.link}
            readOnly
            aria-label="Link"
            style={{ flex: 1 }}
            data-testid={`${testId}-url`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={link.link}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed">
          Works once, until {new Date(link.expiresAt).toLocaleString()}.
        </Text>
      </Stack>
    </Alert>
  );
}

export function PeopleAdmin() {
  const me = useMe();
  const people = useAsync((signal) => getCompanyUsers(me.companyId, signal), me.companyId);
  const invitations = useAsync((signal) => listInvitations(me.companyId, signal), me.companyId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CompanyRole>('member');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shared, setShared] = useState<{ title: string; link: InvitationLink } | null>(null);
  const [confirmOff, setConfirmOff] = useState<CompanyUser | null>(null);

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(words(err));
    } finally {
      setBusy(null);
    }
  };

  const invite = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return setError('Enter the e-mail address to invite.');
    void run('invite', async () => {
      const link = await inviteToCompany(me.companyId, email.trim(), role);
      setShared({ title: `Invitation for ${email.trim()}`, link });
      setEmail('');
      invitations.reload();
    });
  };

  return (
    <Stack gap="lg" data-testid="people-admin">
      <form onSubmit={invite} className={classes.panel} noValidate>
        <Stack gap="sm">
          <h2 className={classes.legend}>Invite someone to {me.companyName}</h2>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="E-mail"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
              data-testid="invite-email"
            />
            <Select
              label="Company role"
              data={ROLES}
              value={role}
              onChange={(v) => v && setRole(v as CompanyRole)}
              allowDeselect={false}
              w={180}
              data-testid="invite-role"
            />
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={busy === 'invite'}
              data-testid="invite-submit"
            >
              Send invitation
            </Button>
          </Group>
          {shared ? <ShareLink title={shared.title} link={shared.link} testId="invite-link" /> : null}
        </Stack>
      </form>

      {error ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      ) : null}

      <TablePanel
        id="pending-title"
        title="Pending invitations"
        what="Invitations"
        state={invitations}
        skeletonHeight={60}
        empty="No pending invitations. People you invite appear here until they accept."
        minWidth={560}
        testId="pending-invitations"
        columns={
          <>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>For</Table.Th>
            <Table.Th>Expires</Table.Th>
          </>
        }
      >
        {(rows) =>
          rows.map((inv) => (
            <Table.Tr key={inv.id} data-testid={`pending-${inv.email}`}>
              <Table.Td>{inv.email}</Table.Td>
              <Table.Td>
                {inv.kind === 'relationship'
                  ? 'Partner of a relationship'
                  : inv.role === 'admin'
                    ? 'Company Admin'
                    : 'Member'}
              </Table.Td>
              <Table.Td>
                {inv.expired ? (
                  <Badge color="red" variant="light">
                    Expired
                  </Badge>
                ) : (
                  day(inv.expiresAt)
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconMailForward size={14} />}
                    loading={busy === `resend-${inv.id}`}
                    onClick={() =>
                      run(`resend-${inv.id}`, async () => {
                        setShared({
                          title: `New link for ${inv.email}`,
                          link: await resendInvitation(me.companyId, inv.id),
                        });
                        invitations.reload();
                      })
                    }
                  >
                    Resend
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconX size={14} />}
                    loading={busy === `revoke-${inv.id}`}
                    onClick={() =>
                      run(`revoke-${inv.id}`, async () => {
                        await revokeInvitation(me.companyId, inv.id);
                        invitations.reload();
                      })
                    }
                  >
                    Revoke
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </TablePanel>

      <TablePanel
        id="people-title"
        title={`People of ${me.companyName}`}
        what="People"
        state={people}
        skeletonHeight={80}
        minWidth={600}
        testId="company-people"
        columns={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Company role</Table.Th>
          </>
        }
      >
        {(rows) =>
          rows.map((p) => (
            <Table.Tr key={p.id} data-testid={`person-${p.email}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {p.name}{' '}
                  {p.id === me.id ? (
                    <Text span c="dimmed">
                      (you)
                    </Text>
                  ) : null}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.email}
                </Text>
              </Table.Td>
              <Table.Td>
                {p.deactivatedAt ? (
                  <Badge color="gray" variant="light">
                    Deactivated
                  </Badge>
                ) : (
                  <Select
                    aria-label={`Company role of ${p.name}`}
                    data={ROLES}
                    value={p.companyRole}
                    allowDeselect={false}
                    disabled={p.id === me.id || busy !== null}
                    w={170}
                    size="xs"
                    onChange={(v) =>
                      v &&
                      run(`role-${p.id}`, async () => {
                        await setCompanyRole(me.companyId, p.id, v as CompanyRole);
                        people.reload();
                      })
                    }
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {!p.deactivatedAt ? (
                    <Tooltip label="A one-hour link to set a new password">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Reset link for ${p.name}`}
                        loading={busy === `reset-${p.id}`}
                        onClick={() =>
                          run(`reset-${p.id}`, async () =>
                            setShared({
                              title: `Reset link for ${p.name}`,
                              link: await issueResetLink(me.companyId, p.id),
                            }),
                          )
                        }
                      >
                        <IconKey size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                  {p.id === me.id ? null : p.deactivatedAt ? (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconUserCheck size={14} />}
                      onClick={() =>
                        run(`on-${p.id}`, async () => {
                          await reactivatePerson(me.companyId, p.id);
                          people.reload();
                        })
                      }
                    >
                      Reactivate
                    </Button>
                  ) : (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      leftSection={<IconUserOff size={14} />}
                      onClick={() => setConfirmOff(p)}
                      data-testid={`deactivate-${p.email}`}
                    >
                      Deactivate
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))
        }
      </TablePanel>

      <Modal
        opened={confirmOff !== null}
        onClose={() => setConfirmOff(null)}
        title={`Deactivate ${confirmOff?.name ?? ''}?`}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          <Text size="sm">
            They are signed out everywhere at once and cannot sign in again until reactivated. What they wrote in plans
            keeps their name.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOff(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={confirmOff !== null && busy === `off-${confirmOff.id}`}
              data-testid="deactivate-confirm"
              onClick={() => {
                const p = confirmOff!;
                void run(`off-${p.id}`, async () => {
                  await deactivatePerson(me.companyId, p.id);
                  setConfirmOff(null);
                  people.reload();
                });
              }}
            >
              Deactivate
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/**
 * A panel of the page: its heading, then a table of what `state` loaded (one row per item, an
 * actions column last), a line when there is nothing, or why it could not be loaded.
 */
function TablePanel<T>({
  id,
  title,
  what,
  state,
  skeletonHeight,
  empty,
  minWidth,
  testId,
  columns,
  children,
}: {
  id: string;
  title: string;
  /** Names what failed to load: "<what> could not be loaded". */
  what: string;
  state: AsyncState<T[]> & { reload: () => void };
  skeletonHeight: number;
  /** Shown instead of an empty table; without it an empty table is shown. */
  empty?: string;
  minWidth: number;
  testId: string;
  columns: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <section className={classes.panel} aria-labelledby={id}>
      <h2 className={classes.legend} id={id}>
        {title}
      </h2>
      {state.status === 'loading' ? (
        <Skeleton height={skeletonHeight} />
      ) : state.status === 'error' ? (
        <ErrorState
          compact
          title={`${what} could not be loaded`}
          message={state.error.message}
          onRetry={state.reload}
        />
      ) : empty !== undefined && state.data.length === 0 ? (
        <p className={classes.emptyLine}>{empty}</p>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table verticalSpacing="xs" data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns}
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children(state.data)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
