import { z } from 'zod';

/**
 * SES event publishing (configuration set → SNS topic → SQS queue): the
 * message body is an SNS notification whose `Message` is the SES event.
 * Only what suppression needs is read.
 */
const sesEventSchema = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional() })),
    })
    .optional(),
  complaint: z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) }).optional(),
});

export interface Suppression {
  email: string;
  reason: 'bounce' | 'complaint';
  detail: string | null;
}

/**
 * The addresses an SES feedback message says never to mail again: every
 * recipient of a permanent bounce and of a complaint. Transient bounces (a full
 * mailbox) suppress nothing.
 */
export function suppressionsFrom(body: string): Suppression[] {
  const outer = JSON.parse(body) as { Type?: string; Message?: string };
  const event = sesEventSchema.parse(
    outer.Type === 'Notification' && outer.Message ? JSON.parse(outer.Message) : outer,
  );
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    return event.bounce.bouncedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(),
      reason: 'bounce',
      detail: r.diagnosticCode?.slice(0, 500) ?? null,
    }));
  }
  if (type === 'Complaint' && event.complaint) {
    return event.complaint.complainedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(),
      reason: 'complaint',
      detail: null,
    }));
  }
  return [];
}
