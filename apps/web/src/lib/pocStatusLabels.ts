import type { PocStatus } from '../api/types.ts';

/** Each POC status's name in the catalogues (the API's value stays the one sent and filtered on). */
export const statusLabels = {
  idea: 'poc.status.idea',
  active: 'poc.status.active',
  done: 'poc.status.done',
  archived: 'poc.status.archived',
} as const satisfies Record<PocStatus, string>;
