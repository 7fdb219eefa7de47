/**
 * Every word the user reads about the connection and about close codes, in one place. The
 * protocol side (code → action) is `closeCodeAction` in shared/closeCodes.ts; this module maps
 * those actions and the derived connection status to copy and tone.
 */
import type { CloseAction } from '../../../shared/closeCodes.ts';
import type { ConnectionStatus } from './connectionStatus.ts';
import { sectionLabel } from '../plan/sections.ts';

export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

export interface StatusCopy {
  label: string;
  detail: string;
  tone: Tone;
}

export function connectionCopy(status: ConnectionStatus | 'idle', pending: boolean): StatusCopy {
  switch (status) {
    case 'live':
      return { label: 'Live', detail: 'Connected. Changes are shared as you type.', tone: 'success' };
    case 'syncing':
      return {
        label: 'Syncing…',
        detail: pending ? 'Sending the changes made on this device.' : 'Getting the latest version of the plan.',
        tone: 'info',
      };
    case 'connecting':
      return { label: 'Connecting…', detail: 'Opening the live plan.', tone: 'info' };
    case 'offline':
      return pending
        ? {
            label: 'Offline · unsynced changes',
            detail: 'You are offline. Your changes are saved on this device and will sync when you reconnect.',
            tone: 'warning',
          }
        : {
            label: 'Offline',
            detail: 'You are offline. You can keep editing; changes are saved on this device.',
            tone: 'warning',
          };
    case 'reconnecting':
      return pending
        ? {
            label: 'Reconnecting… · unsynced changes',
            detail:
              'Lost the connection to the server. Your changes are kept on this device and will sync when it is back.',
            tone: 'warning',
          }
        : { label: 'Reconnecting…', detail: 'Lost the connection to the server. Trying again.', tone: 'warning' };
    case 'signed-out':
      return {
        label: 'Signed out',
        detail: 'Your session ended. Sign in again; your changes are kept on this device.',
        tone: 'danger',
      };
    case 'refreshing':
      return { label: 'Refreshing…', detail: 'Reloading the plan from the server.', tone: 'info' };
    case 'stopped':
      return {
        label: 'Stopped',
        detail: 'Syncing stopped: this device kept making a change the server refuses. Reload the page to try again.',
        tone: 'danger',
      };
    case 'idle':
      return { label: 'Online', detail: 'Connected to Charter.', tone: 'neutral' };
  }
}

export function browserOfflineCopy(): StatusCopy {
  return {
    label: 'Offline',
    detail: 'You are offline. Plans you have opened on this device stay editable.',
    tone: 'warning',
  };
}

export interface CloseNotice {
  title: string;
  message: string;
  tone: Tone;
}

/**
 * What the user is told when a change to `section` was refused again right after the plan was
 * refreshed for the same reason: syncing stops rather than refresh in a loop.
 */
export function refusalLoopNotice(section: string | null): CloseNotice {
  const where = section ? sectionLabel(section) : 'the plan';
  return {
    title: 'Syncing stopped',
    message: `This device kept changing ${where} in a way the server does not allow, even after a refresh, so Charter stopped syncing this plan instead of refreshing again. Nothing more will be sent. Reload the page to try again; if it keeps happening, tell a Company Admin.`,
    tone: 'danger',
  };
}

/** What the user is told after the sync socket closed with an action other than plain reconnect. */
export function closeActionNotice(action: CloseAction, section: string | null): CloseNotice | null {
  switch (action) {
    case 'reset-after-denial': {
      const where = section ? sectionLabel(section) : 'the plan';
      return {
        title: 'Change not allowed',
        message: `Your last change to ${where} was not allowed; the plan has been refreshed.`,
        tone: 'warning',
      };
    }
    case 'reset-and-reconnect':
      return {
        title: 'Plan refreshed',
        message: 'The server could not read a change from this device, so the plan has been reloaded from the server.',
        tone: 'warning',
      };
    case 'sign-in':
      return {
        title: 'Session ended',
        message: 'Please sign in again. What you typed is kept on this device and will sync after you sign in.',
        tone: 'danger',
      };
    case 'reconnect':
      return null;
  }
}
