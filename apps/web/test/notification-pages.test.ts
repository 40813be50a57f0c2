import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'local-inbox', 'notifier'],
  'notification-pages browser test',
);

/**
 * The notification settings page (per kind: e-mail, push, in the app) and the
 * delivery status page of the team's owners and admins, in real Chromium
 * against the real platform-api, notifier and local SMTP inbox.
 */

interface Preference {
  kind: string;
  email: boolean;
  push: boolean;
  inApp: boolean;
}

scenario('notification settings: a switch turned off is saved in notifier and still off after a reload', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Nora Owner');
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: /Nora Owner/ }).click();
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    const videoByEmail = page.getByRole('checkbox', { name: 'E-mail: A report or video is ready' });
    t.true(await videoByEmail.isChecked(), 'every channel is on by default');
    await videoByEmail.uncheck();
    await page
      .getByRole('status')
      .filter({ hasText: 'A report or video is ready: saved' })
      .waitFor({ state: 'attached' });

    const saved = await call<{ items: Preference[] }>(
      stack().notifierUrl,
      'GET',
      '/v1/notification-preferences',
      team.owner.token,
    );
    t.like(
      saved.items.find((p) => p.kind === 'job.succeeded'),
      { email: false, push: true, inApp: true },
    );
    await page.reload();
    await page.getByRole('checkbox', { name: 'In the app: A report or video is ready' }).waitFor();
    t.false(await page.getByRole('checkbox', { name: 'E-mail: A report or video is ready' }).isChecked());
    t.true(await page.getByRole('checkbox', { name: 'Push: A report or video is ready' }).isChecked());
    t.false(
      await page.getByRole('row', { name: /Password reset/ }).isVisible(),
      'account e-mails are not tunable and not listed',
    );
    t.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'notification-settings');
  } finally {
    await context.close();
  }
});

scenario(
  'delivery status: owners see the team’s e-mails and their status; members get neither link nor list',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Dora Owner');
    const member = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Milo Member',
      email: `milo-${team.slug}@example.com`,
    });
    // The owner's verification e-mail and the invitation: wait until notifier has sent them.
    await eventually(
      () => call<{ items: { status: string }[] }>(stack().notifierUrl, 'GET', '/v1/deliveries', team.owner.token),
      (page) => page.items.length >= 2 && page.items.every((d) => d.status === 'sent'),
      60_000,
    );
    const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.getByRole('link', { name: 'Delivery status' }).click();
      await page.getByRole('heading', { name: 'Delivery status' }).waitFor();
      const invitation = page.getByRole('row', { name: new RegExp(`Invitations.*${member.email}`) });
      await invitation.waitFor();
      t.regex(await invitation.innerText(), /E-mail[\s\S]*sent/);
      await page
        .getByRole('row', { name: /E-mail confirmation links/ })
        .first()
        .waitFor();
      t.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'delivery-status');

      await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('failed');
      await page.getByText('No deliveries yet.').waitFor();
      t.is(await page.getByRole('row', { name: /Invitations/ }).count(), 0);
    } finally {
      await context.close();
    }

    const memberContext = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const memberPage = await memberContext.newPage();
    try {
      await loginThroughUi(memberPage, stack().webUrl, team.slug, member.email, member.password);
      t.is(await memberPage.getByRole('link', { name: 'Delivery status' }).count(), 0);
      await memberPage.goto(`${stack().webUrl}/deliveries`);
      await memberPage.getByText('Only the team’s owners and admins see delivery status.').waitFor();
      t.is(await memberPage.getByRole('table').count(), 0);
    } finally {
      await memberContext.close();
    }
  },
);
