import type { Page } from 'playwright-core';
import { call, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, loginThroughUi, searchUntilHit } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'search-indexer'], 'pocs browser test');

/** Runs axe on the page, saves its screenshot, and returns the serious/critical violations. */
async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  return (await seriousA11yViolations(page)).map(
    (v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes[0]?.target}`,
  );
}

scenario('sign up, create a POC, find it with a misspelled search; main pages are accessible', async (t) => {
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const violations: string[] = [];
  const suffix = Math.random().toString(36).slice(2, 8);
  try {
    // Sign up a team through the form; a bad password is explained next to its field.
    await page.goto(`${stack().webUrl}/signup`);
    violations.push(...(await checkPage(page, 'signup')));
    await page.getByLabel('Team name').fill(`Lab ${suffix}`);
    await page.getByLabel('Team short name (optional)').fill(`lab-${suffix}`);
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(`grace-${suffix}@example.com`);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create team' }).click();
    const passwordError = page.locator('.field--error .field__error');
    await passwordError.first().waitFor();
    t.true((await passwordError.count()) > 0, 'the password problem is shown at the field');
    await page.getByLabel('Password').fill(`Compilers-Are-Fun-${suffix}`);
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();

    // The session survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
    violations.push(...(await checkPage(page, 'pocs-empty')));

    // Create a POC.
    await page.getByRole('link', { name: 'New POC' }).click();
    await page.getByLabel('Name').fill('Kubernetes operator for Postgres backups');
    await page.getByLabel('Description').fill('Reconciles backup schedules and restores into scratch namespaces.');
    await page.getByLabel('Languages').fill('Go, Rust');
    await page.getByLabel('Tags').fill('kubernetes, backup');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Started').fill(`${new Date().getFullYear()}-02-01`);
    violations.push(...(await checkPage(page, 'poc-new')));
    await page.getByRole('button', { name: 'Create POC' }).click();
    await page.getByRole('heading', { name: 'Kubernetes operator for Postgres backups' }).waitFor();

    // Attach a file: presigned PUT straight from the browser to S3 (the emulator, allowed by the
    // bucket's CORS rule, with a preflight since the PUT carries a content type), then listed with a presigned GET.
    const put = page.waitForResponse((response) => response.request().method() === 'PUT');
    await page.getByLabel('Attach files').setInputFiles({
      name: 'design-notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Backups every night, restores tested weekly.\n'),
    });
    const upload = await put;
    t.is(
      new URL(upload.url()).origin,
      new URL(stack().awsEndpoint).origin,
      'the PUT went to S3, not through the web server',
    );
    t.is(upload.status(), 200);
    const attachment = page.getByRole('link', { name: 'design-notes.txt' });
    await attachment.waitFor();
    const downloaded = await fetch((await attachment.getAttribute('href'))!);
    t.is(await downloaded.text(), 'Backups every night, restores tested weekly.\n');
    violations.push(...(await checkPage(page, 'poc-edit')));

    // Find it with a misspelling ("kubernetse opreator"), once the indexer has caught up.
    await page.getByRole('link', { name: 'POCs', exact: true }).click();
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
    const hit = await searchUntilHit(page, 'kubernetse opreator', /Kubernetes operator/, () =>
      stack().logs('search-indexer'),
    );
    const marks = await hit.locator('mark').allTextContents();
    t.deepEqual(marks, ['Kubernetes', 'operator'], 'the misspelled words are highlighted in the hit');
    await page.getByRole('group', { name: 'Languages' }).getByText('Go', { exact: true }).waitFor();
    // A facet narrows the search; the hit has that language, so it stays.
    await page.getByRole('group', { name: 'Languages' }).getByRole('checkbox', { name: /Rust/ }).check();
    await page.getByText('1 result').waitFor();
    await hit.waitFor();
    violations.push(...(await checkPage(page, 'search')));

    for (const [link, heading, name] of [
      ['Members', 'Members', 'members'],
      ['Dojos', 'Dojos', 'dojos'],
      ['Reports & videos', 'Reports and videos', 'media'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      violations.push(...(await checkPage(page, name)));
    }

    // Log out: back to the login page, and the session is gone after a reload.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    violations.push(...(await checkPage(page, 'login')));
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    t.deepEqual(violations, [], 'no serious or critical accessibility violations');
  } finally {
    await context.close();
  }
});

scenario('the POC list scrolls in pages and filters; a stale edit is refused with a clear message', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Edsger List');
  const created: Array<{ id: string; name: string; version: number }> = [];
  for (let i = 0; i < 25; i++) {
    created.push(
      await call(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, {
        name: `Spike number ${String(i + 1).padStart(2, '0')}`,
        languages: [i % 2 ? 'python' : 'go'],
        tags: ['spike'],
        status: i < 5 ? 'done' : 'idea',
      }),
    );
  }
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    const list = page.getByRole('list', { name: 'POCs' }).getByRole('listitem');
    await eventually(
      () => list.count(),
      (n) => n === 20,
    );
    // Scrolling to the end loads the next page through the cursor.
    await page.mouse.wheel(0, 20_000);
    await eventually(
      () => list.count(),
      (n) => n === 25,
    );
    await page.getByLabel('Status').selectOption('done');
    await eventually(
      () => list.count(),
      (n) => n === 5,
    );
    await page.getByLabel('Language', { exact: true }).fill('python');
    await page.getByLabel('Language', { exact: true }).press('Enter');
    await eventually(
      () => list.count(),
      (n) => n === 2,
    );

    // Someone else saves the POC while we edit it: our save is refused, and we can load their version.
    const target = created[0]!;
    await page.goto(`${stack().webUrl}/pocs/${target.id}/edit`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('My rename');
    const theirs = await fetch(`${stack().apiUrl}/v1/pocs/${target.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${team.owner.token}`,
        'content-type': 'application/json',
        'if-match': `"${target.version}"`,
      },
      body: JSON.stringify({ name: 'Their rename' }),
    });
    t.is(theirs.status, 200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this POC' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Load their version' }).click();
    await eventually(
      () => page.getByRole('textbox', { name: 'Name', exact: true }).inputValue(),
      (value) => value === 'Their rename',
    );
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Our rename, on top of theirs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Our rename, on top of theirs' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    // Delete, after confirming.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
    await eventually(
      () => list.count(),
      (n) => n === 20,
    );
    t.is(await page.getByRole('link', { name: 'Our rename, on top of theirs' }).count(), 0);
  } finally {
    await context.close();
  }
});
