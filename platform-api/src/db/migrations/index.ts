import { Migration20261123000000Init } from './Migration20261123000000Init.ts';
import { Migration20261123010000DojosJobs } from './Migration20261123010000DojosJobs.ts';
import { Migration20261123020000PolicyInitPlans } from './Migration20261123020000PolicyInitPlans.ts';
import { Migration20261123030000PocApiJson } from './Migration20261123030000PocApiJson.ts';
import { Migration20261201010000MemberTokenVersion } from './Migration20261201010000MemberTokenVersion.ts';
import { Migration20261201020000OutboxDeadLetters } from './Migration20261201020000OutboxDeadLetters.ts';
import { Migration20261201100000PeopleFlows } from './Migration20261201100000PeopleFlows.ts';
import { Migration20261202000000DojoPoc } from './Migration20261202000000DojoPoc.ts';
import { Migration20261202000000TenantQuotas } from './Migration20261202000000TenantQuotas.ts';
import { Migration20261202010000OutboxTraceContext } from './Migration20261202010000OutboxTraceContext.ts';
import { Migration20261202010000TeamLanguage } from './Migration20261202010000TeamLanguage.ts';
import { Migration20261202010000TenantPocCounts } from './Migration20261202010000TenantPocCounts.ts';
import { Migration20261202020000AuditLog } from './Migration20261202020000AuditLog.ts';
import { Migration20261202020000LoginUnlock } from './Migration20261202020000LoginUnlock.ts';
import { Migration20261202030000TwoFactor } from './Migration20261202030000TwoFactor.ts';
import { Migration20261202040000CanonicalLanguages } from './Migration20261202040000CanonicalLanguages.ts';
import { Migration20261202040000Retention } from './Migration20261202040000Retention.ts';
import { Migration20261202050000AccountDeletion } from './Migration20261202050000AccountDeletion.ts';
import { Migration20261202060000PersonalDataExports } from './Migration20261202060000PersonalDataExports.ts';
import { Migration20261202060000SealMfaSecrets } from './Migration20261202060000SealMfaSecrets.ts';
import { Migration20261202070000TeamErasure } from './Migration20261202070000TeamErasure.ts';

/** Every committed migration, in order. New migrations are appended here. */
export const migrations = [
  { name: 'Migration20261123000000Init', class: Migration20261123000000Init },
  { name: 'Migration20261123010000DojosJobs', class: Migration20261123010000DojosJobs },
  { name: 'Migration20261123020000PolicyInitPlans', class: Migration20261123020000PolicyInitPlans },
  { name: 'Migration20261123030000PocApiJson', class: Migration20261123030000PocApiJson },
  { name: 'Migration20261201010000MemberTokenVersion', class: Migration20261201010000MemberTokenVersion },
  { name: 'Migration20261201020000OutboxDeadLetters', class: Migration20261201020000OutboxDeadLetters },
  { name: 'Migration20261201100000PeopleFlows', class: Migration20261201100000PeopleFlows },
  { name: 'Migration20261202000000DojoPoc', class: Migration20261202000000DojoPoc },
  { name: 'Migration20261202000000TenantQuotas', class: Migration20261202000000TenantQuotas },
  { name: 'Migration20261202010000OutboxTraceContext', class: Migration20261202010000OutboxTraceContext },
  { name: 'Migration20261202010000TeamLanguage', class: Migration20261202010000TeamLanguage },
  { name: 'Migration20261202010000TenantPocCounts', class: Migration20261202010000TenantPocCounts },
  { name: 'Migration20261202020000AuditLog', class: Migration20261202020000AuditLog },
  { name: 'Migration20261202020000LoginUnlock', class: Migration20261202020000LoginUnlock },
  { name: 'Migration20261202030000TwoFactor', class: Migration20261202030000TwoFactor },
  { name: 'Migration20261202040000Retention', class: Migration20261202040000Retention },
  { name: 'Migration20261202050000AccountDeletion', class: Migration20261202050000AccountDeletion },
  { name: 'Migration20261202040000CanonicalLanguages', class: Migration20261202040000CanonicalLanguages },
  { name: 'Migration20261202060000PersonalDataExports', class: Migration20261202060000PersonalDataExports },
  { name: 'Migration20261202060000SealMfaSecrets', class: Migration20261202060000SealMfaSecrets },
  { name: 'Migration20261202070000TeamErasure', class: Migration20261202070000TeamErasure },
];
