import { call, signupTeam } from './helpers/api.ts';
import { screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'dojo-engine', 'kata-runner'],
  'kata-markdown browser test',
);

// kata-runner checks the team kata's starters before platform-api saves it.

/** Every way a team's kata text could try to run code in a participant's browser. Each sets `window.__pwned`. */
const HOSTILE = `## Hostile kata

<script>window.__pwned = 'script tag'</script>

<img src="x" onerror="window.__pwned = 'img onerror'">

<svg onload="window.__pwned = 'svg onload'"></svg>

<a href="javascript:window.__pwned='raw html link'">raw html link</a>

<iframe src="javascript:window.__pwned='iframe'"></iframe>

<div onmouseover="window.__pwned='div handler'" style="position:fixed;inset:0">raw div</div>

<style>body { display: none }</style>

[markdown javascript link](javascript:window.__pwned='markdown%20link')

[markdown JaVaScRiPt link](JaVaScRiPt:window.__pwned='mixed%20case')

[data html link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nZGF0YSc8L3NjcmlwdD4=)

![data svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)

[vbscript link](vbscript:msgbox)

<https://example.com/fine> stays a link.

| table | still |
|---|---|
| works | here |
`;

scenario('hostile kata instructions render as inert text in Chromium: nothing executes', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Mallory Writer');
  await call(stack().apiUrl, 'POST', '/v1/katas', team.owner.token, {
    id: 'hostile-kata',
    title: 'Hostile kata',
    summary: 'Instructions that try to run code.',
    description: HOSTILE,
    difficulty: 'easy',
    tags: ['security'],
    starters: {
      typescript: {
        files: {
          'main.ts': 'export const x = 1;\n',
          'main.test.ts':
            "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { x } from './main.ts';\n\ntest('x is 1', () => assert.equal(x, 1));\n",
        },
      },
    },
  });
  const dojo = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/dojos', team.owner.token, {
    title: 'Hostile markdown',
    kataId: 'hostile-kata',
    language: 'typescript',
    durationMinutes: 30,
    rotationMinutes: 5,
    editPolicy: 'everyone',
  });
  // No Content-Security-Policy: what is tested is the rendering alone, not the CSP behind it.
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.goto(`${stack().webUrl}/dojos/${dojo.id}`);
    const instructions = page.getByTestId('kata-instructions');
    await instructions.getByRole('heading', { name: 'Hostile kata' }).waitFor();
    // Markdown still works around the hostile parts.
    t.is(await instructions.locator('table').count(), 1);
    t.is(
      await instructions.getByRole('link', { name: 'https://example.com/fine' }).getAttribute('href'),
      'https://example.com/fine',
    );

    const found = await instructions.evaluate((root) => {
      const all = [...root.querySelectorAll('*')];
      return {
        tags: [...new Set(all.map((element) => element.tagName.toLowerCase()))].sort(),
        handlers: all.flatMap((element) =>
          [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((a) => a.name),
        ),
        urls: all.flatMap((element) =>
          ['href', 'src', 'action', 'formaction', 'xlink:href']
            .map((name) => element.getAttribute(name))
            .filter((value): value is string => value !== null),
        ),
        styles: all.filter((element) => element.hasAttribute('style')).length,
      };
    });
    // A markdown image stays an <img> (its data: source is emptied, checked below); raw HTML elements do not exist.
    for (const tag of ['script', 'iframe', 'svg', 'style', 'object', 'embed', 'div']) {
      t.false(found.tags.includes(tag), `no <${tag}> from the kata text`);
    }
    t.deepEqual(found.handlers, [], 'no event handler attribute');
    t.is(found.styles, 0, 'no inline style');
    for (const url of found.urls) t.regex(url, /^(https?:|$)/i, `only http(s) links survive: ${url}`);
    t.true(await page.locator('body').isVisible(), 'the raw <style> did not hide the page');

    // Click every link the text left behind and hover everything: still nothing runs.
    for (const link of await instructions.getByRole('link').all()) {
      if ((await link.getAttribute('href'))?.startsWith('https://')) continue;
      await link.click({ noWaitAfter: true }).catch(() => {});
    }
    await instructions.hover();
    t.is(page.url(), `${stack().webUrl}/dojos/${dojo.id}`, 'no link navigated away');
    t.is(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    t.deepEqual(dialogs, []);
    t.deepEqual(errors, []);
    // The raw HTML is dropped, not shown as markup either.
    t.notRegex(await instructions.innerText(), /<script|onerror|raw div/);
    await screenshot(page, 'kata-hostile-markdown');
  } catch (error) {
    await screenshot(page, 'kata-hostile-markdown-failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});
