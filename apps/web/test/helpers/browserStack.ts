import test from 'ava';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { missingServices, type ServiceName, type Stack, startStack } from './stack.ts';

/**
 * A test file's services and Chromium (with `chromiumArgs`), started once before its scenarios and stopped after them;
 * `scenario` is `test.serial`, or a skip (said once on the console) when a service is not built.
 */
export function browserStack(services: ServiceName[], what: string, chromiumArgs: string[] = []) {
  const missing = missingServices(services);
  if (missing.length) console.log(`${what} skipped: ${missing.join(', ')} not built yet`);
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  test.before(async () => {
    if (missing.length) return;
    [stack, browser] = await Promise.all([startStack(services), launchChromium(chromiumArgs)]);
  });
  test.after.always(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return {
    scenario: missing.length ? test.serial.skip : test.serial,
    stack: () => stack!,
    browser: () => browser!,
  };
}
