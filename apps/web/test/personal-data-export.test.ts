import { strFromU8, unzipSync } from 'fflate';
import { call, signupTeam } from './helpers/api.ts';
import { screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'media-worker', 'dojo-engine', 'local-inbox', 'notifier'],
  'personal data export browser test',
);

scenario(
  '"Exportar meus dados" on the account page: progress, then a link to the zip; a second export while one runs is refused',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner', { locale: 'pt-BR' });
    await call(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, { name: 'Integração Kafka', languages: ['go'] });
    const context = await browser().newContext({
      viewport: { width: 1100, height: 1200 },
      acceptDownloads: true,
      locale: 'pt-BR',
    });
    const page = await context.newPage();
    try {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.goto(`${stack().webUrl}/account`);
      const section = page.getByTestId('personal-data-export');
      await section.getByRole('heading', { name: 'Exportar seus dados' }).waitFor();
      // The worker is held until the page has shown the queued export (and refused a second one).
      stack().signal('media-worker', 'SIGSTOP');
      await section.getByRole('button', { name: 'Exportar meus dados' }).click();
      await section.getByText(/Aguardando na fila — \d+%/).waitFor();
      t.true(await section.getByRole('button', { name: 'Exportar meus dados' }).isDisabled());
      const again = await call(stack().apiUrl, 'POST', '/v1/me/exports', team.owner.token).then(
        () => null,
        (error: Error) => error.message,
      );
      t.regex(again ?? '', /409/);
      stack().signal('media-worker', 'SIGCONT');

      const link = section.getByRole('link', { name: /Baixar meus dados \(\d+ KB\)/ });
      await link.waitFor({ timeout: 90_000 });
      await section.getByText('Seu arquivo está pronto.').waitFor();
      await screenshot(page, 'personal-data-export-pt-BR');
      const href = await link.getAttribute('href');
      const zip = unzipSync(new Uint8Array(await (await fetch(href ?? '')).arrayBuffer()));
      t.regex(strFromU8(zip['README.txt']!), /Seus dados no PocDojo: Ada Owner/);
      t.is(JSON.parse(strFromU8(zip['pocs.json']!)).pocs[0].name, 'Integração Kafka');

      // A reload finds the finished export again, with a fresh link.
      await page.reload();
      await section.getByRole('link', { name: /Baixar meus dados/ }).waitFor();
    } finally {
      stack().signal('media-worker', 'SIGCONT');
      await context.close();
    }
  },
);
