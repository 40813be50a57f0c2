import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient, ensureQueue } from '@pocdojo/common/aws';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import { EventTypes } from '@pocdojo/common/events';
import { createLogger } from '@pocdojo/common/logger';
import type { NotificationRequestedInput } from '@pocdojo/common/notifications';
import { newLinkSealingKey } from '@pocdojo/common/sealed-links';
import { createTestDatabase } from '@pocdojo/common/testing/databases';
import { startAwsEmulator } from '@pocdojo/common/testing/emulator';
import { Audience, generateSigningKey, type SigningKey, signToken, TokenType } from '@pocdojo/common/tokens';
import pg from 'pg';
import { type NotifierConfig, notifierConfig } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { LocalInbox } from '../../src/dev-inbox/local-inbox.ts';
import type { CurrentMember } from '../../src/domain/member-directory.ts';
import { type RunningNotifier, startNotifier } from '../../src/notifier-service.ts';

export const QUEUE = 'notifications';

/** A notification envelope as platform-api's outbox relay publishes it. */
export function notificationEnvelope(tenantId: string, data: NotificationRequestedInput, id: string = randomUUID()) {
  return { id, type: EventTypes.notificationRequested, tenantId, occurredAt: new Date().toISOString(), data };
}

/**
 * One isolated world per test: the SQS emulator with the notifications queue
 * (DLQ after 3 receives), a fresh migrated `notifier` database with its
 * non-superuser role, the real local SMTP inbox, a signing key, and notifiers
 * started on demand (several may share the world, like replicas).
 */
export class NotifierWorld {
  sqs!: SQSClient;
  queueUrl!: string;
  inbox!: LocalInbox;
  key!: SigningKey;
  ownerUrl!: string;
  appUrl!: string;
  env!: Record<string, string>;
  readonly notifiers: RunningNotifier[] = [];
  /**
   * Memberships as platform-api would answer them (`tenant/user` → member):
   * token() registers its user with the token's first role. Tests of the real
   * platform-api lookup live in current-member.test.ts.
   */
  readonly members = new Map<string, CurrentMember>();
  #drop: (() => Promise<void>) | undefined;
  #stopEmulator: (() => Promise<unknown>) | undefined;
  #owner: pg.Pool | undefined;

  static async create(): Promise<NotifierWorld> {
    const world = new NotifierWorld();
    const emulator = await startAwsEmulator();
    world.#stopEmulator = emulator.stop;
    world.sqs = createSqsClient(emulator.settings);
    world.queueUrl = await ensureQueue(world.sqs, QUEUE, { maxReceiveCount: 3, visibilityTimeoutSeconds: 30 });
    const database = await createTestDatabase('notifier');
    world.#drop = database.drop;
    world.ownerUrl = database.ownerUrl;
    world.appUrl = database.appUrl;
    await migrate(database.ownerUrl);
    world.inbox = new LocalInbox({ smtpPort: 0, httpPort: 0 });
    await world.inbox.start();
    world.key = (await generateSigningKey()).key;
    world.env = {
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      AWS_ENDPOINT_URL: emulator.settings.endpoint ?? '',
      AWS_REGION: 'us-east-1',
      SQS_WAIT_SECONDS: '1',
      SMTP_URL: world.inbox.smtpUrl,
      LOCAL_PUSH_URL: world.inbox.httpUrl,
      WEB_PUBLIC_URL: 'http://web.test:8080',
      POLL_INTERVAL_MS: '200',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      INTERNAL_TOKEN: 'notifier-test-internal-token-0123456789',
      LINK_SEALING_KEY: newLinkSealingKey(),
    };
    return world;
  }

  config(overrides: Record<string, string> = {}): NotifierConfig {
    return notifierConfig({ ...this.env, ...overrides });
  }

  async startNotifier(overrides: Record<string, string> = {}): Promise<RunningNotifier> {
    const notifier = await startNotifier(this.config(overrides), createLogger('notifier-test'), {
      keys: { jwks: { keys: [this.key.publicJwk] } },
      members: async (tenantId, userId) => this.members.get(`${tenantId}/${userId}`) ?? null,
    });
    this.notifiers.push(notifier);
    return notifier;
  }

  /** Publishes envelopes to the queue (10 per SQS batch). */
  async publish(...envelopes: object[]): Promise<void> {
    for (let i = 0; i < envelopes.length; i += 10) {
      await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: envelopes.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: JSON.stringify(body) })),
        }),
      );
    }
  }

  async publishRaw(body: string): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: body }));
  }

  token(tenantId: string, userId: string, roles: Role[] = ['member']): Promise<string> {
    this.members.set(`${tenantId}/${userId}`, { role: roles[0] ?? 'member', tokenVersion: 0 });
    return signToken(
      this.key,
      { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
      {
        sub: userId,
        tid: tenantId,
        roles,
      },
    );
  }

  /** Calls a notifier's API as a user. */
  async api(notifier: RunningNotifier, token: string, path: string, init: RequestInit = {}) {
    const response = await fetch(`${notifier.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Superuser queries (sees every tenant), for assertions. */
  query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<T>> {
    this.#owner ??= new pg.Pool({ connectionString: this.ownerUrl, max: 2 });
    return this.#owner.query<T>(sql, values);
  }

  /** Polls the database until `sql`'s first column of the first row satisfies `done` (bounded). */
  async waitForRow(
    sql: string,
    values: unknown[],
    done: (value: number) => boolean,
    timeoutMs = 60_000,
  ): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.query<{ n: string }>(sql, values);
      const value = Number(Object.values(rows[0] ?? {})[0] ?? 0);
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting on: ${sql} (last ${value})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    for (const notifier of this.notifiers) await notifier.stop().catch(() => {});
    await this.#owner?.end();
    await this.inbox.stop();
    this.sqs.destroy();
    await this.#stopEmulator?.();
    await this.#drop?.();
  }
}
