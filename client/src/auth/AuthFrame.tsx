/**
 * The frame of the pages people reach before or instead of signing in (sign-in's look): the
 * brand, one card, and the shared pieces of their forms. Every state of a link is explained in
 * `LinkProblem`, so expired, used and revoked links read the same everywhere.
 */
import type { ReactNode } from 'react';
import { Alert, Button, PasswordInput, Skeleton, Stack, type PasswordInputProps } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwordRule.ts';
import { IconAlertCircle, IconLinkOff } from '@tabler/icons-react';
import { ApiError } from '../api/http.ts';
import { ErrorCode } from '../../../shared/closeCodes.ts';
import { navigate, paths } from '../lib/router.tsx';
import classes from './SignInPage.module.css';

export function AuthFrame({
  title,
  lede,
  children,
  titleId = 'auth-title',
}: {
  title: string;
  lede?: ReactNode;
  children: ReactNode;
  titleId?: string;
}) {
  return (
    <AuthPage>
      <AuthCard title={title} lede={lede} titleId={titleId}>
        {children}
      </AuthCard>
    </AuthPage>
  );
}

/** The page around the cards: the brand above them; `wide` for two cards side by side. */
export function AuthPage({ wide = false, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <main className={classes.page}>
      <div className={`${classes.wrap} ${wide ? classes.wide : ''}`}>
        <div className={classes.brand}>
          <span className={classes.mark} aria-hidden>
            <span />
            <span />
          </span>
          Charter
        </div>
        {children}
      </div>
    </main>
  );
}

/** One card: its title (the page's heading), an optional lede, then the form. */
export function AuthCard({
  title,
  lede,
  titleId,
  children,
}: {
  title: string;
  lede?: ReactNode;
  titleId: string;
  children: ReactNode;
}) {
  return (
    <section className={classes.card} aria-labelledby={titleId}>
      <h1 className={classes.title} id={titleId}>
        {title}
      </h1>
      {lede ? <p className={classes.lede}>{lede}</p> : null}
      {children}
    </section>
  );
}

/**
 * A password being chosen (invitation, reset, change): the rule shown up front, and the browser
 * told it is new so that password managers offer to generate and save it.
 */
export function NewPasswordInput(props: Omit<PasswordInputProps, 'description' | 'autoComplete'>) {
  return (
    <PasswordInput description={`At least ${PASSWORD_MIN_LENGTH} characters.`} autoComplete="new-password" {...props} />
  );
}

export function AuthSkeleton({ label }: { label: string }) {
  return (
    <Stack gap="md" aria-busy="true" aria-label={label}>
      <Skeleton height={20} width="70%" />
      <Skeleton height={40} />
      <Skeleton height={40} />
      <Skeleton height={40} />
    </Stack>
  );
}

export function FormError({ children }: { children: ReactNode }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      {children}
    </Alert>
  );
}

/** Why a link does not work, in words, with the way forward. */
export function LinkProblem({ error, what }: { error: unknown; what: 'invitation' | 'reset link' }) {
  const e = error instanceof ApiError ? error : null;
  const ask =
    what === 'invitation'
      ? 'Ask whoever invited you to send a new one.'
      : 'Ask for a new one from the sign-in page, or ask a Company Admin of your company.';
  const [title, text] =
    e?.code === ErrorCode.LinkExpired
      ? [
          `This ${what} has expired`,
          `${what === 'invitation' ? 'Invitations last 7 days' : 'Reset links last one hour'}. ${ask}`,
        ]
      : e?.code === ErrorCode.LinkUsed
        ? [
            `This ${what} was already used`,
            what === 'invitation'
              ? 'Its account exists: sign in with it.'
              : 'Your password was set with it. Sign in, or ask for a new link.',
          ]
        : e?.code === ErrorCode.LinkRevoked
          ? [`This ${what} no longer works`, `${e.message} ${ask}`]
          : e?.status === 404 || e?.status === 400
            ? [`This ${what} is not valid`, `Check that the whole link was copied. ${ask}`]
            : e?.status === 429
              ? ['Too many attempts', 'Wait a few minutes, then open the link again.']
              : [`The ${what} could not be checked`, e?.message ?? String(error)];
  return (
    <Stack gap="md" data-testid="link-problem" data-code={e?.code ?? 'error'}>
      <Alert color="yellow" variant="light" icon={<IconLinkOff size={18} />} title={title}>
        {text}
      </Alert>
      <Button variant="default" onClick={() => navigate(paths.signIn())}>
        Go to sign-in
      </Button>
    </Stack>
  );
}
