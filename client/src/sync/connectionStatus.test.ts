import { describe, expect, it } from 'vitest';
import { deriveStatus, sectionFromDenialReason, type ConnectionFacts } from './connectionStatus.ts';

const base: ConnectionFacts = {
  browserOnline: true,
  socket: 'connected',
  synced: true,
  everSynced: true,
  sessionEnded: false,
  resetting: false,
};

describe('deriveStatus', () => {
  it('is live when connected and synced', () => {
    expect(deriveStatus(base)).toBe('live');
  });
  it('is syncing while the socket is open but the server state has not arrived', () => {
    expect(deriveStatus({ ...base, synced: false })).toBe('syncing');
  });
  it('is connecting before the first sync, reconnecting after it', () => {
    expect(deriveStatus({ ...base, socket: 'connecting', synced: false, everSynced: false })).toBe('connecting');
    expect(deriveStatus({ ...base, socket: 'disconnected', synced: false })).toBe('reconnecting');
  });
  it('says offline whenever the browser has no network, whatever the socket thinks', () => {
    expect(deriveStatus({ ...base, browserOnline: false })).toBe('offline');
  });
  it('puts an ended session and a reset above everything else', () => {
    expect(deriveStatus({ ...base, browserOnline: false, sessionEnded: true })).toBe('signed-out');
    expect(deriveStatus({ ...base, resetting: true })).toBe('refreshing');
    expect(deriveStatus({ ...base, stopped: true })).toBe('stopped');
  });
});

describe('sectionFromDenialReason', () => {
  const known = ['vision', 'objectives', 'meta'];
  it('reads the section the server puts first', () => {
    expect(sectionFromDenialReason('vision: locked by an admin', known)).toBe('vision');
    expect(sectionFromDenialReason('objectives members cannot edit', known)).toBe('objectives');
  });
  it('gives null for unknown or missing sections', () => {
    expect(sectionFromDenialReason('document: viewers cannot edit', known)).toBeNull();
    expect(sectionFromDenialReason('', known)).toBeNull();
    expect(sectionFromDenialReason(null, known)).toBeNull();
  });
});
