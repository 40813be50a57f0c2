import { AccountSuspendedException, BadRequestException, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type EmailSender, type OutgoingEmail, PermanentEmailError } from './email-sender.ts';

/**
 * Sends through Amazon SES v2 with a configuration set, whose event
 * destination (SNS → the feedback queue) reports bounces and complaints back
 * to {@link SesFeedbackConsumer}. Credentials come from the pod's identity.
 */
export class SesEmailSender implements EmailSender {
  readonly name = 'ses';
  readonly #ses: SESv2Client;
  readonly #from: string;
  readonly #configurationSet: string | undefined;

  constructor(options: { region: string; endpoint?: string; from: string; configurationSet?: string }) {
    this.#ses = new SESv2Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    this.#from = options.from;
    this.#configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.#ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.#from,
          Destination: { ToAddresses: [email.to] },
          ConfigurationSetName: this.#configurationSet,
          EmailTags: [
            { Name: 'kind', Value: email.kind.replace(/[^A-Za-z0-9_-]/g, '_') },
            { Name: 'delivery', Value: email.deliveryId },
          ],
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    } catch (error) {
      // A malformed address or a suspended account will not get better by retrying.
      if (error instanceof BadRequestException || error instanceof AccountSuspendedException) {
        throw new PermanentEmailError(`SES refused the message: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#ses.destroy();
  }
}
