/**
 * The app's pages that load on demand, each its own set of chunks: the plan (editor, Yjs, sync),
 * admin and plan set-up, and the printable plan. Sign-in and the relationships home are in the first download.
 */
import { lazyPart } from './lib/lazyPart.tsx';
import { parseRoute } from './lib/router.tsx';

export const PlanPagePart = lazyPart(() => import('./plan/PlanPage.tsx').then((m) => m.PlanPage));
export const AdminPagePart = lazyPart(() => import('./admin/AdminPage.tsx').then((m) => m.AdminPage));
export const PrintPagePart = lazyPart(() => import('./print/PrintPage.tsx').then((m) => m.PrintPage));
export const SetupPagePart = lazyPart(() => import('./admin/SetupPage.tsx').then((m) => m.SetupPage));

/**
 * Starts the current page's download at once, in parallel with the session check, so opening a
 * plan's link is not one round trip slower than it was with a single bundle.
 */
export function preloadCurrentRoute(): void {
  const route = parseRoute(location.pathname, location.search, location.hash);
  if (route.name === 'plan') void PlanPagePart.preload().catch(() => {});
  else if (route.name === 'admin') void AdminPagePart.preload().catch(() => {});
  else if (route.name === 'setup') void SetupPagePart.preload().catch(() => {});
  else if (route.name === 'print') void PrintPagePart.preload().catch(() => {});
}
