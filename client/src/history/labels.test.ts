import { describe, expect, it } from 'vitest';
import type { Agreement } from './api.ts';
import { authorsLine, describeAgreement, versionMetaLine } from './labels.ts';

const parties = [
  { id: 'acme', name: 'Acme Retail' },
  { id: 'globex', name: 'Globex Supply' },
];
const sig = (companyId: string, companyName: string, userName: string, versionId = 'v3') => ({
  versionId,
  companyId,
  companyName,
  userId: userName.toLowerCase(),
  userName,
  at: '2026-11-27T10:00:00.000Z',
});
const agreement = (over: Partial<Agreement>): Agreement => ({
  versionId: 'v3',
  versionName: 'Q3',
  signatures: [],
  agreed: false,
  changedSinceAgreement: false,
  changedSections: [],
  ...over,
});

describe('describeAgreement', () => {
  it('names both parties, signers and dates when agreed', () => {
    const a = agreement({
      agreed: true,
      signatures: [sig('acme', 'Acme Retail', 'Ada Lovelace'), sig('globex', 'Globex Supply', 'Cara Jensen')],
    });
    expect(describeAgreement(a, parties)).toEqual({
      kind: 'agreed',
      text: 'Agreed by Acme Retail (Ada Lovelace, 27 Nov 2026) and Globex Supply (Cara Jensen, 27 Nov 2026)',
      drift: [],
    });
  });

  it('lists drifted sections only when the agreed plan changed', () => {
    const a = agreement({
      agreed: true,
      changedSinceAgreement: true,
      changedSections: ['vision'],
      signatures: [sig('acme', 'Acme Retail', 'Ada Lovelace'), sig('globex', 'Globex Supply', 'Cara Jensen')],
    });
    expect(describeAgreement(a, parties)).toMatchObject({ kind: 'agreed', drift: ['vision'] });
  });

  it('says who is awaited when half signed', () => {
    const a = agreement({ signatures: [sig('acme', 'Acme Retail', 'Ada Lovelace')] });
    expect(describeAgreement(a, parties)).toEqual({
      kind: 'pending',
      text: 'Signed by Acme Retail (Ada Lovelace, 27 Nov 2026); awaiting Globex Supply',
    });
  });

  it('never reads as agreed when the parties signed different versions', () => {
    const a = agreement({
      versionId: 'v4',
      signatures: [
        sig('acme', 'Acme Retail', 'Ada Lovelace', 'v4'),
        sig('globex', 'Globex Supply', 'Cara Jensen', 'v3'),
      ],
    });
    const d = describeAgreement(a, parties);
    expect(d.kind).toBe('pending');
    expect(d.kind === 'pending' && d.text).toContain('awaiting Globex Supply');
  });

  it('shows nothing before anyone signs', () => {
    expect(describeAgreement(agreement({ versionId: null }), parties)).toEqual({ kind: 'none' });
    expect(describeAgreement(null, parties)).toEqual({ kind: 'none' });
  });
});

describe('authorsLine', () => {
  it('joins names readably', () => {
    expect(authorsLine({ authors: [] })).toBeNull();
    expect(authorsLine({ authors: [{ id: 'a', name: 'Ada' }] })).toBe('Ada');
    expect(
      authorsLine({
        authors: [
          { id: 'a', name: 'Ada' },
          { id: 'b', name: 'Ben' },
        ],
      }),
    ).toBe('Ada and Ben');
    expect(authorsLine({ authors: ['A', 'B', 'C', 'D'].map((n) => ({ id: n, name: n })) })).toBe('A, B and 2 others');
  });
});

describe('versionMetaLine', () => {
  const ada = { id: 'u_ada', name: 'Ada Lovelace' };
  it('says nothing about edits for the plan’s creation', () => {
    const line = versionMetaLine({ kind: 'auto', by: null, authors: [] }, '27 Nov, 10:04');
    expect(line).toBe('27 Nov, 10:04');
    expect(line).not.toMatch(/no new edits/);
  });
  it('names who named or restored it and who changed the plan since the version before', () => {
    expect(versionMetaLine({ kind: 'named', by: ada, authors: [{ id: 'u_ben', name: 'Ben Okafor' }] }, 'today')).toBe(
      'today · named by Ada Lovelace · changes by Ben Okafor',
    );
    expect(versionMetaLine({ kind: 'restore', by: ada, authors: [] }, 'today')).toBe(
      'today · restored by Ada Lovelace · no changes since the version before',
    );
    expect(versionMetaLine({ kind: 'auto', by: null, authors: [ada] }, 'today')).toBe(
      'today · changes by Ada Lovelace',
    );
  });
});
