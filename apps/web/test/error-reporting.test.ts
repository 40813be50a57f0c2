import { startEnvelopeReceiver } from '@pocdojo/common/dev/testing/envelope-receiver';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { distDir, ensureBuilt } from '../scripts/build.ts';
import { startWebServer } from '../scripts/static-server.ts';
import { launchChromium } from './helpers/browser.ts';

test("the web app reports an unhandled error to the DSN of its config, without the page's token", async (t) => {
  t.timeout(240_000);
  await ensureBuilt();
  const receiver = await startEnvelopeReceiver();
  t.teardown(() => receiver.close());
  const { server, url } = await startWebServer({
    dir: distDir,
    port: 0,
    host: '127.0.0.1',
    // Nothing answers at these addresses: the page only has to load and run.
    config: { apiUrl: 'http://127.0.0.1:9', engineUrl: 'http://127.0.0.1:9', sentryDsn: receiver.dsn },
    logger: createLogger('web-test', 'silent'),
  });
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${url}/reset-password?token=invitation-token-that-must-not-leak`);
  await page.waitForFunction(() => document.getElementById('root')?.childElementCount);
  // An error no code of the app catches, thrown from a timer as a bug in a callback would be.
  await page.evaluate(() => {
    setTimeout(() => {
      throw new TypeError('nobody handles this');
    }, 0);
  });
  const { payload, envelope } = await receiver.next('event');
  const event = payload as { exception: { values: { type: string; value: string }[] }; request?: { url?: string } };
  t.deepEqual(
    event.exception.values.map((v) => [v.type, v.value]),
    [['TypeError', 'nobody handles this']],
  );
  t.is(event.request?.url, `${url}/reset-password`);
  t.false(envelope.raw.includes('invitation-token-that-must-not-leak'), 'the token in the address is not sent');
});
