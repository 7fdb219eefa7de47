/**
 * Passwords: asking for a reset link (`/forgot-password`), using one (`/reset/<token>`), and
 * changing your own (`/account`, signed in). The reset request always reads the same, whether
 * or not the address has an account.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { ErrorCode } from '../../../shared/closeCodes.ts';
import { passwordProblem } from '../../../shared/passwordRule.ts';
import { changePassword, completeReset, getReset, requestReset } from '../api/accounts.ts';
import { getConfig } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import { Link } from '../lib/Link.tsx';
import { navigate, paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { AuthFrame, AuthSkeleton, FormError, LinkProblem, NewPasswordInput } from './AuthFrame.tsx';
import { useMe, useSession } from './session.tsx';
import classes from '../admin/Admin.module.css';

const words = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mail, setMail] = useState<boolean | null>(null);
  useEffect(() => {
    getConfig().then(
      (c) => setMail(c.mail ?? false),
      () => setMail(false),
    );
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return setError(new Error('Enter your e-mail address.'));
    setBusy(true);
    setError(null);
    try {
      await requestReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Reset your password" lede="We e-mail a link to set a new password. It works once, for one hour.">
      {sent ? (
        <Stack gap="md">
          <Alert
            color="green"
            variant="light"
            icon={<IconCircleCheck size={18} />}
            title="Check your inbox"
            data-testid="reset-requested"
          >
            If {email.trim()} has a Charter account, a reset link is on its way. No e-mail within a few minutes? A
            Company Admin of your company can issue a reset link for you.
          </Alert>
          <Button variant="default" onClick={() => navigate(paths.signIn())}>
            Back to sign-in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {mail === false ? (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                This Charter sends no e-mail. Ask a Company Admin of your company for a reset link (Admin → People).
              </Alert>
            ) : null}
            {error ? <FormError>{words(error)}</FormError> : null}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              autoFocus
            />
            <Button type="submit" size="md" loading={busy} fullWidth>
              Send the reset link
            </Button>
            <Link to={paths.signIn()}>Back to sign-in</Link>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}

export function ResetPasswordPage({ token }: { token: string }) {
  const { adoptSession } = useSession();
  const info = useAsync((signal) => getReset(token, signal), token);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (info.status === 'loading')
    return (
      <AuthFrame title="Choose a new password">
        <AuthSkeleton label="Checking the reset link" />
      </AuthFrame>
    );
  if (info.status === 'error' || (error instanceof ApiError && (error.status === 410 || error.status === 404)))
    return (
      <AuthFrame title="Choose a new password">
        <LinkProblem error={info.status === 'error' ? info.error : error} what="reset link" />
      </AuthFrame>
    );
  const problem = passwordProblem(password, info.data.email);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await completeReset(token, password);
      await adoptSession();
      navigate(paths.home(), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <AuthFrame
      title="Choose a new password"
      lede={`For ${info.data.email}. Other devices signed in as you are signed out.`}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {error ? <FormError>{words(error)}</FormError> : null}
          <NewPasswordInput
            label="New password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={touched ? problem : null}
            autoFocus
            data-testid="reset-password"
          />
          <Button type="submit" size="md" loading={busy} fullWidth data-testid="reset-submit">
            Set the password and sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}

/** Signed in: change your own password. */
export function AccountPage() {
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = passwordProblem(next, me.email);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setDone(false);
    if (!current || problem) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setTouched(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={classes.page}>
      <header className={classes.header}>
        <h1 className={classes.title}>Your account</h1>
        <p className={classes.subtitle}>
          {me.name} · {me.email} · {me.companyName}
        </p>
      </header>
      <form onSubmit={submit} noValidate style={{ maxWidth: 420 }} data-testid="change-password-form">
        <Stack gap="md">
          <h2 style={{ margin: 0, fontSize: 'var(--ch-text-lg)' }}>Change your password</h2>
          {done ? (
            <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} role="status">
              Password changed. Your other devices were signed out.
            </Alert>
          ) : null}
          {error ? (
            <FormError>
              {error instanceof ApiError && error.code === ErrorCode.InvalidCredentials
                ? 'Your current password is not right.'
                : words(error)}
            </FormError>
          ) : null}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={touched && !current ? 'Enter your current password.' : null}
          />
          <NewPasswordInput
            label="New password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={touched ? problem : null}
          />
          <div>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </div>
        </Stack>
      </form>
    </div>
  );
}
