import { describe, expect, it } from 'vitest';
import { CloseCode, closeCodeAction } from '../../../shared/closeCodes.ts';
import { closeActionNotice, connectionCopy } from './messages.ts';

describe('closeActionNotice', () => {
  it('names the section of a refused change', () => {
    expect(closeActionNotice(closeCodeAction(CloseCode.PermissionDenied), 'vision')?.message).toBe(
      'Your last change to Shared Vision was not allowed; the plan has been refreshed.',
    );
    expect(closeActionNotice('reset-after-denial', 'objectives')?.message).toContain('Strategic Objectives');
    expect(closeActionNotice('reset-after-denial', null)?.message).toContain('the plan was not allowed');
  });
  it('says nothing for a plain reconnect, and keeps typed text on sign-in', () => {
    expect(closeActionNotice(closeCodeAction(CloseCode.GoingAway), null)).toBeNull();
    expect(closeActionNotice(closeCodeAction(CloseCode.SessionEnded), null)?.message).toMatch(/kept on this device/);
  });
});

describe('connectionCopy', () => {
  it('mentions unsynced changes only when there are some', () => {
    expect(connectionCopy('offline', true).label).toBe('Offline · unsynced changes');
    expect(connectionCopy('offline', false).label).toBe('Offline');
    expect(connectionCopy('reconnecting', true).label).toContain('unsynced');
    expect(connectionCopy('live', false).tone).toBe('success');
  });
});
