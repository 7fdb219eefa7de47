import { describe, expect, it } from 'vitest';
import { companyInvitationMail, passwordResetMail, relationshipInvitationMail } from './messages.ts';

const expiresAt = new Date('2026-12-09T12:00:00Z');

describe('mail messages', () => {
  it('names who sent the link and what it is for, in text and HTML', () => {
    const m = companyInvitationMail({
      to: 'ben@acme.test',
      companyName: 'Acme Retail',
      invitedBy: 'Ada Lovelace',
      role: 'member',
      link: 'https://c.example/invite/abc',
      expiresAt,
    });
    expect(m.subject).toBe('Ada Lovelace invited you to Acme Retail on Charter');
    expect(m.text).toContain('https://c.example/invite/abc');
    expect(m.text).toContain('as a member');
    expect(m.html).toContain('href="https://c.example/invite/abc"');
    const r = relationshipInvitationMail({
      to: 'x@y.test',
      companyName: 'Acme',
      relationshipName: 'Acme × Globex',
      invitedBy: null,
      link: 'https://c.example/invite/x',
      expiresAt,
    });
    expect(r.text).toContain('Acme invited your company to plan the relationship “Acme × Globex”');
    expect(
      passwordResetMail({ to: 'x@y.test', issuedBy: 'Ada', link: 'https://c.example/reset/x', expiresAt }).text,
    ).toContain('Ada, a Company Admin');
  });

  it('escapes names in the HTML, so a person’s name cannot inject markup', () => {
    const m = companyInvitationMail({
      to: 'b@a.test',
      companyName: 'Acme <b>',
      invitedBy: '<script>alert(1)</script>',
      role: 'admin',
      link: 'https://c.example/invite/"x',
      expiresAt,
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toContain('&quot;x');
  });
});
