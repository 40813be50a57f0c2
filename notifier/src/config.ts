import { flag, listenHost, loadConfig, port } from '@pocdojo/common/runtime/config';
import { linkSealingKeySchema } from '@pocdojo/common/runtime/sealed-links';
import { z } from 'zod';

/** An optional variable where an empty value means unset. */
const optional = <T extends z.ZodType>(type: T) => z.preprocess((v) => (v === '' ? undefined : v), type.optional());

const schema = z
  .object({
    PORT: port(7703),
    /** Address to listen on: loopback by default; 0.0.0.0 in a container. */
    HOST: listenHost(),
    /** Prometheus `/metrics`, on a port of its own (never the public one). */
    METRICS_PORT: port(9304),
    /** Application role (non-superuser, RLS applies). */
    DATABASE_URL: z.string().startsWith('postgres', 'must be a postgres:// URL of the notifier database'),
    /** Owner role: when set, migrations run with it at start (npm start, tests); unset in the cluster (a Job). */
    DATABASE_OWNER_URL: optional(z.string().startsWith('postgres')),
    /** Where platform-api publishes its signing keys; access tokens are verified with them. */
    JWKS_URL: z.url().default('http://127.0.0.1:3000/.well-known/jwks.json'),
    /** platform-api, asked on every request for the caller's current membership and role. */
    PLATFORM_API_URL: z.url().default('http://127.0.0.1:3000'),
    /** The shared secret of platform-api's internal endpoints. */
    INTERNAL_TOKEN: z.string().min(24, 'must be the shared internal secret (at least 24 characters)'),
    /** Opens the links platform-api sealed (invitations, resets…), only to write the e-mail; platform-api's key. */
    LINK_SEALING_KEY: linkSealingKeySchema,
    /** The web app's public address: every link in an e-mail or push starts with it. */
    WEB_PUBLIC_URL: z.url().default('http://127.0.0.1:8080'),
    CORS_ORIGINS: z
      .string()
      .default('http://127.0.0.1:8080,http://localhost:8080')
      .transform((v) => v.split(',').filter(Boolean)),
    AWS_REGION: z.string().default('us-east-1'),
    AWS_ENDPOINT_URL: optional(z.url()),
    NOTIFICATIONS_QUEUE: z.string().min(1).default('notifications'),
    /** Queue SES bounce and complaint events arrive on (through SNS); unset: no feedback consumer. */
    SES_FEEDBACK_QUEUE: optional(z.string().min(1)),
    /** Seconds a received event stays hidden while handled; a replica that dies leaves it for this long. */
    SQS_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(43_200).default(30),
    SQS_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
    /** `smtp` (nodemailer; the local inbox on npm start) or `ses` (production). */
    EMAIL_TRANSPORT: z.enum(['smtp', 'ses']).default('smtp'),
    SMTP_URL: z.string().default('smtp://127.0.0.1:2525'),
    SES_CONFIGURATION_SET: optional(z.string().min(1)),
    EMAIL_FROM: z.string().min(3).default('PocDojo <no-reply@pocdojo.local>'),
    /** `sns` (production) or `local` (recorded and shown in the local inbox). */
    PUSH_TRANSPORT: z.enum(['sns', 'local', 'off']).default('local'),
    /** Local push stand-in: the inbox's HTTP address, which records what would be pushed. */
    LOCAL_PUSH_URL: z.url().default('http://127.0.0.1:8025'),
    SNS_APNS_APPLICATION_ARN: optional(z.string().startsWith('arn:')),
    SNS_FCM_APPLICATION_ARN: optional(z.string().startsWith('arn:')),
    /** Deliveries sent at once by one replica's dispatcher. */
    DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
    /** Attempts per delivery before it is marked failed (the delivery's dead letter). */
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** How often the scheduler and dispatcher look for due work when nothing woke them. */
    POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    TRUST_PROXY: flag(false),
  })
  .superRefine((env, ctx) => {
    if (env.PUSH_TRANSPORT === 'sns' && !env.SNS_APNS_APPLICATION_ARN && !env.SNS_FCM_APPLICATION_ARN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SNS_APNS_APPLICATION_ARN'],
        message: 'PUSH_TRANSPORT=sns needs SNS_APNS_APPLICATION_ARN or SNS_FCM_APPLICATION_ARN',
      });
    }
  });

export type NotifierConfig = z.infer<typeof schema>;

/** Reads and validates notifier's environment; throws naming each bad variable. */
export function loadNotifierConfig(env: Record<string, string | undefined> = process.env): NotifierConfig {
  return loadConfig('notifier', schema, env);
}
