import { describe, expect, it } from 'vitest';
import { CloseCode, closeCodeAction } from './closeCodes.ts';

describe('close codes', () => {
  it('are defined once each', () => {
    const values = Object.values(CloseCode);
    expect(new Set(values).size).toBe(values.length);
  });

  it('map to what a client does', () => {
    expect(closeCodeAction(CloseCode.DocumentReloaded)).toBe('reconnect');
    expect(closeCodeAction(CloseCode.PolicyViolation)).toBe('reconnect');
    expect(closeCodeAction(CloseCode.MalformedMessage)).toBe('reset-and-reconnect');
    expect(closeCodeAction(CloseCode.MessageTooBig)).toBe('reset-and-reconnect');
    expect(closeCodeAction(CloseCode.PermissionDenied)).toBe('reset-after-denial');
    expect(closeCodeAction(CloseCode.SessionEnded)).toBe('sign-in');
    expect(closeCodeAction(CloseCode.GoingAway)).toBe('reconnect');
    expect(closeCodeAction(4999)).toBe('reconnect');
  });
});
