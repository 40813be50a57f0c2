import type { Page } from 'playwright-core';
import { joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { createDojoThroughUi, editorText, eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'dojo-engine', 'kata-runner'],
  'dojo-runs browser test',
);

const SOLUTION = `export function fizzBuzz(n: number): string {
  if (n % 15 === 0) return 'FizzBuzz';
  if (n % 3 === 0) return 'Fizz';
  if (n % 5 === 0) return 'Buzz';
  return String(n);
}
`;

/** The latest run's light on a page, once it is done ('' while queued or running). */
const latestColour = (page: Page) => page.getByTestId('latest-run').getAttribute('data-colour');
const lights = (page: Page) =>
  page.locator('.runs__lights li').evaluateAll((items) => items.map((item) => item.getAttribute('data-colour')));

scenario('a group types, presses Run, sees red then green; everyone sees the same light', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Ada Facilitator');
  const bob = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
    name: 'Bob Coder',
    email: `bob-${team.slug}@example.com`,
  });
  const contexts = await Promise.all(
    [0, 1].map(() => browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })),
  );
  const [ada, bo] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
  const consoleLines: string[] = [];
  for (const [label, page] of [
    ['A', ada],
    ['B', bo],
  ] as const) {
    page.on('pageerror', (e) => consoleLines.push(`${label} pageerror: ${e.message}`));
  }
  try {
    await Promise.all([
      loginThroughUi(ada, stack().webUrl, team.slug, team.owner.email, team.owner.password),
      loginThroughUi(bo, stack().webUrl, team.slug, bob.email, bob.password),
    ]);
    await createDojoThroughUi(ada, {
      title: 'FizzBuzz with lights',
      kata: 'fizzbuzz',
      language: 'typescript',
      editPolicy: 'everyone',
    });
    await ada.locator('.cm-content').waitFor();
    await bo.goto(ada.url());
    await bo.locator('.cm-content').waitFor();
    await eventually(
      () => editorText(bo),
      (text) => text.includes('Not implemented yet'),
    );
    // The kata's instructions are beside the code, rendered from markdown (a table, not pipes).
    const instructions = bo.getByTestId('kata-instructions');
    await instructions.getByRole('heading', { name: 'The problem' }).waitFor();
    t.is(await instructions.locator('table').count(), 1);
    t.notRegex(await instructions.innerText(), /\|---\|/);

    // Bob presses Run on the starter: both browsers show red, with the failing tests.
    await bo.getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [ada, bo]) {
      await eventually(
        () => latestColour(page),
        (colour) => colour === 'red',
        90_000,
      );
    }
    const failing = await ada.getByRole('list', { name: 'Failing tests' }).innerText();
    t.regex(failing, /1 is said as "1"/);
    t.regex(await ada.getByTestId('latest-run').innerText(), /Run by Bob Coder/);
    await screenshot(ada, 'dojo-run-red');
    await ada.getByTestId('latest-run').getByText('Output').click();
    t.deepEqual(
      await seriousA11yViolations(ada),
      [],
      'no serious or critical accessibility violations with a light shown',
    );

    // Bob types a solution; Ada sees it and presses Run: both browsers show green.
    await bo.locator('.cm-content').click();
    await bo.keyboard.press('Control+A');
    await bo.keyboard.insertText(SOLUTION);
    await eventually(
      () => editorText(ada),
      (text) => text.includes("return 'FizzBuzz'"),
    );
    await ada.getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [ada, bo]) {
      await eventually(
        () => latestColour(page),
        (colour) => colour === 'green',
        90_000,
      );
    }
    t.regex(await bo.getByTestId('latest-run').innerText(), /Run by Ada Facilitator/);
    t.deepEqual(await lights(ada), ['red', 'green']);
    t.deepEqual(await lights(bo), await lights(ada), 'everyone sees the same traffic lights');
    await screenshot(bo, 'dojo-run-green');

    // Files: Ada adds one, Bob renames it, Ada deletes it; each browser's tabs follow. A bad path changes nothing.
    const tabs = (page: Page) => page.getByRole('tab').allInnerTexts();
    await ada.getByRole('button', { name: 'New file' }).click();
    await ada.getByLabel('New file path').fill('../escape.ts');
    await ada.getByRole('button', { name: 'Create' }).click();
    t.regex(await ada.getByRole('alert').innerText(), /"\.\.\/escape\.ts"/);
    await ada.getByLabel('New file path').fill('notes.md');
    await ada.getByRole('button', { name: 'Create' }).click();
    await eventually(
      () => tabs(bo),
      (names) => names.includes('notes.md'),
    );
    await bo.getByRole('tab', { name: 'notes.md' }).click();
    await bo.getByRole('button', { name: 'Rename' }).click();
    await bo.getByLabel('Rename notes.md to').fill('docs/notes.md');
    await bo.getByRole('button', { name: 'Rename', exact: true }).click();
    await eventually(
      () => tabs(ada),
      (names) => names.includes('docs/notes.md') && !names.includes('notes.md'),
    );
    await ada.getByRole('tab', { name: 'docs/notes.md' }).click();
    await ada.getByRole('button', { name: 'Delete docs/notes.md' }).click();
    await eventually(
      () => tabs(bo),
      (names) => !names.some((name) => name.includes('notes.md')),
    );
    t.deepEqual((await tabs(bo)).sort(), ['fizzbuzz.test.ts', 'fizzbuzz.ts']);
    t.deepEqual(consoleLines, []);
  } catch (error) {
    await screenshot(ada, 'dojo-run-failure-a').catch(() => {});
    await screenshot(bo, 'dojo-run-failure-b').catch(() => {});
    t.log(stack().logs('kata-runner'));
    t.log(stack().logs('dojo-engine'));
    throw error;
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
