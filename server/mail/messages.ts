/**
 * The words of Charter's e-mails: plain text and a simple HTML version, each naming who sent the
 * link and what it is for. Every value placed in the HTML is escaped (names come from people).
 */
import type { MailMessage } from './mailer.ts';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function html(paragraphs: string[], link: string, action: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">
${body}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#3451b2;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
<p style="color:#6b7280;font-size:13px">Or open this link: ${escapeHtml(link)}</p>
</body></html>`;
}

function message(
  to: string,
  subject: string,
  paragraphs: string[],
  link: string,
  action: string,
  footer: string,
): MailMessage {
  return {
    to,
    subject,
    text: [...paragraphs, '', `${action}: ${link}`, '', footer].join('\n'),
    html: html([...paragraphs, footer], link, action),
  };
}

const expiry = (expiresAt: Date) => expiresAt.toUTCString();

export function companyInvitationMail(o: {
  to: string;
  companyName: string;
  invitedBy: string | null;
  role: string;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const who = o.invitedBy ?? 'Charter';
  return message(
    o.to,
    `${who} invited you to ${o.companyName} on Charter`,
    [
      `${who} invited you to join ${o.companyName} on Charter as ${o.role === 'admin' ? 'a Company Admin' : 'a member'}.`,
    ],
    o.link,
    'Accept the invitation',
    `The link works once and expires on ${expiry(o.expiresAt)}. If you did not expect it, ignore this e-mail.`,
  );
}

export function relationshipInvitationMail(o: {
  to: string;
  companyName: string;
  relationshipName: string;
  invitedBy: string | null;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const who = o.invitedBy ? `${o.invitedBy} of ${o.companyName}` : o.companyName;
  return message(
    o.to,
    `${who} invited your company to “${o.relationshipName}” on Charter`,
    [`${who} invited your company to plan the relationship “${o.relationshipName}” together on Charter.`],
    o.link,
    'Review the invitation',
    `The link works once and expires on ${expiry(o.expiresAt)}. If you did not expect it, ignore this e-mail.`,
  );
}

export function passwordResetMail(o: {
  to: string;
  issuedBy: string | null;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const why = o.issuedBy
    ? `${o.issuedBy}, a Company Admin of your company, issued a link to set a new Charter password.`
    : 'Someone asked to reset the Charter password of this address.';
  return message(
    o.to,
    'Reset your Charter password',
    [why],
    o.link,
    'Choose a new password',
    `The link works once and expires on ${expiry(o.expiresAt)}. If you did not ask for it, ignore this e-mail: your password stays as it is.`,
  );
}
