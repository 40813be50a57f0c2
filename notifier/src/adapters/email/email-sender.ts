/** One e-mail, rendered. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The delivery id: the same delivery retried keeps its Message-ID, so a mailbox can tell a resend. */
  deliveryId: string;
  /** Notification kind, sent as a header/tag so bounces can be traced. */
  kind: string;
}

/** The e-mail port: SES in production, SMTP (the local inbox) on `npm start` and in tests. */
export interface EmailSender {
  readonly name: string;
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/** The provider refused this message for good (a bad address): retrying would not help. */
export class PermanentEmailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEmailError';
  }
}
