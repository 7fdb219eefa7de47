/**
 * Routes by session state: nothing signed-in renders before the session is known, signed-out
 * users land on sign-in (with `next`), signed-in users never see sign-in.
 */
import { useEffect } from 'react';
import { Button, Skeleton } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { useSession } from './auth/session.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { navigate, paths, useRoute, currentPath } from './lib/router.tsx';
import { RelationshipsPage } from './relationships/RelationshipsPage.tsx';
import { RelationshipsProvider } from './relationships/RelationshipsContext.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { PlanSkeleton } from './plan/PlanSkeleton.tsx';
import { PartSuspense } from './lib/lazyPart.tsx';
import { AdminPagePart, PlanPagePart, PrintPagePart, SetupPagePart } from './routes.ts';
import { EmptyState, ErrorState } from './ui/StateViews.tsx';
import { InvitationPage } from './auth/InvitationPage.tsx';
import { AccountPage, ForgotPasswordPage, ResetPasswordPage } from './auth/PasswordPages.tsx';

/** Pages a link opens whether or not anyone is signed in (invitations, passwords). */
const PUBLIC_ROUTES = new Set(['invite', 'reset', 'forgot']);

export function App() {
  const { state, retry } = useSession();
  const route = useRoute();

  const signedOut = state.status === 'signed-out';
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (PUBLIC_ROUTES.has(route.name)) return;
    if (signedOut && route.name !== 'sign-in') navigate(paths.signIn(currentPath()), { replace: true, force: true });
    if (signedIn && route.name === 'sign-in') navigate(route.next ?? paths.home(), { replace: true, force: true });
  }, [signedOut, signedIn, route]);

  if (state.status === 'loading') return <BootSkeleton />;
  if (state.status === 'error')
    return (
      <main style={{ minHeight: '100dvh', display: 'grid', placeItems: 'center' }}>
        <ErrorState title="Charter could not be reached" message={state.error.message} onRetry={retry} />
      </main>
    );
  if (route.name === 'invite') return <InvitationPage key={route.token} token={route.token} />;
  if (route.name === 'reset') return <ResetPasswordPage key={route.token} token={route.token} />;
  if (route.name === 'forgot') return <ForgotPasswordPage />;
  if (state.status === 'signed-out') return <SignInPage reason={state.reason} />;
  if (route.name === 'sign-in') return <BootSkeleton />;
  // The printable plan is a document of its own: no sidebar, top bar or connection state.
  if (route.name === 'print')
    return (
      <PartSuspense fallback={<BootSkeleton />}>
        <PrintPagePart.Component
          key={`${route.relationshipId}:${route.version}`}
          relationshipId={route.relationshipId}
          version={route.version}
        />
      </PartSuspense>
    );

  return (
    <RelationshipsProvider userId={state.me.id}>
      <AppLayout>
        {route.name === 'home' ? (
          <RelationshipsPage />
        ) : route.name === 'admin' ? (
          <PartSuspense fallback={<BootSkeleton />}>
            <AdminPagePart.Component />
          </PartSuspense>
        ) : route.name === 'setup' ? (
          <PartSuspense fallback={<BootSkeleton />}>
            <SetupPagePart.Component key={route.relationshipId} relationshipId={route.relationshipId} />
          </PartSuspense>
        ) : route.name === 'account' ? (
          <AccountPage />
        ) : route.name === 'plan' ? (
          <PartSuspense fallback={<PlanSkeleton />}>
            <PlanPagePart.Component key={route.relationshipId} relationshipId={route.relationshipId} />
          </PartSuspense>
        ) : (
          <EmptyState
            icon={<IconMapSearch size={22} stroke={1.7} />}
            title="Page not found"
            action={
              <Button variant="default" onClick={() => navigate(paths.home())}>
                Go to relationships
              </Button>
            }
          >
            There is nothing at {route.path}.
          </EmptyState>
        )}
      </AppLayout>
    </RelationshipsProvider>
  );
}

function BootSkeleton() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading Charter"
      style={{ padding: 24, display: 'grid', gap: 16, maxWidth: 1120, margin: '0 auto' }}
    >
      <Skeleton height={40} width={240} radius="sm" />
      <Skeleton height={120} radius="lg" />
      <Skeleton height={120} radius="lg" />
    </div>
  );
}
