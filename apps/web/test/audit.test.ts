import { readFile } from 'node:fs/promises';
import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api'], 'audit browser test');

scenario(
  'an owner reads the audit log in Portuguese and English, filters it and exports CSV; a member cannot',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner', { locale: 'pt-BR' });
    const member = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Mia Member',
      email: `mia-${team.slug}@example.com`,
      locale: 'pt-BR',
    });
    // A wrong password for the member's account, from a client of its own.
    const failed = await fetch(`${stack().apiUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Curious/1.0' },
      body: JSON.stringify({ email: member.email, password: 'Not-the-password-1' }),
    });
    t.is(failed.status, 401);

    const context = await browser().newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.getByRole('link', { name: 'Registro de auditoria' }).click();
      // The owner's profile language is pt-BR: the page speaks Portuguese.
      await page.getByRole('heading', { name: 'Registro de auditoria' }).waitFor();
      t.is(await page.locator('section[lang]').getAttribute('lang'), 'pt-BR');
      const failedRow = page.locator('tr[data-action="auth.login_failed"]');
      await failedRow.waitFor();
      t.regex(await failedRow.innerText(), /Falha ao entrar[\s\S]*Mia Member/);
      t.regex(await failedRow.innerText(), /ninguém conectado/);
      await page.locator('tr[data-action="invitation.accepted"]').waitFor();
      t.regex(
        await page.locator('tbody tr').first().innerText(),
        /^\d{1,2} de \p{L}+\.? de \d{4}, \d{2}:\d{2}:\d{2}\tAda Owner\tEntrou\tmembro: Ada Owner/u,
        'Brazilian date, Portuguese words',
      );
      t.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'audit-log-pt-BR');

      // Filter by action: only the accepted invitation is left.
      await page.getByLabel('Ação', { exact: true }).selectOption('invitation.accepted');
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      t.is(await page.locator('tr[data-action="invitation.accepted"]').count(), 1);

      // Export the filtered log as CSV.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Exportar CSV' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const lines = csv.trimEnd().split('\r\n');
      t.is(lines[0], 'created_at,action,actor_id,actor_name,target_type,target_id,details,ip,user_agent');
      t.is(lines.length, 2);
      t.true(lines[1]!.includes(`invitation.accepted,${member.id},Mia Member`));

      // The owner switches to English: the same page in English.
      await call(stack().apiUrl, 'PATCH', '/v1/me', team.owner.token, { locale: 'en' });
      await page.reload();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await page.locator('tr[data-action="export.audit_csv"]').waitFor();
      t.regex(
        await page.locator('tr[data-action="export.audit_csv"]').innerText(),
        /^[A-Z][a-z]{2} \d{1,2}, \d{4}, .*\tAda Owner\tExported the audit log\t/,
      );
      t.regex(await page.locator('tr[data-action="auth.login_failed"]').innerText(), /Failed login\tmember: /);
      await screenshot(page, 'audit-log-en');
    } finally {
      await context.close();
    }

    const memberContext = await browser().newContext();
    const memberPage = await memberContext.newPage();
    try {
      await loginThroughUi(memberPage, stack().webUrl, team.slug, member.email, member.password);
      await memberPage.getByRole('link', { name: 'Membros' }).waitFor();
      t.is(await memberPage.getByRole('link', { name: 'Registro de auditoria' }).count(), 0, 'no link for a member');
      await memberPage.goto(`${stack().webUrl}/audit`);
      await memberPage.getByText('Só donos e administradores leem o registro de auditoria.').waitFor();
      t.is(await memberPage.locator('tbody tr').count(), 0);
    } finally {
      await memberContext.close();
    }
  },
);
