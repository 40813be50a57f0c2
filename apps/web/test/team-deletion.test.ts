import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api'], 'team deletion browser test');

scenario(
  'an owner deletes the team from the privacy page, sees when it will be erased and cancels; a member only sees it',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner', { locale: 'pt-BR' });
    const member = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Mia Member',
      email: `mia-${team.slug}@example.com`,
      locale: 'en',
    });
    const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.goto(`${stack().webUrl}/privacy`);
      const section = page.getByTestId('team-deletion');
      await section.getByRole('heading', { name: 'Excluir esta equipe' }).waitFor();
      await section.getByText(/7 dias depois do pedido de um proprietário/).waitFor();
      await section.getByLabel('Sua senha, para confirmar').fill('Not-my-password-1');
      await section.getByRole('button', { name: 'Excluir esta equipe' }).click();
      await section.getByText(/A senha atual está errada/).waitFor();
      t.false(
        (await call<{ scheduled: boolean }>(stack().apiUrl, 'GET', '/v1/team/deletion', team.owner.token)).scheduled,
      );

      await section.getByLabel('Sua senha, para confirmar').fill(team.owner.password);
      await section.getByRole('button', { name: 'Excluir esta equipe' }).click();
      await section
        .getByRole('status')
        .getByText(/será apagada definitivamente em/)
        .waitFor();
      const state = await call<{ scheduled: boolean; dueAt: string }>(
        stack().apiUrl,
        'GET',
        '/v1/team/deletion',
        team.owner.token,
      );
      t.true(state.scheduled);
      t.true(Date.parse(state.dueAt) > Date.now() + 6 * 86_400_000, 'after the grace period');
      t.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'team-deletion-pt-BR');
    } finally {
      await context.close();
    }

    // A member reads it, with no button to cancel.
    const memberContext = await browser().newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });
    const memberPage = await memberContext.newPage();
    try {
      await loginThroughUi(memberPage, stack().webUrl, team.slug, member.email, member.password);
      await memberPage.goto(`${stack().webUrl}/privacy`);
      const section = memberPage.getByTestId('team-deletion');
      await section.getByRole('heading', { name: 'Delete this team' }).waitFor();
      await section.getByText(/will be erased for good on/).waitFor();
      t.is(await section.getByRole('button').count(), 0, 'members cannot cancel');
    } finally {
      await memberContext.close();
    }

    const owner = await browser().newContext({ viewport: { width: 1100, height: 900 } });
    const ownerPage = await owner.newPage();
    try {
      await loginThroughUi(ownerPage, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await ownerPage.goto(`${stack().webUrl}/privacy`);
      const section = ownerPage.getByTestId('team-deletion');
      await section.getByRole('button', { name: 'Cancelar a exclusão' }).click();
      await section.getByText(/7 dias depois do pedido/).waitFor();
      t.false(
        (await call<{ scheduled: boolean }>(stack().apiUrl, 'GET', '/v1/team/deletion', team.owner.token)).scheduled,
      );
    } finally {
      await owner.close();
    }
  },
);
