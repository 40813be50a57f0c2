import { listenHost, loadConfig, port } from '@pocdojo/common/runtime/config';
import { z } from 'zod';

/** dojo-engine's environment (scripts/services.ts gives it these in `npm start`). */
export const configSchema = z
  .object({
    PORT: port(2567),
    HOST: listenHost(),
    /** Prometheus scrapes /metrics here, never on PORT. */
    METRICS_PORT: port(9301),
    /** App-role URL of the `dojo` database. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    /** Owner URL; when set, migrations run at start. */
    DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** platform-api's JWKS: verifies dojo tickets and access tokens. */
    JWKS_URL: z.url(),
    /** host:port clients reach this process at (per pod on EKS). */
    PUBLIC_ADDRESS: z.string().min(1).optional(),
    /** Enables Colyseus Redis presence + driver (scale-out). */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Seconds an empty room waits before its final save and disposal. */
    /** Comma-separated origins allowed to call the engine from a browser (the web app's). */
    CORS_ORIGINS: z.string().default(''),
    /** SQS queue of platform-api's dojo events (settings changes); unset: no live settings updates. */
    DOJO_EVENTS_QUEUE: z.string().min(1).optional(),
    /** kata-runner's queues; unset: test runs are refused (runner_unavailable). */
    KATA_RUN_REQUESTS_QUEUE: z.string().min(1).optional(),
    KATA_RUN_RESULTS_QUEUE: z.string().min(1).optional(),
    /** Shared secret of the internal routes (the media worker's member-dojos export); unset: none. */
    INTERNAL_TOKEN: z.string().min(16, 'must be the shared internal token (≥ 16 characters)').optional(),
    DOJO_EMPTY_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /** Voice: comma-separated STUN URLs (e.g. `stun:turn.example.com:3478`); empty: none. */
    STUN_URLS: z.string().default(''),
    /** Voice: comma-separated TURN URLs (`turn:…?transport=udp`, `turns:…:5349`); empty: no relay. */
    TURN_URLS: z.string().default(''),
    /** coturn's `static-auth-secret`: signs expiring TURN credentials. Required with TURN_URLS. */
    TURN_SECRET: z.string().min(32).optional(),
    /** How long a voice member's TURN credentials stay valid. */
    TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  })
  .refine((config) => !config.TURN_URLS.trim() || config.TURN_SECRET, {
    message: 'TURN_URLS needs TURN_SECRET',
    path: ['TURN_SECRET'],
  });

export type DojoEngineConfig = z.infer<typeof configSchema>;

export const loadDojoEngineConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig('dojo-engine', configSchema, env);
