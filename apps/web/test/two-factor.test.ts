import type { Page } from 'playwright-core';
import { currentCode } from '../../../platform-api/src/domain/two-factor.ts';
import { signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';

const { scenario, stack, browser } = browserStack(['platform-api'], 'two-factor browser test');

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto(`${stack().webUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Login em duas etapas' }).waitFor();
}

scenario(
  'a member turns on two-factor login by QR code, then logs in with a code and with a recovery code',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner', { locale: 'pt-BR' });
    const context = await browser().newContext({
      bypassCSP: true,
      locale: 'pt-BR',
      viewport: { width: 1024, height: 900 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${stack().webUrl}/login`);
      await page.getByLabel('E-mail').fill(team.owner.email);
      await page.getByLabel('Senha').fill(team.owner.password);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.getByRole('heading', { name: 'Provas de conceito' }).waitFor();

      // Enrolment: scan (the QR code is shown), confirm with a code, keep the recovery codes.
      await page.goto(`${stack().webUrl}/account`);
      await page.getByRole('link', { name: 'Login em duas etapas' }).click();
      await page.getByRole('heading', { name: 'Login em duas etapas' }).waitFor();
      await page.getByRole('button', { name: 'Ativar o login em duas etapas' }).click();
      const qr = page.getByRole('img', { name: 'QR code para o seu aplicativo autenticador' });
      await qr.waitFor();
      t.true((await qr.getAttribute('src'))!.startsWith('data:image/svg+xml'));
      t.true(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code renders');
      const keyText = await page.getByText(/Digite esta chave:/).innerText();
      const secret = /([A-Z2-7]{32})/.exec(keyText)![1]!;
      t.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'two-factor-enrolment-pt-BR');
      await page.getByLabel('Código do aplicativo').fill(currentCode(secret));
      await page.getByRole('button', { name: 'Confirmar e ativar' }).click();
      const codes = page.getByTestId('recovery-codes').locator('code');
      await codes.first().waitFor();
      t.is(await codes.count(), 10);
      const recoveryCode = await codes.nth(2).innerText();
      await page.getByRole('button', { name: 'Já guardei' }).click();
      await page.getByText(/está ativado desde .* 10 códigos de recuperação restantes\./).waitFor();

      // Logging in now takes a code: a wrong one is refused in Portuguese, the next one lets the owner in.
      await page.getByRole('button', { name: 'Sair' }).click();
      await passwordStep(page, team.owner.email, team.owner.password);
      await page.getByLabel('Código do aplicativo').fill('000000');
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByText(/O código está errado ou já foi usado/).waitFor();
      await screenshot(page, 'two-factor-login-pt-BR');
      await page.getByLabel('Código do aplicativo').fill(currentCode(secret, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('heading', { name: 'Provas de conceito' }).waitFor();

      // …and a recovery code works once instead.
      await page.getByRole('button', { name: 'Sair' }).click();
      await passwordStep(page, team.owner.email, team.owner.password);
      await page.getByRole('button', { name: 'Usar um código de recuperação' }).click();
      await page.getByLabel('Código de recuperação').fill(recoveryCode);
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('heading', { name: 'Provas de conceito' }).waitFor();
      await page.goto(`${stack().webUrl}/account/two-factor`);
      await page.getByText(/9 códigos de recuperação restantes/).waitFor();
      t.pass();
    } finally {
      await context.close();
    }
  },
);
