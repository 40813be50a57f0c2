import { randomUUID } from 'node:crypto';
import type { DojoRole } from '@pocdojo/common/contracts/vocabularies';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/ids';
import { Audience, type DojoSettings, type SigningKey, signToken, TokenType } from '@pocdojo/common/tokens';

export const defaultSettings: DojoSettings = {
  title: 'FizzBuzz kata',
  language: 'typescript',
  durationMinutes: 30,
  rotationMinutes: 5,
  editPolicy: 'everyone',
  kataId: 'fizzbuzz',
  version: 1,
  files: { 'fizzbuzz.ts': 'export function fizzbuzz(n: number): string {\n  return "";\n}\n', 'fizzbuzz.test.ts': '' },
};

/** One dojo of one tenant; `ticket()` signs tickets for it like platform-api would. */
export function dojoFixture(key: SigningKey, settings: Partial<DojoSettings> = {}) {
  const dojoId = randomUUID() as DojoId;
  const tenantId = randomUUID() as TenantId;
  const dojo = { ...defaultSettings, ...settings };
  return {
    dojoId,
    tenantId,
    settings: dojo,
    ticket(
      user: { userId?: string; name?: string; role?: DojoRole } = {},
      overrides: {
        tenantId?: string;
        dojoId?: string;
        ttlSeconds?: number;
        now?: number;
        key?: SigningKey;
        /** Settings as platform-api would sign them after a change (give a higher `version`). */
        settings?: Partial<DojoSettings>;
        /** The team's plan limit on people in its dojos at once (platform-api always signs one). */
        maxp?: number;
      } = {},
    ) {
      return signToken(
        overrides.key ?? key,
        {
          type: TokenType.dojoTicket,
          audience: Audience.dojo,
          ttlSeconds: overrides.ttlSeconds ?? 60,
          now: overrides.now,
        },
        {
          sub: (user.userId ?? randomUUID()) as UserId,
          tid: overrides.tenantId ?? tenantId,
          did: overrides.dojoId ?? dojoId,
          name: user.name ?? 'Ada',
          drole: user.role ?? 'participant',
          dojo: { ...dojo, ...overrides.settings },
          ...(overrides.maxp === undefined ? {} : { maxp: overrides.maxp }),
        },
      );
    },
  };
}
