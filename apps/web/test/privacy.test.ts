import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api'], 'privacy browser test');

scenario(
  'the privacy page in Portuguese and English: what, where, how long; owners set retention and departing POCs; a member deletes their account',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner', { locale: 'pt-BR' });
    const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.goto(`${stack().webUrl}/account`);
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
      // The owners' choice for departing members' POCs.
      await page.getByLabel('Quando um membro exclui a conta, as POCs dele são').selectOption('delete');
      await page.getByText(/Suas provas de conceito são excluídas com ela/).waitFor();
      const settings = await call<{ exportRetentionDays: number; departingMemberPocs: string }>(
        stack().apiUrl,
        'GET',
        '/v1/team/settings',
        team.owner.token,
      );
      t.is(settings.exportRetentionDays, 30);
      t.is(settings.departingMemberPocs, 'delete');
    } finally {
      await context.close();
    }

    // A member deletes their own account from the page.
    const member = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Mia Member',
      email: `mia-${team.slug}@example.com`,
      locale: 'pt-BR',
    });
    const poc = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/pocs', member.token, {
      name: 'Mia POC',
      languages: ['Go'],
    });
    const seen = await call<{ departingMemberPocs: string }>(stack().apiUrl, 'GET', '/v1/team/settings', member.token);
    t.is(seen.departingMemberPocs, 'delete', 'the member sees the choice');
    const memberContext = await browser().newContext({ viewport: { width: 1100, height: 900 } });
    const memberPage = await memberContext.newPage();
    memberPage.on('dialog', (dialog) => void dialog.accept());
    try {
      await loginThroughUi(memberPage, stack().webUrl, team.slug, member.email, member.password);
      await memberPage.goto(`${stack().webUrl}/privacy`);
      await memberPage.getByRole('heading', { name: 'Excluir minha conta' }).waitFor();
      await memberPage.getByLabel('Sua senha, para confirmar').fill('Not-my-password-1');
      await memberPage.getByRole('button', { name: 'Excluir minha conta definitivamente' }).click();
      await memberPage.getByText(/A senha atual está errada/).waitFor();
      await memberPage.getByLabel('Sua senha, para confirmar').fill(member.password);
      await memberPage.getByRole('button', { name: 'Excluir minha conta definitivamente' }).click();
      await memberPage.getByRole('heading', { name: 'Log in' }).waitFor();
    } finally {
      await memberContext.close();
    }
    const gone = await fetch(`${stack().apiUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    t.is(gone.status, 401, 'the account is gone');
    const pocAnswer = await fetch(`${stack().apiUrl}/v1/pocs/${poc.id}`, {
      headers: { authorization: `Bearer ${team.owner.token}` },
    });
    t.is(pocAnswer.status, 404, `deleted with it, as the owner chose: ${await pocAnswer.text()}`);

    // Anyone can read it, in the language the browser asks for.
    const visitor = await browser().newContext({ locale: 'en-US' });
    const anonymous = await visitor.newPage();
    try {
      await anonymous.goto(`${stack().webUrl}/privacy`);
      await anonymous.getByRole('heading', { name: 'Privacy and your data' }).waitFor();
      await anonymous.getByText(/São Paulo \(region sa-east-1\)/).waitFor();
      t.is(await anonymous.getByTestId('export-retention').count(), 0, 'no team, no team settings');
      t.is(await anonymous.getByRole('button', { name: 'Save retention' }).count(), 0);
    } finally {
      await visitor.close();
    }
  },
);
