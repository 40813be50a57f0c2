import { signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'kata-runner'], 'team-katas browser test');

scenario('a team kata is written, refused while its starter is amber, saved, edited and deleted', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Kim Author');
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: 'Katas', exact: true }).click();
    await page.getByRole('heading', { name: 'Katas', exact: true }).waitFor();
    t.regex(await page.getByRole('heading', { name: 'Classics' }).innerText(), /Classics/);
    await page.getByRole('button', { name: 'New team kata' }).click();
    await page.getByLabel('Id').fill('echo-kata');
    await page.getByLabel('Kata title').fill('Echo');
    await page.getByLabel('Summary').fill('Say it back.');
    await page.getByLabel('Instructions (markdown)').fill('## The problem\nReturn what you are given.');
    await page.getByLabel('Kata tags').fill('tdd, warm-up');
    const code = page.getByLabel('TypeScript file 1 content');
    const template = await code.inputValue();

    // A starter that does not compile is refused: the sandbox run was amber, and the form says why (in the
    // member's language, which the API picks: pt-BR for a new team until the web app has its own catalogues).
    await code.fill('export function solve(: string {');
    await page.getByRole('button', { name: 'Create kata' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /TypeScript: (amber|amarelo) \(compile-error\)/ });
    await refusal.waitFor({ timeout: 90_000 });
    await screenshot(page, 'team-kata-amber');

    // The stub from the template runs red: saved.
    await code.fill(template);
    await page.getByRole('button', { name: 'Create kata' }).click();
    const list = page.getByRole('list', { name: 'The team’s katas' });
    await list.getByText('Echo', { exact: true }).waitFor({ timeout: 90_000 });
    t.regex(await list.innerText(), /typescript · Say it back\./);

    // Edit: a new title and a Python starter.
    await page.getByRole('button', { name: 'Edit Echo' }).click();
    t.true(await page.getByLabel('Id').isDisabled());
    t.is(await page.getByLabel('Instructions (markdown)').inputValue(), '## The problem\nReturn what you are given.');
    await page.getByLabel('Kata title').fill('Echo twice');
    await page.getByRole('button', { name: 'Add Python' }).click();
    t.deepEqual(await seriousA11yViolations(page), [], 'the kata form is accessible');
    await page.getByRole('button', { name: 'Save kata' }).click();
    await list.getByText('Echo twice', { exact: true }).waitFor({ timeout: 90_000 });
    t.regex(await list.innerText(), /typescript, python/);

    await page.getByRole('button', { name: 'Delete Echo twice' }).click();
    await page.getByText('None yet: write one for your next dojo.').waitFor();
    t.deepEqual(errors, []);
  } catch (error) {
    await screenshot(page, 'team-kata-failure').catch(() => {});
    t.log(stack().logs('platform-api'));
    t.log(stack().logs('kata-runner'));
    throw error;
  } finally {
    await context.close();
  }
});
