import type { Page } from 'playwright-core';

/**
 * Logs in through the login form (with the team's direct link) and waits for the POC list. The form
 * speaks the browser context's language and the list the member's, so either language is accepted here;
 * the tests about languages assert the words themselves.
 */
export async function loginThroughUi(page: Page, webUrl: string, team: string, email: string, password: string) {
  await page.goto(`${webUrl}/login?team=${encodeURIComponent(team)}`);
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Senha)$/).fill(password);
  await page.getByRole('button', { name: /^(Log in|Entrar)$/ }).click();
  await page.getByRole('heading', { name: /^(Proofs of concept|Provas de conceito)$/ }).waitFor();
}

/** The editor's text, without the remote-cursor name labels CodeMirror shows inline. */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const content = document.querySelector('.cm-content');
    if (!content) return '';
    const clone = content.cloneNode(true) as HTMLElement;
    for (const label of clone.querySelectorAll('.remote-caret')) label.remove();
    return [...clone.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '').join('\n');
  });
}

/** Types at the end of the open file. */
export async function typeAtEnd(page: Page, text: string) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

/** Polls `read` until `accept` holds, or fails with the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/**
 * Types `query` into the POC list's search box until a hit whose name matches `name` shows up
 * (the index follows writes within seconds), and returns that hit's link; fails after 30 s.
 */
export async function searchUntilHit(page: Page, query: string, name: RegExp, logs: () => string) {
  const search = page.getByRole('searchbox', { name: 'Search' });
  const hit = page.getByRole('list', { name: 'Search results' }).getByRole('link', { name });
  const deadline = Date.now() + 30_000;
  for (;;) {
    await search.fill('');
    await search.fill(query);
    if (
      await hit.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    )
      return hit;
    if (Date.now() > deadline) throw new Error(`no search hit: ${logs().slice(-2000)}`);
  }
}

/** Creates a dojo from the lobby's form and waits for its room page. */
export async function createDojoThroughUi(
  page: Page,
  dojo: { title: string; kata: string; language: string; editPolicy?: 'everyone' | 'driver' },
) {
  await page.getByRole('link', { name: 'Dojos', exact: true }).click();
  await page.getByLabel('Title').fill(dojo.title);
  await page.getByLabel('Kata').selectOption(dojo.kata);
  await page.getByLabel('Language').selectOption(dojo.language);
  if (dojo.editPolicy) await page.getByLabel('Who may edit').selectOption(dojo.editPolicy);
  await page.getByRole('button', { name: 'Create dojo' }).click();
  await page.waitForURL(/\/dojos\/[0-9a-f-]{36}$/);
}
