import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type EmailSender, type OutgoingEmail, PermanentEmailError } from './email-sender.ts';

/**
 * Sends through any SMTP server with nodemailer (a pooled connection): the
 * local inbox on `npm start` and in tests, or a relay in production. A 5xx
 * answer for the recipient is permanent; everything else is retried.
 */
export class SmtpEmailSender implements EmailSender {
  readonly name = 'smtp';
  readonly #transport: Transporter<SMTPTransport.SentMessageInfo>;
  readonly #from: string;

  constructor(options: { url: string; from: string; maxConnections?: number }) {
    this.#from = options.from;
    const url = new URL(options.url);
    this.#transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || 25),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      // The local inbox speaks plain SMTP on loopback; a remote relay negotiates STARTTLS.
      ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.#transport.sendMail({
        from: this.#from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${email.deliveryId}@pocdojo.notifier>`,
        headers: { 'X-PocDojo-Kind': email.kind, 'X-PocDojo-Delivery': email.deliveryId },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code && code >= 500 && code < 600) {
        throw new PermanentEmailError(`SMTP refused the message (${code})`, { cause: error });
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
