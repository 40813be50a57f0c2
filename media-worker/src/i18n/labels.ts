import type { PocStatus } from '@pocdojo/common/contracts/vocabularies';
import type { FunnelStage } from '@pocdojo/common/report-figures';
import type { MessageKey } from './reader.ts';

/** The message of each POC status: spelt out, so a catalogue check sees every key in use. */
export const statusKeys = {
  idea: 'report.status.idea',
  active: 'report.status.active',
  done: 'report.status.done',
  archived: 'report.status.archived',
} as const satisfies Record<PocStatus, MessageKey>;

/** The message of each funnel stage. */
export const funnelKeys = {
  registered: 'report.funnel.registered',
  started: 'report.funnel.started',
  finished: 'report.funnel.finished',
} as const satisfies Record<FunnelStage, MessageKey>;
