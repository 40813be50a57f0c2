import { listenHost, loadConfig, port } from '@pocdojo/common/runtime/config';
import { z } from 'zod';

/** An optional variable where an empty value means unset (as in `MEILI_HOST= npm start`). */
const optional = <T extends z.ZodType>(type: T) => z.preprocess((v) => (v === '' ? undefined : v), type.optional());

const schema = z.object({
  PORT: port(7701),
  HOST: listenHost(),
  /** Prometheus scrapes /metrics here, never on PORT. */
  METRICS_PORT: port(9302),
  INTERNAL_TOKEN: z.string().min(24, 'must be the shared internal secret (at least 24 characters)'),
  AWS_REGION: z.string().default('us-east-1'),
  AWS_ENDPOINT_URL: optional(z.url()),
  /** Queue of POC events; its dead-letter queue is `${name}-dlq` (redrive policy set by infrastructure). */
  POC_EVENTS_QUEUE: z.string().min(1).default('poc-events'),
  /** SQS long-poll wait; lower values make shutdown faster at the cost of more requests. */
  SQS_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  SEARCH_DATA_DIR: z.string().min(1, 'must be a directory for the embedded index').default('.data/search'),
  PLATFORM_API_URL: z.url().default('http://127.0.0.1:3000'),
  /** How long a deleted POC's tombstone is kept: longer than any event can stay queued (SQS keeps 14 days at most). */
  TOMBSTONE_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .default(14 * 24),
  /** One Meilisearch, or several comma-separated (one per zone): the indexer feeds them all (ReplicatedSearchEngine). */
  MEILI_HOST: optional(
    z
      .string()
      .refine((hosts) => hosts.split(',').every((host) => URL.canParse(host.trim())), 'must be URLs, comma-separated'),
  ),
  MEILI_API_KEY: optional(z.string()),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a Meilisearch index uid')
    .default('pocs'),
});

export type SearchIndexerConfig = z.infer<typeof schema>;

/** Reads and validates search-indexer's environment; throws naming each bad variable. */
export function loadSearchIndexerConfig(env: Record<string, string | undefined> = process.env): SearchIndexerConfig {
  return loadConfig('search-indexer', schema, env);
}
