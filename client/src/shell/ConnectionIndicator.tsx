import { Tooltip } from '@mantine/core';
import { useActiveConnectionSnapshot, useBrowserOnline } from '../sync/activeConnection.ts';
import { browserOfflineCopy, connectionCopy } from '../sync/messages.ts';
import classes from './ConnectionIndicator.module.css';

/** The connection state, always in the top bar (DESIGN): the open plan's, else the browser's. */
export function ConnectionIndicator() {
  const snap = useActiveConnectionSnapshot();
  const online = useBrowserOnline();
  const copy = snap
    ? connectionCopy(snap.status, snap.pending)
    : online
      ? connectionCopy('idle', false)
      : browserOfflineCopy();
  const status = snap?.status ?? (online ? 'idle' : 'offline');
  const busy = status === 'connecting' || status === 'syncing' || status === 'reconnecting' || status === 'refreshing';
  const short = copy.label.split(' · ')[0];
  return (
    <Tooltip label={copy.detail} multiline w={260} withArrow>
      <span
        className={`${classes.pill} ${classes[copy.tone]} ${busy ? classes.pulse : ''}`}
        role="status"
        aria-live="polite"
        data-testid="connection-state"
        data-status={status}
        data-pending={snap?.pending ? 'true' : 'false'}
        tabIndex={0}
      >
        <span className={classes.dot} aria-hidden />
        <span className={classes.long} aria-hidden>
          {copy.label}
        </span>
        <span className={classes.short} aria-hidden>
          {short}
          {snap?.pending ? ' ·' : ''}
        </span>
        <span className="ch-visually-hidden">
          {copy.label}. {copy.detail}
        </span>
      </span>
    </Tooltip>
  );
}
