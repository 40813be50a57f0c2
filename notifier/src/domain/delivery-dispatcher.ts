import type { Locale, NotificationKind } from '@pocdojo/common/contracts/notifications';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { type TraceCarrier, tracedFromCarrier } from '@pocdojo/common/runtime/message-tracing';
import { isSealedLink, openLink } from '@pocdojo/common/runtime/sealed-links';
import { Counter, Histogram, type Registry } from 'prom-client';
import { type EmailSender, PermanentEmailError } from '../adapters/email/email-sender.ts';
import type { PushDevice, PushSender } from '../adapters/push/push-sender.ts';
import type { Database } from '../db/database.ts';
import { renderMessage } from '../templates/render.ts';
import { PollingLoop } from './polling-loop.ts';

interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  kind: NotificationKind;
  channel: 'email' | 'push';
  user_id: string | null;
  email: string;
  recipient_name: string;
  locale: Locale;
  params: Record<string, string>;
  link: string | null;
  attempts: number;
  created_at: Date;
  trace_context: TraceCarrier | null;
}

interface Outcome {
  id: string;
  status: 'sent' | 'pending' | 'failed' | 'suppressed';
  error: string | null;
  retryInSeconds: number;
}

/** Retry delays of a delivery, sized against a mail relay or push provider being down for a while. */
export const DeliveryBackoff = {
  /** Delay after the first failed attempt, in seconds. */
  baseSeconds: 2,
  /** Upper bound, in seconds: with 8 attempts a delivery is retried for about 8 minutes before it fails. */
  maxSeconds: 3600,
  /** How long a claimed delivery stays with its replica before another may take it (a replica killed mid-send). */
  leaseSeconds: 60,
} as const;

export function retryDelaySeconds(attempts: number, backoff: typeof DeliveryBackoff = DeliveryBackoff): number {
  return Math.min(backoff.maxSeconds, backoff.baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the e-mail and push deliveries the intake wrote. A pass claims due rows
 * with FOR UPDATE SKIP LOCKED and leases them (status `sending`, due again
 * after the lease), commits, sends them concurrently, and records every outcome
 * in one statement: sent; retried later with exponential backoff; failed once
 * the attempts are spent or the provider refuses for good (the delivery's dead
 * letter, shown to tenant admins); suppressed for addresses SES reported.
 * A replica killed between sending and recording re-sends after the lease: at
 * least once, with the same Message-ID, never lost.
 */
export class DeliveryDispatcher {
  readonly #db: Database;
  readonly #email: EmailSender;
  readonly #push: PushSender | null;
  readonly #logger: Logger;
  readonly #webPublicUrl: string;
  readonly #linkKey: Buffer;
  readonly #batch: number;
  readonly #maxAttempts: number;
  readonly #outcomes: Counter;
  readonly #latency: Histogram;
  readonly loop: PollingLoop;

  constructor(options: {
    db: Database;
    email: EmailSender;
    push: PushSender | null;
    logger: Logger;
    registry: Registry;
    webPublicUrl: string;
    /** LINK_SEALING_KEY: opens the sealed links of account e-mails. */
    linkKey: Buffer;
    concurrency: number;
    maxAttempts: number;
    intervalMs: number;
  }) {
    this.#db = options.db;
    this.#email = options.email;
    this.#push = options.push;
    this.#logger = options.logger;
    this.#webPublicUrl = options.webPublicUrl;
    this.#linkKey = options.linkKey;
    this.#batch = options.concurrency;
    this.#maxAttempts = options.maxAttempts;
    this.#outcomes = new Counter({
      name: 'notifier_deliveries_total',
      help: 'Delivery attempts by channel and outcome (sent, pending = will retry, failed, suppressed)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [options.registry],
    });
    this.#latency = new Histogram({
      name: 'notifier_delivery_latency_seconds',
      help: 'Time from an event reaching the notifier to its delivery being sent',
      labelNames: ['channel'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [options.registry],
    });
    this.loop = new PollingLoop({
      name: 'dispatcher',
      intervalMs: options.intervalMs,
      logger: options.logger,
      pass: () => this.pass(),
    });
  }

  /** Claims, sends and records one batch; returns how many deliveries it handled. */
  async pass(): Promise<number> {
    const claimed = await this.#db.inSystemScope(async (tx) => {
      const { rows } = await tx.query<ClaimedDelivery>(
        `update deliveries d set status = 'sending', attempts = d.attempts + 1, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $2)
           from (select id from deliveries where status in ('pending', 'sending') and next_attempt_at <= now()
                  order by next_attempt_at limit $1 for update skip locked) due
          where d.id = due.id
          returning d.id, d.tenant_id, d.kind, d.channel, d.user_id, d.email, d.recipient_name, d.locale, d.params,
                    d.link, d.attempts, d.created_at, d.trace_context`,
        [this.#batch, DeliveryBackoff.leaseSeconds],
      );
      return rows;
    });
    if (claimed.length === 0) return 0;
    const suppressed = await this.#suppressed(claimed);
    const outcomes = await Promise.all(claimed.map((delivery) => this.#deliver(delivery, suppressed)));
    await this.#db.inSystemScope((tx) =>
      tx.query(
        `update deliveries d set status = o.status, last_error = o.error, updated_at = now(),
                sent_at = case when o.status = 'sent' then now() else d.sent_at end,
                next_attempt_at = now() + make_interval(secs => o.retry)
           from jsonb_to_recordset($1::jsonb) as o(id uuid, status text, error text, retry int)
          where d.id = o.id`,
        [
          JSON.stringify(
            outcomes.map((o) => ({ id: o.id, status: o.status, error: o.error, retry: o.retryInSeconds })),
          ),
        ],
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const delivery = claimed[i]!;
      this.#outcomes.inc({ channel: delivery.channel, outcome: outcome.status });
      if (outcome.status === 'sent') {
        this.#latency.observe({ channel: delivery.channel }, (Date.now() - delivery.created_at.getTime()) / 1000);
      }
    }
    return claimed.length;
  }

  async #suppressed(claimed: ClaimedDelivery[]): Promise<Set<string>> {
    const emails = [...new Set(claimed.filter((d) => d.channel === 'email').map((d) => d.email.toLowerCase()))];
    if (emails.length === 0) return new Set();
    const { rows } = await this.#db.pool.query<{ email: string }>(
      'select email from suppressed_addresses where email = any($1::text[])',
      [emails],
    );
    return new Set(rows.map((row) => row.email));
  }

  #deliver(delivery: ClaimedDelivery, suppressed: Set<string>): Promise<Outcome> {
    return tracedFromCarrier(
      delivery.trace_context,
      'notification deliver',
      { 'notification.channel': delivery.channel, 'delivery.id': delivery.id },
      () => this.#send(delivery, suppressed),
    );
  }

  async #send(delivery: ClaimedDelivery, suppressed: Set<string>): Promise<Outcome> {
    const base = { id: delivery.id, retryInSeconds: 0 };
    if (delivery.channel === 'email' && suppressed.has(delivery.email.toLowerCase())) {
      return { ...base, status: 'suppressed', error: 'address suppressed after a bounce or complaint' };
    }
    try {
      const message = renderMessage({
        kind: delivery.kind,
        locale: delivery.locale,
        recipientName: delivery.recipient_name,
        params: delivery.params,
        link: isSealedLink(delivery.link) ? openLink(this.#linkKey, delivery.tenant_id, delivery.link) : delivery.link,
        webPublicUrl: this.#webPublicUrl,
      });
      if (delivery.channel === 'email') {
        await this.#email.send({
          to: delivery.email,
          subject: message.subject,
          text: message.text,
          html: message.html,
          deliveryId: delivery.id,
          kind: delivery.kind,
        });
        return { ...base, status: 'sent', error: null };
      }
      const note = await this.#sendPush(delivery, message.subject, message.body, message.url);
      return { ...base, status: 'sent', error: note };
    } catch (error) {
      const reason = (error as Error).message?.slice(0, 500) || 'failed';
      if (error instanceof PermanentEmailError || delivery.attempts >= this.#maxAttempts) {
        this.#logger.warn(
          { err: error, deliveryId: delivery.id, tenantId: delivery.tenant_id },
          'delivery failed for good',
        );
        return { ...base, status: 'failed', error: reason };
      }
      this.#logger.info(
        { deliveryId: delivery.id, attempts: delivery.attempts, reason },
        'delivery failed; will retry',
      );
      return { ...base, status: 'pending', error: reason, retryInSeconds: retryDelaySeconds(delivery.attempts) };
    }
  }

  /** Pushes to every device of the user; prunes the ones the provider calls dead. Returns a note or null. */
  async #sendPush(delivery: ClaimedDelivery, title: string, body: string, url: string | null): Promise<string | null> {
    if (!this.#push || !delivery.user_id) return 'push is off';
    const { rows } = await this.#db.inSystemScope((tx) =>
      tx.query<{ id: string; platform: 'ios' | 'android'; token: string; endpoint_arn: string | null }>(
        'select id, platform, token, endpoint_arn from devices where tenant_id = $1 and user_id = $2',
        [delivery.tenant_id, delivery.user_id],
      ),
    );
    if (rows.length === 0) return 'no registered device';
    let sent = 0;
    for (const row of rows) {
      const device: PushDevice = { platform: row.platform, token: row.token, endpointArn: row.endpoint_arn };
      const outcome = await this.#push.send(device, {
        title,
        body,
        url,
        kind: delivery.kind,
        deliveryId: delivery.id,
        userId: delivery.user_id,
      });
      if (outcome === 'sent') sent++;
      else {
        this.#logger.info({ deviceId: row.id, platform: row.platform }, 'push token is no longer valid; pruned');
        await this.#db.inSystemScope((tx) => tx.query('delete from devices where id = $1', [row.id]));
        await this.#push.unregister(device).catch(() => {});
      }
    }
    return sent === 0 ? 'every device token was invalid and pruned' : null;
  }
}
