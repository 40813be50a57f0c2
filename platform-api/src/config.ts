import { aesKeySchema } from '@pocdojo/common/runtime/aead';
import { listenHost, loadConfig, port } from '@pocdojo/common/runtime/config';
import { linkSealingKeySchema } from '@pocdojo/common/runtime/sealed-links';
import { z } from 'zod';

const schema = z.object({
  PORT: port(3000),
  HOST: listenHost(),
  /** Prometheus scrapes /metrics here, never on PORT. */
  METRICS_PORT: port(9300),
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL of the app (non-superuser) role' }),
  DATABASE_OWNER_URL: z.url().optional(),
  JWT_PRIVATE_JWK: z.string().min(1, 'must hold the Ed25519 private key as a JWK (JSON)'),
  JWT_ISSUER: z.string().default('pocdojo-platform'),
  INTERNAL_TOKEN: z.string().min(24, 'must be a shared secret of at least 24 characters'),
  /** Seals links carrying secrets for notifier (AES-256-GCM; notifier holds the same key). */
  LINK_SEALING_KEY: linkSealingKeySchema,
  /** Seals members' TOTP secrets at rest (AES-256-GCM; domain/mfa-secret-box.ts). */
  MFA_SECRET_KEY: aesKeySchema,
  /** Earlier MFA_SECRET_KEYs, comma-separated, still read after a rotation (each secret is resealed when used). */
  MFA_SECRET_PREVIOUS_KEYS: z
    .string()
    .default('')
    .transform((value, ctx) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .flatMap((key) => {
          const parsed = aesKeySchema.safeParse(key);
          if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'each key must be 32 random bytes, base64' });
          return parsed.success ? [parsed.data] : [];
        }),
    ),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  SEARCH_URL: z.url().optional(),
  DOJO_ENGINE_URL: z.url().default('http://127.0.0.1:2567'),
  /** kata-runner's HTTP port: a team kata's starters are run there before the kata is saved (unset: saved unchecked). */
  KATA_RUNNER_URL: z.url().optional(),
  CORS_ORIGINS: z.string().default(''),
  S3_BUCKET: z.string().min(3).default('pocdojo-media'),
  AWS_REGION: z.string().default('us-east-1'),
  AWS_ENDPOINT_URL: z.url().optional(),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOGIN_RATE_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_FREE_FAILURES: z.coerce.number().int().nonnegative().default(5),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(900),
  /** How long a team's deletion waits, cancellable, before every trace is erased (default 7 days). */
  TEAM_DELETION_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(7 * 24 * 3600),
  /** How often platform-api looks for teams whose grace period is over. */
  TEAM_ERASURE_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  /** The shared rate-limit store (ElastiCache); without it limits are per process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every rate-limit key, so deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('platform-api:'),
});

export type PlatformApiConfig = z.infer<typeof schema>;

/** Reads and validates platform-api's environment; throws naming each bad variable. */
export function loadPlatformApiConfig(env: Record<string, string | undefined> = process.env): PlatformApiConfig {
  return loadConfig('platform-api', schema, env);
}
