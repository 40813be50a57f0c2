import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { SigningKey } from '@pocdojo/common/runtime/tokens';
import type { Registry } from 'prom-client';
import type { KataChecker } from './adapters/kata-checker.ts';
import type { ObjectStore } from './adapters/object-store.ts';
import type { SearchClient } from './adapters/search-client.ts';
import type { PlatformApiConfig } from './config.ts';
import type { TenantSql } from './db/tenant-sql.ts';
import type { MfaSecretBox } from './domain/mfa-secret-box.ts';
import type { AuthRateLimits } from './domain/rate-limits.ts';
import type { SessionTokens } from './domain/session-tokens.ts';

/** What route factories receive: the service's collaborators, built once in the composition root. */
export interface PlatformDeps {
  config: PlatformApiConfig;
  orm: MikroORM;
  /** One-round-trip tenant-scoped statements for the hot paths (list pages, POC creation). */
  sql: TenantSql;
  logger: Logger;
  registry: Registry;
  signingKey: SigningKey;
  sessions: SessionTokens;
  rateLimits: AuthRateLimits;
  objects: ObjectStore;
  search: SearchClient | null;
  /** Runs a team kata's starters in kata-runner's sandbox before it is saved; null: katas are saved unchecked. */
  kataChecker: KataChecker | null;
  /** Seals a link that carries a secret for notifier (LINK_SEALING_KEY): the outbox never holds it usable. */
  sealLink(tenantId: TenantId, link: string): string;
  /** Seals and opens members' TOTP secrets at rest (MFA_SECRET_KEY). */
  mfaSecrets: MfaSecretBox;
  /** Wakes the outbox relay after a commit that wrote events. */
  eventsWritten(): void;
}
