import test from 'ava';
import type { Browser } from 'playwright-core';
import { call, signupTeam } from './helpers/api.ts';
import { launchChromium, screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { loginThroughUi } from './helpers/pages.ts';
import { missingServices, type Stack, startStack } from './helpers/stack.ts';

const services = ['platform-api'] as const;
const missing = missingServices([...services]);
const scenario = missing.length ? test.serial.skip : test.serial;

let stack: Stack;
let browser: Browser;

test.before(async () => {
  if (missing.length) return;
  [stack, browser] = await Promise.all([startStack([...services]), launchChromium()]);
});

test.after.always(async () => {
  await browser?.close();
  await stack?.stop();
});

scenario(
  'the privacy page says what, where and how long in Portuguese and English; an owner sets retention',
  async (t) => {
    const team = await signupTeam(stack.apiUrl, 'Ada Owner');
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    try {
      await loginThroughUi(page, stack.webUrl, team.slug, team.owner.email, team.owner.password);
      await page.goto(`${stack.webUrl}/account`);
      await page.getByRole('link', { name: 'Privacidade e seus dados' }).click();
      await page.getByRole('heading', { name: 'Privacidade e seus dados' }).waitFor();
      await page.getByText(/São Paulo \(região sa-east-1\)/).waitFor();
      const retention = page.getByTestId('export-retention');
      await retention.getByText(/guardados até serem excluídos/).waitFor();
      t.deepEqual(await seriousA11yViolations(page), []);
      await page.getByLabel(/Guardar relatórios e vídeos prontos por/).fill('30');
      await page.getByRole('button', { name: 'Salvar retenção' }).click();
      await page.getByRole('status').getByText('Salvo.').waitFor();
      await retention.getByText(/excluídos depois de 30 dias/).waitFor();
      await screenshot(page, 'privacy-pt-BR');
      const settings = await call<{ exportRetentionDays: number }>(
        stack.apiUrl,
        'GET',
        '/v1/team/settings',
        team.owner.token,
      );
      t.is(settings.exportRetentionDays, 30);
    } finally {
      await context.close();
    }

    // Anyone can read it, in the language the browser asks for.
    const visitor = await browser.newContext({ locale: 'en-US' });
    const anonymous = await visitor.newPage();
    try {
      await anonymous.goto(`${stack.webUrl}/privacy`);
      await anonymous.getByRole('heading', { name: 'Privacy and your data' }).waitFor();
      await anonymous.getByText(/São Paulo \(region sa-east-1\)/).waitFor();
      t.is(await anonymous.getByTestId('export-retention').count(), 0, 'no team, no team settings');
      t.is(await anonymous.getByRole('button', { name: 'Save retention' }).count(), 0);
    } finally {
      await visitor.close();
    }
  },
);
