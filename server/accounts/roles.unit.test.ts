import { describe, expect, it } from 'vitest';
import { atLeast, effectiveRole, teamChangeRefusal } from './roles.ts';
import type { Participant, Relationship } from './types.ts';

const rel: Relationship = {
  id: 'acme-globex',
  name: 'Acme × Globex',
  ownerCompanyId: 'acme',
  partyIds: ['acme', 'globex'],
  configuredAt: null,
};
const p = (userId: string, role: Participant['role'], relationshipId = rel.id): Participant => ({
  relationshipId,
  userId,
  role,
});

describe('effectiveRole', () => {
  const cases: Array<
    [
      string,
      { id: string; companyId: string; companyRole: 'admin' | 'member'; deactivatedAt?: string },
      Participant | undefined,
      string | null,
    ]
  > = [
    ['company admin of a party, no record', { id: 'a', companyId: 'acme', companyRole: 'admin' }, undefined, 'admin'],
    [
      'company admin of a party, stored viewer',
      { id: 'a', companyId: 'globex', companyRole: 'admin' },
      p('a', 'viewer'),
      'admin',
    ],
    ['company admin of another company', { id: 'i', companyId: 'initech', companyRole: 'admin' }, undefined, null],
    ['member with a record', { id: 'b', companyId: 'acme', companyRole: 'member' }, p('b', 'member'), 'member'],
    ['viewer with a record', { id: 'v', companyId: 'globex', companyRole: 'member' }, p('v', 'viewer'), 'viewer'],
    ['member without a record', { id: 'b', companyId: 'acme', companyRole: 'member' }, undefined, null],
    ['record of another user', { id: 'b', companyId: 'acme', companyRole: 'member' }, p('x', 'admin'), null],
    [
      'record of another relationship',
      { id: 'b', companyId: 'acme', companyRole: 'member' },
      p('b', 'admin', 'other'),
      null,
    ],
    ['record but not of a party', { id: 'e', companyId: 'initech', companyRole: 'member' }, p('e', 'member'), null],
    ['corrupt role', { id: 'b', companyId: 'acme', companyRole: 'member' }, p('b', 'owner' as never), null],
    [
      'deactivated company admin',
      { id: 'a', companyId: 'acme', companyRole: 'admin', deactivatedAt: '2026-01-01T00:00:00Z' },
      undefined,
      null,
    ],
    [
      'deactivated member with a record',
      { id: 'b', companyId: 'acme', companyRole: 'member', deactivatedAt: '2026-01-01T00:00:00Z' },
      p('b', 'member'),
      null,
    ],
  ];
  it.each(cases)('%s', (_name, user, stored, expected) => {
    expect(effectiveRole(rel, user, stored)).toBe(expected);
  });

  it('shows a pending or declined relationship to the owner’s Company Admins only', () => {
    for (const status of ['pending', 'declined'] as const) {
      const pending: Relationship = { ...rel, status, partyIds: ['acme', 'globex'] };
      expect(effectiveRole(pending, { id: 'a', companyId: 'acme', companyRole: 'admin' }, undefined)).toBe('admin');
      expect(
        effectiveRole(pending, { id: 'b', companyId: 'acme', companyRole: 'member' }, p('b', 'member')),
      ).toBeNull();
      expect(effectiveRole(pending, { id: 'c', companyId: 'globex', companyRole: 'admin' }, undefined)).toBeNull();
      expect(
        effectiveRole(pending, { id: 'd', companyId: 'globex', companyRole: 'member' }, p('d', 'member')),
      ).toBeNull();
    }
  });
});

describe('teamChangeRefusal', () => {
  const acme = { companyId: 'acme' };
  const globex = { companyId: 'globex' };
  it('refuses outsiders, other companies’ people and lowering a Company Admin, allows the rest', () => {
    expect(teamChangeRefusal(rel, acme, { companyId: 'initech', companyRole: 'member' }, 'member')?.kind).toBe(
      'not_a_party',
    );
    expect(teamChangeRefusal(rel, acme, { companyId: 'acme', companyRole: 'admin' }, 'member')?.kind).toBe(
      'company_admin',
    );
    expect(teamChangeRefusal(rel, acme, { companyId: 'acme', companyRole: 'admin' }, null)?.kind).toBe('company_admin');
    expect(teamChangeRefusal(rel, acme, { companyId: 'acme', companyRole: 'admin' }, 'admin')).toBeNull();
    expect(teamChangeRefusal(rel, globex, { companyId: 'globex', companyRole: 'member' }, 'viewer')).toBeNull();
    expect(teamChangeRefusal(rel, globex, { companyId: 'globex', companyRole: 'member' }, null)).toBeNull();
  });

  it('lets an admin change only people of their own company', () => {
    expect(teamChangeRefusal(rel, globex, { companyId: 'acme', companyRole: 'member' }, 'viewer')?.kind).toBe(
      'other_company',
    );
    expect(teamChangeRefusal(rel, globex, { companyId: 'acme', companyRole: 'member' }, null)?.kind).toBe(
      'other_company',
    );
    expect(teamChangeRefusal(rel, acme, { companyId: 'globex', companyRole: 'admin' }, 'admin')?.kind).toBe(
      'other_company',
    );
  });

  it('does not add a deactivated person, but lets their company remove them', () => {
    const gone = { companyId: 'acme', companyRole: 'member' as const, deactivatedAt: '2026-01-01T00:00:00Z' };
    expect(teamChangeRefusal(rel, acme, gone, 'member')?.kind).toBe('deactivated');
    expect(teamChangeRefusal(rel, acme, gone, null)).toBeNull();
  });
});

describe('atLeast', () => {
  it('orders viewer < member < admin and fails closed on null', () => {
    expect(atLeast('admin', 'member')).toBe(true);
    expect(atLeast('viewer', 'member')).toBe(false);
    expect(atLeast(null, 'viewer')).toBe(false);
  });
});
