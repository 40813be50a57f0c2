import { defineEntity, p } from '@mikro-orm/core';
import type { Difficulty, StarterSet } from '../../katas/kata.ts';
import type { Language } from '../../katas/language.ts';

/** A kata a tenant added to the built-in catalogue. */
export const TenantKata = defineEntity({
  name: 'TenantKata',
  tableName: 'katas',
  properties: {
    tenantId: p.uuid().primary(),
    id: p.text().primary(),
    title: p.text(),
    summary: p.text(),
    description: p.text(),
    difficulty: p.text().$type<Difficulty>(),
    tags: p.array(),
    starters: p.json<Record<Language, StarterSet>>(),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type TenantKataEntity = InstanceType<typeof TenantKata.class>;
