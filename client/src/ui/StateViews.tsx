/** The designed states every screen uses: empty (what to do next), error (with retry). */
import type { ReactNode } from 'react';
import { Button } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import classes from './StateViews.module.css';

export function EmptyState({
  icon,
  title,
  children,
  action,
  compact,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div className={`${classes.state} ${compact ? classes.compact : ''}`}>
      {icon ? (
        <span className={classes.icon} aria-hidden>
          {icon}
        </span>
      ) : null}
      <h2 className={classes.title}>{title}</h2>
      {children ? <div className={classes.body}>{children}</div> : null}
      {action}
    </div>
  );
}

export function ErrorState({
  title = 'Something went wrong',
  message,
  onRetry,
  compact,
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  return (
    <div className={`${classes.state} ${classes.danger} ${compact ? classes.compact : ''}`} role="alert">
      <span className={classes.icon} aria-hidden>
        <IconAlertTriangle size={22} stroke={1.7} />
      </span>
      <h2 className={classes.title}>{title}</h2>
      <p className={classes.body}>{message}</p>
      {onRetry ? (
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
