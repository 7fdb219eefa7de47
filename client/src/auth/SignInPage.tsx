/**
 * Sign-in. With SEED=demo the server lists its demo accounts (GET /api/config) and one click
 * fills the form, so a workshop can switch people quickly on the projector.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { getConfig } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { DemoAccount, PublicConfig } from '../api/types.ts';
import { ErrorCode } from '../../../shared/closeCodes.ts';
import { useSession } from './session.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.tsx';
import { PersonAvatar } from '../ui/PersonAvatar.tsx';
import { defaultUserColor } from '../../../shared/presence.ts';
import { AuthCard, AuthPage } from './AuthFrame.tsx';
import classes from './SignInPage.module.css';

const DEMO_PASSWORD_FALLBACK = 'demo-password';

export function SignInPage({ reason }: { reason: 'signed-out' | 'expired' | null }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    getConfig().then(
      (c) => live && setConfig(c),
      () => live && setConfig({ demo: false }),
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Enter your email address and password.');
      return;
    }
    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(signInError(err));
      setSubmitting(false);
    }
  };

  const fill = (a: DemoAccount) => {
    setEmail(a.email);
    setPassword(a.password ?? config?.demoPassword ?? DEMO_PASSWORD_FALLBACK);
    setError(null);
    submitRef.current?.focus();
  };

  const demo = config?.demo && config.demoAccounts && config.demoAccounts.length > 0 ? config.demoAccounts : null;

  return (
    <AuthPage wide={!!demo}>
      <div className={demo ? classes.columns : undefined}>
        <AuthCard title="Sign in" titleId="sign-in-title" lede="Your account plans, live with your partner.">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {reason === 'expired' ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title="Your session ended">
                  Sign in again to carry on. Anything you typed is kept on this device and syncs after you sign in.
                </Alert>
              ) : null}
              {error ? (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                  {error}
                </Alert>
              ) : null}
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                required
                size="md"
                data-autofocus
                autoFocus
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                size="md"
              />
              <Button type="submit" size="md" loading={submitting} ref={submitRef} fullWidth>
                Sign in
              </Button>
              <Link to={paths.forgot()} data-testid="forgot-password">
                Forgot your password?
              </Link>
            </Stack>
          </form>
        </AuthCard>
        {demo ? (
          <section className={classes.card} aria-labelledby="demo-title">
            <h2 className={classes.demoTitle} id="demo-title">
              Demo accounts
            </h2>
            <p className={classes.demoLede}>Choose a person to fill in their details, then sign in.</p>
            <ul className={classes.demoList}>
              {demo.map((a) => (
                <li key={a.email}>
                  <button
                    type="button"
                    className={classes.demoButton}
                    onClick={() => fill(a)}
                    aria-pressed={email === a.email}
                    data-testid={`demo-${a.email}`}
                  >
                    <PersonAvatar
                      name={a.name ?? a.email}
                      color={a.color ?? defaultUserColor(a.id ?? a.email)}
                      size="sm"
                      decorative
                    />
                    <span className={classes.demoText}>
                      <span className={classes.demoName}>{a.name ?? a.email}</span>
                      <span className={classes.demoMeta}>
                        {[a.companyName ?? a.company, a.email].filter(Boolean).join(' · ')}
                      </span>
                    </span>
                    {a.role || a.description ? (
                      <span className={classes.demoRole}>{a.description ?? a.role}</span>
                    ) : null}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </AuthPage>
  );
}

function signInError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return 'Charter could not be reached. Check your connection and try again.';
    if (err.code === ErrorCode.InvalidCredentials || err.status === 401)
      return 'That email and password do not match an account.';
    if (err.status === 429) return 'Too many attempts. Wait a minute, then try again.';
    if (err.code === ErrorCode.AccountDeactivated) return err.message;
    return err.message || 'Sign-in failed. Try again.';
  }
  return 'Sign-in failed. Try again.';
}
