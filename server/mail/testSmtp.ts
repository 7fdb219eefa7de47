/**
 * A real SMTP server in-process for tests (the `smtp-server` package), so mail goes through
 * nodemailer and a socket exactly as in production and tests read what arrives. Not imported by
 * production code.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first message to `to` (optionally matching) not yet taken. */
  next(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Holds every message's DATA reply until `release` (to show nobody waits on mail). */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  let gate: Promise<void> | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (gate) await gate;
          received.push({
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          waiters.forEach((w) => w());
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://test:secret@127.0.0.1:${port}`,
    received,
    next(to, match = () => true, timeoutMs = 15_000) {
      const find = () => received.find((m) => !taken.has(m) && m.to.includes(to.toLowerCase()) && match(m));
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = find();
          if (!m) return false;
          taken.add(m);
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no mail to ${to} within ${timeoutMs} ms; got: ${received.map((m) => `${m.to.join(',')} ${m.subject}`).join('; ')}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first `PUBLIC_URL/<kind>/<token>` link in a message's text. */
export function linkIn(mail: ReceivedMail, kind: 'invite' | 'reset'): string {
  const m = new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]+`).exec(mail.text);
  if (!m) throw new Error(`no ${kind} link in: ${mail.text}`);
  return m[0];
}
