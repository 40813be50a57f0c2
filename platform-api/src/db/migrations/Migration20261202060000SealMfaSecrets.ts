import { ContextMigration } from '../migration-context.ts';

/**
 * TOTP secrets at rest are sealed (AES-256-GCM, MFA_SECRET_KEY, see
 * domain/mfa-secret-box.ts): every secret stored in clear by the TwoFactor
 * migration's first version is sealed here, in the migration's transaction, and
 * a check constraint keeps the columns from ever holding a clear secret again.
 * Without clear secrets no key is needed; with some and no key, the migration
 * stops, naming MFA_SECRET_KEY, and nothing changes.
 */
export class Migration20261202060000SealMfaSecrets extends ContextMigration {
  override async up(): Promise<void> {
    // users has FORCE row-level security: the owner sees every team only in the system scope.
    await this.execute(`select set_config('app.system', 'on', true)`);
    const clear = await this.execute(
      `select id, tenant_id, mfa_secret, mfa_pending_secret from users
        where (mfa_secret is not null and mfa_secret not like 'mfa.v1.%')
           or (mfa_pending_secret is not null and mfa_pending_secret not like 'mfa.v1.%')`,
    );
    if (clear.length) {
      const box = this.context.mfaSecrets();
      const seal = (row: Record<string, unknown>, value: unknown) =>
        typeof value === 'string' && !value.startsWith('mfa.v1.')
          ? box.seal(String(row.tenant_id), String(row.id), value)
          : (value ?? null);
      for (const row of clear) {
        await this.execute('update users set mfa_secret = ?, mfa_pending_secret = ? where id = ?', [
          seal(row, row.mfa_secret),
          seal(row, row.mfa_pending_secret),
          row.id,
        ]);
      }
    }
    this.addSql(
      `alter table users add constraint users_mfa_secret_sealed check (mfa_secret is null or mfa_secret like 'mfa.v1.%')`,
    );
    this.addSql(
      `alter table users add constraint users_mfa_pending_secret_sealed check (mfa_pending_secret is null or mfa_pending_secret like 'mfa.v1.%')`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table users drop constraint users_mfa_pending_secret_sealed');
    this.addSql('alter table users drop constraint users_mfa_secret_sealed');
  }
}
