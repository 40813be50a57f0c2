import { createSqsClient, queueUrl } from '@pocdojo/common/runtime/aws';
import { listenHttp } from '@pocdojo/common/runtime/http-server';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import { startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import { createAccessVerifier, type KeySource } from '@pocdojo/common/runtime/tokens';
import type { Registry } from 'prom-client';
import type { EmailSender } from './adapters/email/email-sender.ts';
import { SesEmailSender } from './adapters/email/ses-email-sender.ts';
import { SmtpEmailSender } from './adapters/email/smtp-email-sender.ts';
import { platformMemberDirectory } from './adapters/members/platform-member-directory.ts';
import { LocalPushSender } from './adapters/push/local-push-sender.ts';
import type { PushSender } from './adapters/push/push-sender.ts';
import { SnsPushSender } from './adapters/push/sns-push-sender.ts';
import type { NotifierConfig } from './config.ts';
import { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { DeliveryDispatcher } from './domain/delivery-dispatcher.ts';
import { LiveHub } from './domain/live-hub.ts';
import type { MemberDirectory } from './domain/member-directory.ts';
import { NotificationIntake } from './domain/notification-intake.ts';
import { Scheduler } from './domain/scheduler.ts';
import { createHttpApp } from './http/http-app.ts';
import { NotificationEventsConsumer } from './messaging/notification-events-consumer.ts';
import { SesFeedbackConsumer } from './messaging/ses-feedback-consumer.ts';

export interface RunningNotifier {
  /** Base URL of the HTTP server (useful with PORT=0). */
  url: string;
  /** http://host:port/metrics */
  metricsUrl: string;
  db: Database;
  dispatcher: DeliveryDispatcher;
  scheduler: Scheduler;
  /** Stops consuming, lets the in-flight pass finish, closes the server and the pool. */
  stop(): Promise<void>;
}

function emailSender(config: NotifierConfig): EmailSender {
  return config.EMAIL_TRANSPORT === 'ses'
    ? new SesEmailSender({
        region: config.AWS_REGION,
        from: config.EMAIL_FROM,
        configurationSet: config.SES_CONFIGURATION_SET,
      })
    : new SmtpEmailSender({ url: config.SMTP_URL, from: config.EMAIL_FROM, maxConnections: 5 });
}

function pushSender(config: NotifierConfig): PushSender | null {
  if (config.PUSH_TRANSPORT === 'off') return null;
  if (config.PUSH_TRANSPORT === 'local') return new LocalPushSender(config.LOCAL_PUSH_URL);
  return new SnsPushSender({
    region: config.AWS_REGION,
    apnsApplicationArn: config.SNS_APNS_APPLICATION_ARN,
    fcmApplicationArn: config.SNS_FCM_APPLICATION_ARN,
  });
}

/**
 * The composition root: migrates, then starts the HTTP API, the LISTEN hub,
 * the SQS consumer (intake), the dispatcher (e-mail, push) and the scheduler.
 * Stop runs in reverse, so nothing is taken off the queue once writes stop.
 */
export async function startNotifier(
  config: NotifierConfig,
  logger: Logger,
  overrides: {
    keys?: KeySource;
    email?: EmailSender;
    push?: PushSender | null;
    members?: MemberDirectory;
    registry?: Registry;
  } = {},
): Promise<RunningNotifier> {
  // In the cluster a migration Job applies them with the owner role; the pod gets the app role only.
  if (config.DATABASE_OWNER_URL) await migrate(config.DATABASE_OWNER_URL);
  const registry = overrides.registry ?? createMetricsRegistry('notifier');
  const db = new Database(config.DATABASE_URL, { max: 10 + Math.ceil(config.DISPATCH_CONCURRENCY / 10) });
  const email = overrides.email ?? emailSender(config);
  const push = overrides.push === undefined ? pushSender(config) : overrides.push;
  const sqs = createSqsClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL });
  const dispatcher = new DeliveryDispatcher({
    db,
    email,
    push,
    logger,
    registry,
    webPublicUrl: config.WEB_PUBLIC_URL,
    linkKey: config.LINK_SEALING_KEY,
    concurrency: config.DISPATCH_CONCURRENCY,
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    intervalMs: config.POLL_INTERVAL_MS,
  });
  const scheduler = new Scheduler({
    db,
    logger,
    webPublicUrl: config.WEB_PUBLIC_URL,
    intervalMs: config.POLL_INTERVAL_MS,
  });
  const hub = new LiveHub({ url: config.DATABASE_URL, logger, onDeliveries: () => dispatcher.loop.wake() });
  try {
    await hub.start();
    const consumer = new NotificationEventsConsumer({
      sqs,
      queueUrl: await queueUrl(sqs, config.NOTIFICATIONS_QUEUE),
      intake: new NotificationIntake({ db, webPublicUrl: config.WEB_PUBLIC_URL }),
      db,
      logger,
      registry,
      waitTimeSeconds: config.SQS_WAIT_SECONDS,
      visibilityTimeoutSeconds: config.SQS_VISIBILITY_SECONDS,
      concurrency: 20,
    });
    const feedback = config.SES_FEEDBACK_QUEUE
      ? new SesFeedbackConsumer({
          sqs,
          queueUrl: await queueUrl(sqs, config.SES_FEEDBACK_QUEUE),
          db,
          logger,
          waitTimeSeconds: config.SQS_WAIT_SECONDS,
        })
      : null;
    const app = createHttpApp({
      db,
      hub,
      push,
      verify: createAccessVerifier(overrides.keys ?? { jwksUrl: config.JWKS_URL }),
      members:
        overrides.members ??
        platformMemberDirectory({ baseUrl: config.PLATFORM_API_URL, internalToken: config.INTERNAL_TOKEN }),
      logger,
      registry,
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: config.TRUST_PROXY,
      internalToken: config.INTERNAL_TOKEN,
      checks: {
        database: () => db.ping(),
        listen: () => hub.ping(),
        queue: () => consumer.ready(),
        dispatcher: async () => dispatcher.loop.healthy(),
        scheduler: async () => scheduler.loop.healthy(),
      },
    });
    const http = await listenHttp(app.callback(), { port: config.PORT, host: config.HOST });
    const metrics = await startMetricsServer(registry, { port: config.METRICS_PORT, host: config.HOST });
    consumer.start();
    feedback?.start();
    dispatcher.loop.start();
    scheduler.loop.start();
    logger.info(
      { port: http.port, queue: config.NOTIFICATIONS_QUEUE, email: email.name, push: push?.name ?? 'off' },
      'notifier listening',
    );
    return {
      url: `http://127.0.0.1:${http.port}`,
      metricsUrl: metrics.url,
      db,
      dispatcher,
      scheduler,
      async stop() {
        await feedback?.stop();
        await consumer.stop();
        await scheduler.loop.stop();
        await dispatcher.loop.stop();
        // The bell's live streams never end by themselves: cut them at once.
        await http.close(0);
        await metrics.close();
        await hub.stop();
        await email.close();
        sqs.destroy();
        await db.close();
      },
    };
  } catch (error) {
    await hub.stop();
    await email.close();
    sqs.destroy();
    await db.close();
    throw error;
  }
}
