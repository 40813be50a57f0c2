import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { loadNotifierConfig } from '../../../notifier/src/config.ts';
import { LocalInbox, type ReceivedEmail } from '../../../notifier/src/dev-inbox/local-inbox.ts';
import { type RunningNotifier, startNotifier } from '../../../notifier/src/notifier.ts';
import { INTERNAL_TOKEN, TEST_LINK_SEALING_KEY, type TestPlatform } from './platform.ts';

/** The web app's address in the test notifier's links. */
export const WEB_PUBLIC_URL = 'http://app.pocdojo.test';

export interface TestNotifier {
  notifier: RunningNotifier;
  inbox: LocalInbox;
  /** Its database's owner URL (tests read its rows directly). */
  databaseUrl: string;
  /** The newest e-mail to `address` whose subject matches, after the first `after` e-mails (waits up to 60 s). */
  mailTo(address: string, subject: RegExp, after?: number): Promise<ReceivedEmail>;
  stop(): Promise<void>;
}

/**
 * The real notifier beside a test platform: its own fresh database, the
 * platform's SQS emulator, a real local SMTP inbox, platform-api's JWKS and
 * its internal member lookup — as `npm start` wires them.
 */
export async function startTestNotifier(
  platform: TestPlatform,
  env: Record<string, string> = {},
): Promise<TestNotifier> {
  const inbox = new LocalInbox({ smtpPort: 0, httpPort: 0 });
  await inbox.start();
  const db = await createTestDatabase('notifier');
  const notifier = await startNotifier(
    loadNotifierConfig({
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      AWS_ENDPOINT_URL: platform.awsEndpoint,
      SQS_WAIT_SECONDS: '1',
      SMTP_URL: inbox.smtpUrl,
      LOCAL_PUSH_URL: inbox.httpUrl,
      WEB_PUBLIC_URL,
      JWKS_URL: `${platform.url}/.well-known/jwks.json`,
      PLATFORM_API_URL: platform.url,
      INTERNAL_TOKEN,
      LINK_SEALING_KEY: TEST_LINK_SEALING_KEY,
      POLL_INTERVAL_MS: '100',
      ...env,
    }),
    createLogger('notifier-test', process.env.LOG_LEVEL ?? 'silent'),
  );
  return {
    notifier,
    inbox,
    databaseUrl: db.ownerUrl,
    mailTo: (address, subject, after = 0) =>
      inbox.waitFor(
        () => inbox.emails.slice(after).findLast((e) => e.to.includes(address) && subject.test(e.subject)),
        60_000,
      ),
    async stop() {
      await notifier.stop();
      await inbox.stop();
      await db.drop();
    },
  };
}
