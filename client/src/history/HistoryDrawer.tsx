/**
 * The history panel: a drawer from the right (full width on phones) that shows the versions list,
 * one version read-only, or one version compared with now. Its content mounts only while open, so
 * every opening reads fresh versions.
 */
import { Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useHistoryUi } from './HistoryContext.tsx';
import { VersionList } from './VersionList.tsx';
import { VersionPanel } from './VersionPanel.tsx';
import classes from './History.module.css';

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
      {ui.view.kind === 'list' ? <VersionList /> : <VersionPanel key={`${ui.view.kind}:${ui.view.id}`} versionId={ui.view.id} mode={ui.view.kind} against={ui.view.kind === 'compare' ? ui.view.against : undefined} />}
    </Drawer>
  );
}
