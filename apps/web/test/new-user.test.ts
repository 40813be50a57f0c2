import type { Page } from 'playwright-core';
import { call, signupTeam, type TestTeam } from './helpers/api.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'search-indexer'], 'new-user browser test');

/** What a new team trips over (issue 13): first contact, the POC read view, labels, attachments, search. */

async function withPage(run: (page: Page) => Promise<void>) {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Waits until the search index has `name` (the indexer consumes events asynchronously). */
async function indexed(team: TestTeam, q: string, total: number) {
  await eventually(
    () =>
      call<{ total: number }>(stack().apiUrl, 'GET', `/v1/pocs/search?q=${encodeURIComponent(q)}`, team.owner.token),
    (r) => r.total === total,
    30_000,
  );
}

scenario('first contact: a landing page, the password policy while typing, errors without HTTP jargon', async (t) => {
  await withPage(async (page) => {
    await page.goto(`${stack().webUrl}/`);
    await page.getByRole('heading', { level: 1, name: /proofs of concept/i }).waitFor();
    t.regex((await page.locator('main').textContent()) ?? '', /PocDojo is where a development team/);
    await page.getByRole('link', { name: 'Sign up your team' }).click();
    await page.getByRole('heading', { name: 'Sign up your team' }).waitFor();

    // The policy is there before anything is typed; the strength follows the typing.
    t.regex((await page.getByText(/At least 10 characters/).textContent()) ?? '', /not your e-mail name/);
    const suffix = Math.random().toString(36).slice(2, 8);
    await page.getByLabel('Email').fill(`o@${suffix}.test`);
    const password = page.getByLabel('Password', { exact: true });
    const strength = page.locator('.password-strength');
    await password.fill('short');
    await strength.getByText('too weak').waitFor();
    await password.fill('abcdefgh12');
    await strength.getByText('fair').waitFor();
    // A one-letter e-mail name ("o") does not forbid every password with an "o".
    await password.fill('correct-Horse-battery-9');
    await strength.getByText('strong').waitFor();

    // A refused sign-up says what is wrong in words, not "Bad Request: …".
    await page.getByLabel('Team name').fill(`Team ${suffix}`);
    await page.getByLabel('Your name').fill('Olga');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Create team' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const said = (await alert.textContent()) ?? '';
    t.notRegex(said, /Bad Request|HTTP|\b400\b/);
    t.true(said.length > 0);

    await page.getByLabel('Email').fill(`o@${suffix}.test`);
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
    // Signed in, "/" goes to the POCs.
    await page.goto(`${stack().webUrl}/`);
    await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
  });
});

scenario(
  'a POC reads as a page with Edit as an action; labels keep their spelling and filter when clicked',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Rita Reader');
    await call(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, {
      name: 'Older service',
      languages: ['Go'],
      tags: ['K8s'],
      status: 'done',
    });
    await withPage(async (page) => {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.getByRole('link', { name: 'New POC' }).click();
      await page.getByLabel('Name').fill('Payments gateway');
      await page.getByLabel('Description').fill('Handles **card** payments.\n\n- retries\n- idempotency keys');
      // Suggestions while typing: known languages and the team's tags.
      const languages = page.getByLabel('Languages');
      await languages.fill('golang, typ');
      await eventually(
        () =>
          page
            .locator('#poc-language-options option')
            .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
        (values) => values.includes('golang, TypeScript'),
      );
      await languages.fill('golang, ts, c#');
      await page.getByLabel('Tags').fill('k8');
      await eventually(
        () =>
          page.locator('#poc-tag-options option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
        (values) => values.includes('K8s'),
      );
      await page.getByLabel('Tags').fill('k8s, Payments');
      await page.getByLabel('Repository URL').fill('https://git.example.com/payments');
      await page.getByRole('button', { name: 'Create POC' }).click();

      // The read view: rendered description, canonical languages, the team's tag spelling, a link, the owner.
      await page.getByRole('heading', { level: 1, name: 'Payments gateway' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Created' }).waitFor();
      t.is(await page.locator('.markdown strong').textContent(), 'card');
      t.is(await page.locator('.markdown li').count(), 2);
      const chips = await page.locator('.poc-view .chips a').allTextContents();
      t.deepEqual(chips, ['Go', 'TypeScript', 'C#', '#K8s', '#Payments']);
      t.is(
        await page.getByRole('link', { name: 'https://git.example.com/payments' }).getAttribute('href'),
        'https://git.example.com/payments',
      );
      t.regex((await page.locator('.poc-view__facts').textContent()) ?? '', /Rita Reader/);
      t.is(await page.getByRole('textbox').count(), 0, 'reading is not editing');

      // Edit is an action; saving comes back to the read view with "Saved".
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.getByRole('heading', { name: 'Edit Payments gateway' }).waitFor();
      await page.getByLabel('Status').selectOption('active');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Payments gateway' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      t.is(await page.locator('.poc-view .badge').textContent(), 'active');

      // A tag chip filters the list by that tag; "#k8s" typed in the tag filter finds it too.
      await page.locator('.poc-view .chips').getByRole('link', { name: '#K8s' }).click();
      await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
      const list = page.getByRole('list', { name: 'POCs' }).getByRole('heading');
      await eventually(
        () => list.allTextContents(),
        (names) => names.length === 2,
      );
      t.deepEqual(new URL(page.url()).searchParams.getAll('tag'), ['K8s']);
      await page.getByRole('button', { name: 'Clear all filters' }).click();
      await page.getByLabel('Tag', { exact: true }).fill('#k8s');
      await page.getByLabel('Tag', { exact: true }).press('Enter');
      await eventually(
        () => list.count(),
        (n) => n === 2,
      );
      // A language chip in a card filters by the language.
      await page.getByRole('button', { name: 'Clear all filters' }).click();
      await page.getByRole('list', { name: 'POCs' }).getByRole('link', { name: 'C#', exact: true }).click();
      await eventually(
        () => list.allTextContents(),
        (names) => names.length === 1 && names[0] === 'Payments gateway',
      );
    });
  },
);

scenario('attachments: preview (UTF-8 kept), rename, download under the new name, delete', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Ana Files');
  const poc = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, {
    name: 'Docs',
    languages: ['Go'],
  });
  const markdown = '# Anotações\n\nAção, coração e pão — ✓\n';
  await withPage(async (page) => {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.goto(`${stack().webUrl}/pocs/${poc.id}`);
    await page.getByRole('heading', { level: 1, name: 'Docs' }).waitFor();
    // Browsers often leave a .md file's type empty: it is still sent as Markdown.
    await page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'notas.md', mimeType: '', buffer: Buffer.from(markdown) });
    const link = page.getByRole('link', { name: 'notas.md' });
    await link.waitFor();

    await page.getByRole('button', { name: 'Preview notas.md' }).click();
    const preview = page.getByRole('region', { name: 'Preview of notas.md' });
    await preview.getByRole('heading', { name: 'Anotações' }).waitFor();
    t.regex((await preview.textContent()) ?? '', /Ação, coração e pão — ✓/, 'no mojibake');

    await page.getByRole('button', { name: 'Rename notas.md' }).click();
    await page.getByLabel('New name for notas.md').fill('anotações.md');
    await page.getByRole('button', { name: 'Save name' }).click();
    const renamed = page.getByRole('link', { name: 'anotações.md' });
    await renamed.waitFor();

    // A download is a download: saved under its name, as UTF-8.
    const download = page.waitForEvent('download');
    await renamed.click();
    const file = await download;
    t.is(file.suggestedFilename(), 'anotações.md');
    const saved = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    t.is(Buffer.concat(chunks).toString('utf8'), markdown);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete anotações.md' }).click();
    await page.getByText('No files yet.').waitFor();
    const left = await call<{ items: unknown[] }>(
      stack().apiUrl,
      'GET',
      `/v1/pocs/${poc.id}/attachments`,
      team.owner.token,
    );
    t.deepEqual(left.items, []);
  });
});

scenario('search: filters apply, show as removable chips, live in the URL; aliases are synonyms', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Sam Search');
  const make = (name: string, languages: string[], tags: string[], status: string) =>
    call(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, { name, languages, tags, status });
  await make('Go gateway', ['Go'], ['pix'], 'active');
  await make('Go ledger', ['Go'], ['pix'], 'done');
  await make('Python pix reconciler', ['Python'], ['pix'], 'done');
  await indexed(team, 'pix', 3);
  await withPage(async (page) => {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('heading');
    const names = () => results.allTextContents().then((n) => n.sort());

    // Status applies to a search too, and each result shows its status badge.
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('searchbox', { name: 'Search' }).fill('golang');
    await eventually(names, (n) => n.length === 1 && n[0] === 'Go ledger');
    t.is(await page.getByRole('list', { name: 'Search results' }).locator('.badge').first().textContent(), 'done');
    const url = new URL(page.url());
    t.is(url.searchParams.get('q'), 'golang');
    t.is(url.searchParams.get('status'), 'done');

    // Active filters are chips; a facet tick shows as one and survives a new query visibly.
    await page.getByRole('group', { name: 'Languages' }).getByRole('checkbox', { name: /Go/ }).check();
    const active = page.getByRole('region', { name: 'Active filters' });
    await active.getByRole('button', { name: /Language: Go/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('reconciler');
    // Nothing: Python's reconciler is filtered out by "Language: Go"; the page says which filters to remove.
    const empty = page.getByRole('status').filter({ hasText: 'Nothing matches' });
    await empty.waitFor();
    await empty.getByRole('button', { name: 'Remove Language: Go' }).click();
    await eventually(names, (n) => n.length === 1 && n[0] === 'Python pix reconciler');

    // Open a result, come Back: the search and its filters are still there.
    await page.getByRole('link', { name: 'Python pix reconciler' }).click();
    await page.getByRole('heading', { level: 1, name: 'Python pix reconciler' }).waitFor();
    await page.goBack();
    await eventually(names, (n) => n.length === 1 && n[0] === 'Python pix reconciler');
    t.is(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'reconciler');
    t.is(await page.getByLabel('Status').inputValue(), 'done');

    // A bookmarked search opens as it was.
    await page.goto(`${stack().webUrl}/pocs?q=pix&status=active`);
    await eventually(names, (n) => n.length === 1 && n[0] === 'Go gateway');
    await active.getByRole('button', { name: /Status: active/ }).waitFor();
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await eventually(names, (n) => n.length === 3);
    t.is(await active.count(), 0);
  });
});
