/**
 * The history panel: a drawer from the right (full width on phones) that shows the versions list,
 * one version read-only, or one version compared with now. Its content mounts only while open, so
 * every opening reads fresh versions.
 */
import { Drawer, Skeleton, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useHistoryUi } from './HistoryContext.tsx';
import { lazyPart, PartSuspense } from '../lib/lazyPart.tsx';
import classes from './History.module.css';

// The panel's content (versions, read-only view, diff) downloads when history is first opened.
const VersionListPart = lazyPart(() => import('./VersionList.tsx').then((m) => m.VersionList));
const VersionPanelPart = lazyPart(() => import('./VersionPanel.tsx').then((m) => m.VersionPanel));

function PanelSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading history">
      <Skeleton height={28} width="60%" radius="sm" />
      <Skeleton height={64} radius="md" />
      <Skeleton height={64} radius="md" />
    </Stack>
  );
}

export function HistoryDrawer() {
  const ui = useHistoryUi();
  const phone = useMediaQuery('(max-width: 640px)') ?? false;
  return (
    <Drawer
      opened={ui.opened}
      onClose={ui.close}
      position="right"
      size={phone ? '100%' : 680}
      title={<span className={classes.drawerTitle}>History</span>}
      classNames={{ body: classes.drawerBody, header: classes.drawerHeader }}
      data-testid="history-panel"
      closeButtonProps={{ 'aria-label': 'Close history' }}
    >
      <PartSuspense fallback={<PanelSkeleton />}>
        {ui.view.kind === 'list' ? (
          <VersionListPart.Component />
        ) : (
          <VersionPanelPart.Component
            key={`${ui.view.kind}:${ui.view.id}`}
            versionId={ui.view.id}
            mode={ui.view.kind}
            against={ui.view.kind === 'compare' ? ui.view.against : undefined}
          />
        )}
      </PartSuspense>
    </Drawer>
  );
}
