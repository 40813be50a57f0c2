import { createLogger } from '@pocdojo/common/runtime/logger';
import { LocalInbox } from './local-inbox.ts';

/** `npm run dev-inbox -w notifier` (and `npm start`): SMTP on SMTP_PORT (2525), the inbox page on PORT (8025). */
const logger = createLogger('local-inbox');
const inbox = new LocalInbox({
  smtpPort: Number(process.env.SMTP_PORT ?? 2525),
  httpPort: Number(process.env.PORT ?? 8025),
});
try {
  await inbox.start();
  logger.info({ smtp: inbox.smtpUrl, page: inbox.httpUrl }, 'local inbox listening');
  const stop = () => void inbox.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  logger.fatal({ err: error }, 'local inbox failed to start');
  process.exitCode = 1;
}
