/**
 * `/invite/<token>`: who invited you to which company (or relationship), then your name and a
 * password (and your company's name when a relationship brings it to Charter); accepting signs
 * you in. A relationship invitation for a company already on Charter is accepted signed in, by a
 * Company Admin of that company. Every state of the link is explained (AuthFrame.tsx).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { InvitationInfo } from '../../../shared/apiTypes.ts';
import { ErrorCode } from '../../../shared/closeCodes.ts';
import { passwordProblem } from '../../../shared/passwordRule.ts';
import { acceptInvitation, acceptInvitationSignedIn, getInvitation } from '../api/accounts.ts';
import { ApiError } from '../api/http.ts';
import { navigate, paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { AuthFrame, AuthSkeleton, FormError, LinkProblem, NewPasswordInput } from './AuthFrame.tsx';
import { useSession } from './session.tsx';

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

export function InvitationPage({ token }: { token: string }) {
  const info = useAsync((signal) => getInvitation(token, signal), token);
  if (info.status === 'loading')
    return (
      <AuthFrame title="Your invitation">
        <AuthSkeleton label="Checking the invitation" />
      </AuthFrame>
    );
  if (info.status === 'error')
    return (
      <AuthFrame title="Your invitation">
        <LinkProblem error={info.error} what="invitation" />
      </AuthFrame>
    );
  const inv = info.data;
  if (inv.kind === 'relationship' && inv.partnerOnCharter) return <SignedInAcceptance token={token} inv={inv} />;
  return <CreateAccount token={token} inv={inv} />;
}

function lede(inv: InvitationInfo) {
  const who = inv.invitedBy ?? 'Charter';
  if (inv.kind === 'company') {
    return `${who} invited you to join ${inv.companyName} on Charter as ${inv.role === 'admin' ? 'a Company Admin' : 'a member'}.`;
  }
  return `${inv.invitedBy ? `${inv.invitedBy} of ${inv.companyName}` : inv.companyName} invited your company to plan “${inv.relationshipName}” together on Charter.`;
}

function CreateAccount({ token, inv }: { token: string; inv: InvitationInfo }) {
  const { adoptSession } = useSession();
  const [name, setName] = useState(inv.name ?? '');
  const [companyName, setCompanyName] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needsCompany = inv.kind === 'relationship';
  const problem = passwordProblem(password, inv.email);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setError(null);
    if (!name.trim() || problem || (needsCompany && !companyName.trim())) return;
    setBusy(true);
    try {
      await acceptInvitation(token, {
        name: name.trim(),
        password,
        ...(needsCompany ? { companyName: companyName.trim() } : {}),
      });
      await adoptSession();
      navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const gone = error instanceof ApiError && (error.status === 410 || error.status === 404);
  if (gone)
    return (
      <AuthFrame title="Your invitation">
        <LinkProblem error={error} what="invitation" />
      </AuthFrame>
    );
  return (
    <AuthFrame
      title={inv.kind === 'company' ? `Join ${inv.companyName}` : `Bring your company to “${inv.relationshipName}”`}
      lede={lede(inv)}
    >
      <form onSubmit={submit} noValidate data-testid="invitation-form">
        <Stack gap="md">
          {error ? (
            <FormError>
              {error instanceof ApiError && error.code === ErrorCode.EmailInUse
                ? `${inv.email} already has a Charter account. Sign in with it instead, or ask for an invitation at another address.`
                : error instanceof ApiError
                  ? error.message
                  : failureText(error)}
            </FormError>
          ) : null}
          <TextInput
            label="E-mail"
            value={inv.email}
            readOnly
            description="The invitation is for this address; you sign in with it."
          />
          {needsCompany ? (
            <TextInput
              label="Your company’s name"
              description="Your company joins Charter with you as its Company Admin."
              value={companyName}
              onChange={(e) => setCompanyName(e.currentTarget.value)}
              error={touched && !companyName.trim() ? 'Name your company.' : null}
              required
              data-testid="invitation-company"
            />
          ) : null}
          <TextInput
            label="Your name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={touched && !name.trim() ? 'Enter your name as colleagues and partners will see it.' : null}
            required
            data-autofocus
            autoFocus
            data-testid="invitation-name"
          />
          <NewPasswordInput
            label="Choose a password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={touched ? problem : null}
            required
            data-testid="invitation-password"
          />
          <Button type="submit" size="md" loading={busy} fullWidth data-testid="invitation-accept">
            {needsCompany ? 'Create my company and accept' : 'Accept and sign in'}
          </Button>
          <Text size="sm" c="dimmed">
            This invitation expires on {dateOf(inv.expiresAt)}.
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}

/** The partner company is on Charter: one of its Company Admins accepts signed in. */
function SignedInAcceptance({ token, inv }: { token: string; inv: InvitationInfo }) {
  const { state } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const signedIn = state.status === 'signed-in' ? state.me : null;

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await acceptInvitationSignedIn(token);
      navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={`“${inv.relationshipName}”`} lede={lede(inv)}>
      <Stack gap="md">
        {error instanceof ApiError && error.code === ErrorCode.WrongCompany ? (
          <FormError>
            You are signed in as {signedIn?.name} of {signedIn?.companyName}, but this invitation is for another
            company. Sign out and sign in as a Company Admin of the invited company.
          </FormError>
        ) : error instanceof ApiError && (error.status === 410 || error.status === 404) ? (
          <LinkProblem error={error} what="invitation" />
        ) : error ? (
          <FormError>{error instanceof ApiError ? error.message : failureText(error)}</FormError>
        ) : null}
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          Your company is already on Charter. A Company Admin of it accepts this relationship, here or from the pending
          invitations on the relationships home.
        </Alert>
        {signedIn ? (
          <Button size="md" onClick={accept} loading={busy} data-testid="invitation-accept-signed-in">
            Accept as {signedIn.name} ({signedIn.companyName})
          </Button>
        ) : (
          <Button size="md" onClick={() => navigate(paths.signIn(`/invite/${token}`))}>
            Sign in to accept
          </Button>
        )}
      </Stack>
    </AuthFrame>
  );
}

/** A failure that is not the API's answer (the network, a bug): its own words when it is an Error. */
function failureText(error: unknown): string {
  return error instanceof Error ? error.toString() : 'Something went wrong. Please try again.';
}
