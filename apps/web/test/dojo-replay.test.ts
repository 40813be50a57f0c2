import type { Page } from 'playwright-core';
import { signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { createDojoThroughUi, editorText, eventually, loginThroughUi, searchUntilHit } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'dojo-engine', 'kata-runner', 'search-indexer'],
  'dojo-replay browser test',
);

const SOLUTION = `export function fizzBuzz(n: number): string {
  if (n % 15 === 0) return 'FizzBuzz';
  if (n % 3 === 0) return 'Fizz';
  if (n % 5 === 0) return 'Buzz';
  return String(n);
}
`;

const latestColour = (page: Page) => page.getByTestId('latest-run').getAttribute('data-colour');
const replayCode = (page: Page) => page.getByTestId('replay-code').innerText();
const replayLights = (page: Page) =>
  page
    .getByRole('list', { name: 'Traffic lights' })
    .locator('[data-colour]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-colour')));

/** Creates a FizzBuzz dojo through the lobby and waits for the editor. */
async function openFizzBuzzDojo(page: Page, title: string) {
  await createDojoThroughUi(page, { title, kata: 'fizzbuzz', language: 'typescript', editPolicy: 'everyone' });
  await page.locator('.cm-content').waitFor();
  await eventually(
    () => editorText(page),
    (text) => text.includes('Not implemented yet'),
  );
}

async function runAndWait(page: Page, colour: string) {
  await page.getByRole('button', { name: /^Run/ }).click();
  await eventually(
    () => latestColour(page),
    (seen) => seen === colour,
    90_000,
  );
}

scenario(
  'a finished dojo opens in replay (lights, files at any moment, who typed, 32×) and is saved as a POC found by search',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Facilitator');
    const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await openFizzBuzzDojo(page, 'FizzBuzz to replay');
      await runAndWait(page, 'red');
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(SOLUTION);
      await runAndWait(page, 'green');
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('// done', { delay: 20 });
      await eventually(
        () => editorText(page),
        (text) => text.includes('// done'),
      );
      page.on('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Start kata' }).click();
      await page.getByRole('button', { name: 'End the dojo' }).click();

      // The finished dojo shows its replay, at the end: the final files and the last change's author.
      const replay = page.getByTestId('replay');
      await replay.waitFor({ timeout: 30_000 });
      t.deepEqual(await replayLights(page), ['red', 'green']);
      t.regex(await replayCode(page), /\/\/ done/);
      t.regex(await page.getByTestId('replay-who').innerText(), /Ada Facilitator typed “e”/);
      t.regex(await page.getByRole('list', { name: 'Authors' }).innerText(), /Ada Facilitator: \d+ changes/);

      // Jump between the lights: the green run saw the solution without the comment, the red one the starter.
      await page.getByRole('button', { name: 'Previous light' }).click();
      await eventually(
        () => replayCode(page),
        (code) => code.includes("return 'FizzBuzz'") && !code.includes('// done'),
      );
      await page.getByRole('button', { name: 'Previous light' }).click();
      await eventually(
        () => replayCode(page),
        (code) => code.includes('Not implemented yet'),
      );
      t.true(await page.getByRole('button', { name: 'Previous light' }).isDisabled());
      await page.getByRole('button', { name: 'Next light' }).click();
      await eventually(
        () => replayCode(page),
        (code) => code.includes("return 'FizzBuzz'"),
      );

      // Scrub to the very start: the starter files, before anyone typed.
      await page.getByRole('slider', { name: 'Position in the dojo' }).focus();
      await page.keyboard.press('Home');
      await eventually(
        () => page.getByTestId('replay-who').innerText(),
        (who) => who.includes('before anyone typed'),
      );
      t.regex(await replayCode(page), /Not implemented yet/);
      const total = Number(/of (\d+)/.exec(await page.getByTestId('replay-position').innerText())?.[1]);
      t.true(total >= 8, `the solution and each keystroke of the comment are changes (${total})`);

      // Play at 32×: the dojo lasted well under a minute, so it plays to the end within seconds.
      await page.getByLabel('Speed').selectOption('32');
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      await eventually(
        () => page.getByTestId('replay-position').innerText(),
        (position) => position.includes(`change ${total} of ${total}`),
        60_000,
      );
      t.regex(await replayCode(page), /\/\/ done/);
      await page.getByRole('button', { name: 'Play' }).waitFor();
      await screenshot(page, 'dojo-replay');
      t.deepEqual(
        await seriousA11yViolations(page),
        [],
        'no serious or critical accessibility violations in the replay',
      );

      // The facilitator keeps the dojo as a POC: kata, lights, participants, the final files as a zip.
      await page.getByRole('button', { name: 'Save as POC' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Saved as a POC' })
        .getByRole('link', { name: 'open it' })
        .click();
      // The POC opens in its read view, the zip among its attachments; its edit form shows the fields as stored.
      await page.getByRole('heading', { name: 'FizzBuzz to replay' }).waitFor();
      const zip = page.getByRole('link', { name: 'FizzBuzz-to-replay.zip' });
      await zip.waitFor();
      const downloaded = await fetch((await zip.getAttribute('href'))!);
      t.is(downloaded.status, 200);
      t.is(downloaded.headers.get('content-type'), 'application/zip');
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.getByRole('heading', { name: 'Edit FizzBuzz to replay' }).waitFor();
      const description = await page.getByLabel('Description').inputValue();
      t.regex(description, /Traffic lights \(2 runs\): 🔴🟢/);
      t.regex(description, /Participants: Ada Facilitator\./);
      t.is(await page.getByLabel('Languages').inputValue(), 'TypeScript');

      // …and finds it in search, with a typo, like any other POC.
      await page.getByRole('link', { name: 'POCs', exact: true }).click();
      await searchUntilHit(page, 'fizbuzz replay', /FizzBuzz to replay/, () => stack().logs('search-indexer'));
      t.deepEqual(errors, []);
    } catch (error) {
      await screenshot(page, 'dojo-replay-failure').catch(() => {});
      t.log(stack().logs('dojo-engine'));
      t.log(stack().logs('web'));
      throw error;
    } finally {
      await context.close();
    }
  },
);
