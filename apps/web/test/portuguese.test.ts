import type { Page } from 'playwright-core';
import { call, signupTeam } from './helpers/api.ts';
import { screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'search-indexer'], 'portuguese browser test');

/**
 * The web app in Brazilian Portuguese (issue 12): a visitor whose browser asks
 * for pt-BR reads the landing page, the login and the sign-up in Portuguese,
 * API errors included; the team they create works in Portuguese with Brazilian
 * dates; the language switch on the account page applies at once; and the
 * profile's language wins over the browser's.
 */

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
/** "5 de março de 2026": a long Brazilian date. */
const LONG_DATE_PT =
  /^\d{1,2} de (janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro) de \d{4}$/;

scenario(
  'a visitor in pt-BR signs up and works in Portuguese: landing, login, sign-up, POCs, search, members, then switches to English',
  async (t) => {
    const context = await browser().newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      // Landing: Portuguese words, <html lang="pt-BR">.
      await page.goto(`${stack().webUrl}/`);
      await page.getByRole('heading', { level: 1, name: /provas de conceito da sua equipe/ }).waitFor();
      t.is(await htmlLang(page), 'pt-BR');
      t.regex((await page.locator('main').textContent()) ?? '', /O PocDojo é onde uma equipe de desenvolvimento/);
      await screenshot(page, 'pt-BR-landing');

      // Login: a wrong password is refused in Portuguese — the API answers in the page's language.
      await page.getByRole('link', { name: 'Entrar' }).click();
      await page.getByRole('heading', { name: 'Entrar' }).waitFor();
      await page.getByLabel('E-mail').fill(`ninguem-${Date.now()}@example.com`);
      await page.getByLabel('Senha').fill('Senha-errada-123');
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.getByRole('alert').getByText('E-mail ou senha errados').waitFor();
      await screenshot(page, 'pt-BR-login');

      // Sign-up: the password policy in Portuguese from the start, the strength while typing.
      await page.getByRole('link', { name: 'Cadastre-se' }).click();
      await page.getByRole('heading', { name: 'Cadastre sua equipe' }).waitFor();
      await page.getByText(/^Pelo menos 10 caracteres, misturando pelo menos dois tipos/).waitFor();
      const suffix = Math.random().toString(36).slice(2, 8);
      const password = page.getByLabel('Senha', { exact: true });
      const strength = page.locator('.password-strength');
      await password.fill('curta');
      await strength.getByText('Força: fraca demais').waitFor();
      await password.fill('Cavalo-correto-bateria-9');
      await strength.getByText('Força: forte').waitFor();
      await page.getByLabel('Nome da equipe').fill(`Equipe ${suffix}`);
      await page.getByLabel('Seu nome').fill('Joana');
      // A refused sign-up speaks Portuguese too (a field message from the API).
      await page.getByLabel('E-mail').fill('nao-e-um-email');
      await page.getByRole('button', { name: 'Criar equipe' }).click();
      await page.getByRole('alert').waitFor();
      t.notRegex((await page.getByRole('alert').textContent()) ?? '', /\b(invalid|Bad Request)\b/i);
      await screenshot(page, 'pt-BR-signup');
      await page.getByLabel('E-mail').fill(`joana-${suffix}@example.com`);
      await page.getByRole('button', { name: 'Criar equipe' }).click();

      // The POC list in Portuguese; the founder's profile took the page's language.
      await page.getByRole('heading', { name: 'Provas de conceito' }).waitFor();
      await page.getByText('Nenhuma POC ainda.').waitFor();
      t.is(await htmlLang(page), 'pt-BR');
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('pocdojo.session')!).accessToken);
      t.is((await call<{ locale: string }>(stack().apiUrl, 'GET', '/v1/me', token)).locale, 'pt-BR');

      // A new POC, read back with Portuguese words and Brazilian dates.
      await page.getByRole('link', { name: 'Nova POC' }).click();
      await page.getByRole('heading', { name: 'Nova POC' }).waitFor();
      await page.getByLabel('Nome', { exact: true }).fill('Integração com Pix');
      await page.getByLabel('Descrição').fill('Pagamentos instantâneos pelo **Pix**.');
      await page.getByLabel('Linguagens').fill('Kotlin');
      await page.getByLabel('Tags').fill('pagamentos');
      await page.getByLabel('Status').selectOption({ label: 'ativa' });
      await page.getByLabel('Início').fill('2026-03-05');
      await page.getByRole('button', { name: 'Criar POC' }).click();
      await page.getByRole('heading', { name: 'Integração com Pix' }).waitFor();
      await page.getByText('✓ Criada. Anexe arquivos abaixo ou edite quando quiser.').waitFor();
      const facts = page.locator('.poc-view__facts');
      t.is(await facts.locator('dt:has-text("Início") + dd').innerText(), '5 de março de 2026');
      t.regex(await facts.locator('dt:has-text("Registrada em") + dd').innerText(), LONG_DATE_PT);
      t.regex(await facts.locator('dt:has-text("Última alteração") + dd').innerText(), /de \d{4} \(versão 1\)$/);
      await page.locator('.badge--active', { hasText: 'ativa' }).waitFor();
      await page.getByRole('heading', { name: 'Anexos' }).waitFor();
      await page.getByText('Nenhum arquivo ainda.').waitFor();
      await screenshot(page, 'pt-BR-poc');

      // Edit: the form says which version, when, in Portuguese.
      await page.getByRole('link', { name: 'Editar' }).click();
      await page.getByRole('heading', { name: 'Editar Integração com Pix' }).waitFor();
      t.regex(
        await page.getByText(/^Editando a versão 1/).innerText(),
        /^Editando a versão 1, atualizada em \d{1,2} de \p{L}+\.? de \d{4}, \d{2}:\d{2}:\d{2}$/u,
      );
      await page.getByLabel('Status').selectOption({ label: 'concluída' });
      await page.getByRole('button', { name: 'Salvar alterações' }).click();
      await page.getByText('✓ Salvo').waitFor();
      await page.locator('.badge--done', { hasText: 'concluída' }).waitFor();

      // Search, typo and missing accent forgiven; results and filters in Portuguese.
      await page.getByRole('link', { name: 'POCs', exact: true }).click();
      const search = page.getByRole('searchbox', { name: 'Buscar' });
      const hit = page.getByRole('list', { name: 'Resultados da busca' }).getByRole('link', { name: /Pix/ });
      const deadline = Date.now() + 30_000;
      for (;;) {
        await search.fill('');
        await search.fill('integracao');
        if (
          await hit.waitFor({ timeout: 2_000 }).then(
            () => true,
            () => false,
          )
        )
          break;
        if (Date.now() > deadline) throw new Error(`no search hit: ${stack().logs('search-indexer').slice(-2000)}`);
      }
      await page.getByText('1 resultado', { exact: true }).waitFor();
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'concluída' });
      await page.getByRole('region', { name: 'Filtros ativos' }).getByText('Status: concluída').waitFor();
      await page
        .getByRole('group', { name: 'Linguagens' })
        .getByRole('checkbox', { name: /Kotlin/ })
        .waitFor();
      await screenshot(page, 'pt-BR-search');

      // Members: Portuguese headers and role.
      await page.getByRole('link', { name: 'Membros' }).click();
      await page.getByRole('heading', { name: 'Membros' }).waitFor();
      await page.getByRole('columnheader', { name: 'Papel' }).waitFor();
      await page.locator('.badge--owner', { hasText: 'dono' }).waitFor();
      await page.getByRole('heading', { name: 'Convidar por e-mail' }).waitFor();
      // The owner sets the team's language (what newcomers start in) there too.
      await page.getByRole('heading', { name: 'Configurações da equipe' }).waitFor();
      await screenshot(page, 'pt-BR-members');
      await page.getByLabel('Idioma da equipe').selectOption('en');
      await page.getByRole('button', { name: 'Salvar configurações da equipe' }).click();
      await page.getByText('Configurações da equipe salvas.').waitFor();
      t.is(
        (await call<{ defaultLocale: string }>(stack().apiUrl, 'GET', '/v1/team/settings', token)).defaultLocale,
        'en',
      );
      t.is(await htmlLang(page), 'pt-BR', "the owner's own language is their profile's");

      // The account page switches the language at once, without a reload, and it sticks.
      await page.getByRole('link', { name: /^Joana/ }).click();
      await page.getByRole('heading', { name: 'Sua conta' }).waitFor();
      await screenshot(page, 'pt-BR-account');
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      t.is(await htmlLang(page), 'en');
      t.true(
        await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true),
        'no reload',
      );
      await page.getByRole('link', { name: 'Members', exact: true }).waitFor();
      t.is((await call<{ locale: string }>(stack().apiUrl, 'GET', '/v1/me', token)).locale, 'en');
      await page.reload();
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      t.is(await page.getByLabel('Language').inputValue(), 'en');
    } finally {
      await context.close();
    }
  },
);

scenario(
  'a visitor picks English in a pt-BR browser: pages and API errors follow the pick, and it is kept',
  async (t) => {
    const context = await browser().newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    try {
      await page.goto(`${stack().webUrl}/login`);
      await page.getByRole('heading', { name: 'Entrar' }).waitFor();
      await page.getByLabel('Idioma').selectOption('en');
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      t.is(await htmlLang(page), 'en');
      // The browser still sends Accept-Language: pt-BR; the app says en, and the API answers in English.
      await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.com`);
      await page.getByLabel('Password').fill('Wrong-password-123');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').getByText('E-mail or password is wrong').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    } finally {
      await context.close();
    }
  },
);

scenario("the profile's language wins over the browser's; a visitor gets the browser's", async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Bia Brasil', { locale: 'pt-BR' });
  const context = await browser().newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    // Signed out, an English browser reads English.
    await page.goto(`${stack().webUrl}/`);
    await page.getByRole('link', { name: 'Sign up your team' }).waitFor();
    t.is(await htmlLang(page), 'en');
    // Signed in, the member's pt-BR profile decides.
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('heading', { name: 'Provas de conceito' }).waitFor();
    t.is(await htmlLang(page), 'pt-BR');
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    t.is(await htmlLang(page), 'en');
  } finally {
    await context.close();
  }
});
