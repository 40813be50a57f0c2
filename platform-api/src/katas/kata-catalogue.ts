import type { TenantId } from '@pocdojo/common/contracts/ids';
import { TenantKata, type TenantKataEntity } from '../db/entities/TenantKata.ts';
import { inTenant } from '../db/tenant-scope.ts';
import type { PlatformDeps } from '../deps.ts';
import { findBuiltinKata } from './builtin-katas.ts';
import type { Kata } from './kata.ts';
import type { Language } from './language.ts';

/** A kata a team can pick: a built-in one, or one of the team's own (with starters for some languages only). */
export type AnyKata = Omit<Kata, 'starters'> & { starters: Partial<Kata['starters']>; builtin: boolean };

/** A team kata as the catalogue lists it. */
export const fromEntity = (entity: TenantKataEntity): AnyKata => ({
  id: entity.id,
  title: entity.title,
  summary: entity.summary,
  description: entity.description,
  difficulty: entity.difficulty,
  tags: entity.tags as string[],
  starters: entity.starters,
  builtin: false,
});

/** A built-in kata or one of the tenant's own; undefined when neither exists. */
export async function findKata(
  deps: Pick<PlatformDeps, 'orm'>,
  tenantId: string,
  id: string,
): Promise<AnyKata | undefined> {
  const builtin = findBuiltinKata(id);
  if (builtin) return { ...builtin, builtin: true };
  const own = await inTenant(deps.orm, tenantId as TenantId, (em) => em.findOne(TenantKata, { id }));
  return own ? fromEntity(own) : undefined;
}

/** Starter files of `kata` in `language` (a fresh copy, path → text), or undefined when the kata has none for it. */
export const kataStarters = (kata: AnyKata, language: Language) =>
  kata.starters[language] ? { ...kata.starters[language].files } : undefined;
