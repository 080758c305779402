import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../../context.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The one link the mail is about; printed to the console in development (never logged). */
  link?: string;
  /** For the structured log: what kind of mail, never the address or the link. */
  kind: string;
  /** Files sent with the text (a calendar invite). */
  attachments?: MailAttachment[];
  /** An HTML alternative to the text (the notification digest). */
  html?: string;
  /** Extra headers (List-Unsubscribe, RFC 8058). */
  headers?: Record<string, string>;
}

export interface MailAttachment {
  filename: string;
  content: string;
  /** With parameters, e.g. "text/calendar; method=REQUEST; charset=utf-8". */
  contentType: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * With SMTP_URL: nodemailer over SMTP. Without it (development, test; config.ts refuses
 * production): each mail becomes an .eml file under DATA_DIR/outbox/ so `npm start` works
 * offline, and in development its link is printed once to the console.
 */
export function createMailer(app: Pick<AppContext, 'config' | 'log'>): Mailer {
  const { config, log } = app;
  const transport: Transporter = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outbox = path.join(config.dataDir, 'outbox');
  let counter = 0;

  return {
    async send(mail) {
      const info = (await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                content: a.content,
                contentType: a.contentType,
              })),
            }
          : {}),
      })) as {
        message?: Buffer;
        messageId?: string;
      };
      log.info({ mailKind: mail.kind, transport: config.smtpUrl ? 'smtp' : 'file' }, 'mail sent');
      if (config.smtpUrl) return;
      await mkdir(outbox, { recursive: true });
      counter += 1;
      const file = path.join(
        outbox,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${counter}-${mail.kind}.eml`,
      );
      await writeFile(file, info.message ?? Buffer.from(''));
      if (config.env === 'development') {
        // The console, not the structured log: the developer clicks it; logs must never hold tokens.
        console.log(`\n  ✉  ${mail.subject}\n     ${mail.link ?? file}\n`);
      }
    },
    close() {
      transport.close();
    },
  };
}

const mailers = new WeakMap<object, Mailer>();

/** One mailer per application instance (tests run several in one process). */
export function mailerFor(app: Pick<AppContext, 'config' | 'log'>): Mailer {
  let mailer = mailers.get(app);
  if (!mailer) {
    mailer = createMailer(app);
    mailers.set(app, mailer);
  }
  return mailer;
}

export function closeMailer(app: object): void {
  mailers.get(app)?.close();
  mailers.delete(app);
}
