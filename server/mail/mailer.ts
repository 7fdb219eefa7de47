/**
 * Outgoing e-mail behind a one-method interface. With SMTP_URL set, nodemailer delivers over
 * SMTP (or SMTPS); without it nothing is sent and callers show the link to the admin instead.
 *
 * What must stay true: a mail failure never fails the action that asked for it (the link is
 * still answered to the admin); it is logged, without the link.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** False when no SMTP_URL is configured: `send` then does nothing. */
  readonly enabled: boolean;
  /** Resolves true when the SMTP server accepted the message, false when sending failed. */
  send(message: MailMessage): Promise<boolean>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | null;
  from: string;
  log?: { warn(obj: object, msg: string): void };
}

export function createMailer(opts: MailerOptions): Mailer {
  if (!opts.smtpUrl) return { enabled: false, send: async () => false, close: () => undefined };
  const transport = nodemailer.createTransport(opts.smtpUrl, { from: opts.from });
  return {
    enabled: true,
    async send(message) {
      try {
        await transport.sendMail({ from: opts.from, ...message });
        return true;
      } catch (err) {
        opts.log?.warn(
          { err: { message: (err as Error).message }, to: message.to, subject: message.subject },
          'mail not sent',
        );
        return false;
      }
    },
    close: () => transport.close(),
  };
}
