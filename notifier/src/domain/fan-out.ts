import { randomUUID } from 'node:crypto';
import type { NotificationRequested } from '@pocdojo/common/contracts/notifications';
import { currentTraceCarrier } from '@pocdojo/common/runtime/message-tracing';
import type { Tx } from '../db/database.ts';
import { renderMessage } from '../templates/render.ts';
import { LiveChannels } from './live-channels.ts';
import { channelsFor, DefaultSwitches, switchesOf } from './preferences.ts';

export interface FanOutResult {
  inApp: number;
  deliveries: number;
}

/**
 * Turns one notification request into rows, inside the caller's transaction:
 * an in-app notification per recipient who wants it, and an e-mail or push
 * delivery (for the dispatcher) per recipient and channel. Every row is keyed
 * by (event, recipient, channel) and inserted with ON CONFLICT DO NOTHING, so
 * an event handled twice — SQS redelivery, a replica killed before it
 * acknowledged — yields each notification exactly once. In-app inserts are
 * announced with pg_notify for the live streams, after commit.
 */
export async function fanOut(
  tx: Tx,
  options: { eventId: string; tenantId: string; request: NotificationRequested; webPublicUrl: string },
): Promise<FanOutResult> {
  const { eventId, tenantId, request } = options;
  const userIds = request.recipients.flatMap((r) => (r.userId ? [r.userId] : []));
  const switches = await switchesOf(tx, request.kind, userIds);
  const inApp: Record<string, unknown>[] = [];
  const deliveries: Record<string, unknown>[] = [];
  for (const recipient of request.recipients) {
    const channels = channelsFor(
      request.kind,
      recipient.userId !== null,
      (recipient.userId && switches.get(recipient.userId)) || DefaultSwitches,
    );
    for (const channel of channels) {
      if (channel === 'inApp' && recipient.userId) {
        const message = renderMessage({
          kind: request.kind,
          locale: recipient.locale,
          recipientName: recipient.name,
          params: request.params,
          link: request.link,
          webPublicUrl: options.webPublicUrl,
        });
        inApp.push({
          id: randomUUID(),
          user_id: recipient.userId,
          title: message.subject,
          body: message.body,
        });
      } else if (channel === 'email' || channel === 'push') {
        deliveries.push({
          id: randomUUID(),
          channel,
          recipient_key: recipient.userId ?? recipient.email.toLowerCase(),
          user_id: recipient.userId,
          email: recipient.email,
          recipient_name: recipient.name,
          locale: recipient.locale,
        });
      }
    }
  }
  let inAppCount = 0;
  if (inApp.length) {
    const { rows } = await tx.query<{ user_id: string }>(
      `insert into notifications (id, tenant_id, user_id, event_id, kind, title, body, link)
       select r.id, $1, r.user_id, $2, $3, r.title, r.body, $4
         from jsonb_to_recordset($5::jsonb) as r(id uuid, user_id uuid, title text, body text)
       on conflict (event_id, user_id) do nothing
       returning user_id`,
      [tenantId, eventId, request.kind, request.link, JSON.stringify(inApp)],
    );
    inAppCount = rows.length;
    for (const row of rows) await LiveChannels.announce(tx, tenantId, row.user_id);
  }
  let deliveryCount = 0;
  if (deliveries.length) {
    const { rowCount } = await tx.query(
      `insert into deliveries (id, tenant_id, event_id, kind, channel, recipient_key, user_id, email, recipient_name,
                               locale, params, link, trace_context)
       select r.id, $1, $2, $3, r.channel, r.recipient_key, r.user_id, r.email, r.recipient_name, r.locale, $4, $5,
              nullif($7::jsonb, '{}'::jsonb)
         from jsonb_to_recordset($6::jsonb)
           as r(id uuid, channel text, recipient_key text, user_id uuid, email text, recipient_name text, locale text)
       on conflict (event_id, recipient_key, channel) do nothing`,
      [
        tenantId,
        eventId,
        request.kind,
        JSON.stringify(request.params),
        // A sealed link stays sealed in the row; the dispatcher opens it in memory to write the message.
        request.link ?? request.sealedLink,
        JSON.stringify(deliveries),
        // The consumer's span: the send, later, continues the request's trace.
        JSON.stringify(currentTraceCarrier()),
      ],
    );
    deliveryCount = rowCount ?? 0;
    if (deliveryCount) await tx.query(`select pg_notify($1, '')`, [LiveChannels.deliveries]);
  }
  return { inApp: inAppCount, deliveries: deliveryCount };
}
