import { Migration } from '@mikro-orm/migrations';
import { aesKeySchema } from '@pocdojo/common/runtime/aead';
import { type MfaSecretBox, mfaSecretBox } from '../domain/mfa-secret-box.ts';

/** What a migration may need beyond SQL: keys, asked for only by the migrations that need them. */
export interface MigrationContext {
  /** The TOTP secrets' box (MFA_SECRET_KEY); throws naming the variable when it is not set. */
  mfaSecrets(): MfaSecretBox;
}

/** A migration that reads the context (MikroORM constructs migrations itself, so the context is set on construction). */
export abstract class ContextMigration extends Migration {
  /** Set by bindMigrationContext; the environment's otherwise. */
  context: MigrationContext = contextFromEnv(process.env);
}

/**
 * The context from the environment, for the cluster's migration Job (`migrate(ownerUrl)`):
 * the same MFA_SECRET_KEY and MFA_SECRET_PREVIOUS_KEYS as platform-api.
 */
export function contextFromEnv(env: Record<string, string | undefined>): MigrationContext {
  return {
    mfaSecrets() {
      const current = aesKeySchema.safeParse(env.MFA_SECRET_KEY ?? '');
      if (!current.success) {
        throw new Error('MFA_SECRET_KEY must be set (32 random bytes, base64) to seal the stored two-factor secrets');
      }
      const previous = (env.MFA_SECRET_PREVIOUS_KEYS ?? '')
        .split(',')
        .filter(Boolean)
        .map((value) => aesKeySchema.parse(value.trim()));
      return mfaSecretBox(current.data, previous);
    },
  };
}

/** `migrations` with `context` given to every ContextMigration MikroORM constructs. */
export function bindMigrationContext<M extends { name: string; class: unknown }>(
  migrations: readonly M[],
  context: MigrationContext | undefined,
): M[] {
  if (!context) return [...migrations];
  return migrations.map((m) => {
    const original = m.class as abstract new (...args: never[]) => object;
    if (!(original.prototype instanceof ContextMigration)) return m;
    const bound = new Proxy(original, {
      construct(target, args, newTarget) {
        const instance = Reflect.construct(target, args, newTarget) as ContextMigration;
        instance.context = context;
        return instance;
      },
    });
    return { ...m, class: bound };
  });
}
