import { call, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'local-inbox', 'notifier'], 'people browser test');

interface InboxEmail {
  to: string[];
  subject: string;
  text: string;
}

/** Waits for an e-mail to `address` whose subject matches, in the real local SMTP inbox; returns its app link. */
async function linkFromInbox(address: string, subject: RegExp): Promise<string> {
  const email = await eventually(
    async () =>
      ((await (await fetch(`${stack().inboxUrl}/api/messages`)).json()) as { items: InboxEmail[] }).items.find(
        (e) => e.to.includes(address) && subject.test(e.subject),
      ),
    (found) => found !== undefined,
    60_000,
  );
  const link = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(email!.text)?.[0];
  if (!link) throw new Error(`no link in: ${email!.text}`);
  return link;
}

scenario(
  'invite by e-mail, join through the link, the bell rings, log in by e-mail alone; reset a forgotten password',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Grace Owner');
    // Newcomers start in the team's language: this team speaks English (new teams default to pt-BR).
    await call(stack().apiUrl, 'PATCH', '/v1/team/settings', team.owner.token, { defaultLocale: 'en' });
    const owner = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const invitee = await browser().newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const admin = await owner.newPage();
    const guest = await invitee.newPage();
    try {
      // The owner logs in with e-mail and password only.
      await admin.goto(`${stack().webUrl}/login`);
      await admin.getByLabel('Email').fill(team.owner.email);
      await admin.getByLabel('Password').fill(team.owner.password);
      await admin.getByRole('button', { name: 'Log in' }).click();
      await admin.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
      const bell = admin.getByRole('button', { name: /^Notifications:/ });
      await bell.waitFor();
      t.is(await admin.getByTestId('bell-count').count(), 0);

      // …invites a colleague by e-mail from the Members page.
      const email = `hedy-${team.slug}@example.com`;
      await admin.getByRole('link', { name: 'Members', exact: true }).click();
      await admin.getByRole('textbox', { name: 'Email' }).fill(email);
      await admin.getByRole('button', { name: 'Send invitation' }).click();
      await admin.getByText(`Invitation sent to ${email}`).waitFor();
      await admin.getByRole('heading', { name: 'Pending invitations' }).waitFor();

      // The colleague opens the link from the e-mail (read from the real SMTP server) and joins.
      const link = await linkFromInbox(email, /invited you|convidou você/);
      t.true(link.startsWith(`${stack().webUrl}/invite?token=`));
      await guest.goto(link);
      await guest.getByRole('heading', { name: /^Join Team / }).waitFor();
      t.deepEqual(await seriousA11yViolations(guest), []);
      await guest.getByLabel('Your name').fill('Hedy Member');
      await guest.getByLabel('Choose a password').fill(`Frequency-Hopping-${team.slug}`);
      await guest.getByRole('button', { name: 'Join the team' }).click();
      await guest.getByRole('heading', { name: 'Proofs of concept' }).waitFor();

      // The owner's bell counts the new member without a reload, and opens on it.
      await admin.getByTestId('bell-count').filter({ hasText: '1' }).waitFor({ timeout: 60_000 });
      await bell.click();
      await admin
        .getByRole('button', { name: /Hedy Member/ })
        .first()
        .waitFor();
      await screenshot(admin, 'bell-open');
      await admin
        .getByRole('button', { name: /Hedy Member/ })
        .first()
        .click();
      await eventually(
        () => admin.getByTestId('bell-count').count(),
        (n) => n === 0,
        30_000,
      );
      // The Members page was open since before Hedy joined: a reload lists her.
      await admin.reload();
      await admin.getByRole('cell', { name: 'Hedy Member', exact: true }).waitFor();

      // The colleague forgot the password: a reset link by e-mail, a new password, and in again by e-mail alone.
      // She moves on before the server has confirmed the logout (held back here): the page she went to stays.
      let releaseLogout = () => {};
      const logoutHeld = new Promise<void>((resolve) => {
        releaseLogout = resolve;
      });
      await guest.route('**/v1/auth/logout', async (route) => {
        await logoutHeld;
        await route.continue();
      });
      await guest.getByRole('button', { name: 'Log out' }).click();
      await guest.getByRole('link', { name: 'Forgot your password?' }).click();
      await guest.getByRole('heading', { name: 'Reset your password' }).waitFor();
      const loggedOut = guest.waitForEvent('requestfinished', (request) => request.url().endsWith('/v1/auth/logout'));
      releaseLogout();
      t.is((await (await loggedOut).response())?.status(), 204);
      await guest.unroute('**/v1/auth/logout');
      // Nothing may happen after the answer: give the page a moment in which a late navigation would show.
      await guest.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      t.is(new URL(guest.url()).pathname, '/forgot-password');
      await guest.getByLabel('Email').fill(email);
      await guest.getByRole('button', { name: 'Send me a link' }).click();
      await guest.getByText(`If ${email} has a PocDojo account`).waitFor();
      const reset = await linkFromInbox(email, /Reset your PocDojo password|Redefina sua senha/);
      await guest.goto(reset);
      await guest.getByRole('textbox', { name: 'New password' }).fill(`Spread-Spectrum-${team.slug}`);
      await guest.getByRole('button', { name: 'Set password' }).click();
      await guest.getByText('Your password was changed').waitFor();
      // The link works once.
      await guest.goto(reset);
      await guest.getByRole('textbox', { name: 'New password' }).fill(`Another-Spectrum-${team.slug}`);
      await guest.getByRole('button', { name: 'Set password' }).click();
      await guest.getByText(/invalid, expired or already used/).waitFor();
      await guest.goto(`${stack().webUrl}/login`);
      await guest.getByLabel('Email').fill(email);
      await guest.getByLabel('Password').fill(`Spread-Spectrum-${team.slug}`);
      await guest.getByRole('button', { name: 'Log in' }).click();
      await guest.getByRole('heading', { name: 'Proofs of concept' }).waitFor();
      await linkFromInbox(email, /password was changed|senha do PocDojo foi alterada/);

      // The owner promotes the new member; the API agrees.
      await admin.getByLabel('Role of Hedy Member').selectOption('admin');
      await eventually(
        async () =>
          (
            await call<{ items: Array<{ email: string; role: string }> }>(
              stack().apiUrl,
              'GET',
              '/v1/members',
              team.owner.token,
            )
          ).items,
        (items) => items.some((m) => m.email === email && m.role === 'admin'),
      );
    } finally {
      await owner.close();
      await invitee.close();
    }
  },
);
