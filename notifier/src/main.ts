import { createLogger } from '@pocdojo/common/logger';
import { runService } from '@pocdojo/common/service-main';
import { notifierConfig } from './config.ts';
import { startNotifier } from './notifier-service.ts';

const logger = createLogger('notifier');
await runService('notifier', logger, () => startNotifier(notifierConfig(), logger));
