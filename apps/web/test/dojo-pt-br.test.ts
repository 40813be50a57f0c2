import type { BrowserContext, Page } from 'playwright-core';
import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, typeAtEnd } from './helpers/pages.ts';

/**
 * A Brazilian team's dojo, in Brazilian Portuguese from lobby to replay: the room, a test run's
 * traffic light, the chat and an engine refusal, the timer, handing over the keyboard, the replay's
 * controls, and a report's card with pt-BR dates. Every member's profile says pt-BR; the browser
 * too, so nothing falls back to English.
 */
const {
  scenario,
  stack: started,
  browser: chromium,
} = browserStack(['platform-api', 'dojo-engine', 'kata-runner'], 'pt-BR dojo browser test');

/** Signs in through the login form by its fields, whatever language it speaks, and waits to leave it. */
async function logIn(page: Page, team: string, email: string, password: string): Promise<void> {
  const stack = started();
  await page.goto(`${stack.webUrl}/login?team=${encodeURIComponent(team)}`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Text on one line: Intl's thin and narrow no-break spaces and the layout's line breaks as single spaces. */
const oneLine = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

scenario(
  'a dojo in Brazilian Portuguese: room, traffic light, chat, timer, drive cue, replay and a job card',
  async (t) => {
    const [stack, browser] = [started(), chromium()];
    const team = await signupTeam(stack.apiUrl, 'Ana Facilitadora', { locale: 'pt-BR' });
    const invite = (name: string, email: string) =>
      joinByInvitation(stack.apiUrl, stack.platformOwnerUrl, team.owner.token, { name, email, locale: 'pt-BR' });
    const [bruno, carla] = await Promise.all([
      invite('Bruno Piloto', `bruno-${team.slug}@example.com`),
      invite('Carla Navegadora', `carla-${team.slug}@example.com`),
    ]);
    const contexts: BrowserContext[] = await Promise.all(
      [0, 1, 2].map(() =>
        browser.newContext({
          locale: 'pt-BR',
          timezoneId: 'America/Sao_Paulo',
          viewport: { width: 1280, height: 900 },
        }),
      ),
    );
    const [ana, bo, ca] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page];
    const errors: string[] = [];
    for (const page of [ana, bo, ca]) page.on('pageerror', (error) => errors.push(error.message));
    try {
      await Promise.all([
        logIn(ana, team.slug, team.owner.email, team.owner.password),
        logIn(bo, team.slug, bruno.email, bruno.password),
        logIn(ca, team.slug, carla.email, carla.password),
      ]);

      // The lobby's form, in Portuguese: Ana schedules a FizzBuzz where only the driver types.
      await ana.goto(`${stack.webUrl}/dojos`);
      await ana.getByRole('heading', { name: 'Criar um dojo' }).waitFor();
      await ana.getByRole('heading', { name: 'Ao vivo' }).waitFor();
      await ana.getByLabel('Título').fill('FizzBuzz em português');
      await ana.getByLabel('Kata').selectOption('fizzbuzz');
      await ana.getByLabel('Linguagem').selectOption('typescript');
      await ana.getByLabel('Quem pode editar').selectOption('driver');
      await ana.getByRole('button', { name: 'Criar dojo' }).click();
      await ana.waitForURL(/\/dojos\/[0-9a-f-]{36}$/);
      await ana.locator('.cm-content').waitFor();
      // Bruno joins first, so the room seats him at the keyboard; Carla navigates.
      for (const page of [bo, ca]) {
        await page.goto(ana.url());
        await page.locator('.cm-content').waitFor();
      }

      // The room: people, seats, the facilitator's panel, the timer, the editor's hint.
      t.is(await ana.getAttribute('html', 'lang'), 'pt-BR');
      await ana.getByRole('heading', { name: 'Pessoas (3)' }).waitFor();
      t.regex(
        oneLine(await ana.locator('.dojo__head .muted').textContent()),
        /troca a cada 7 min · só quem pilota digita/,
      );
      await ana.getByRole('heading', { name: 'Facilitação' }).waitFor();
      await ana.getByRole('heading', { name: 'Cronômetro do kata' }).waitFor();
      t.regex(oneLine(await ana.locator('.editor-hint').textContent()), /Tab indenta · Esc e depois Tab sai do editor/);
      t.is(await ana.locator('.cm-content').getAttribute('aria-label'), 'Editor de código: fizzbuzz.ts');
      await bo
        .locator('.roster__item', { hasText: 'Bruno Piloto (você)' })
        .getByText('Pilotando', { exact: true })
        .waitFor();
      await bo
        .locator('.roster__item', { hasText: 'Ana Facilitadora' })
        .getByText('facilita', { exact: true })
        .waitFor();
      t.regex(
        oneLine(await ca.getByTestId('readonly-reason').textContent()),
        /^Somente leitura: Bruno Piloto está pilotando\. Você navega — use o chat\.$/,
      );
      t.is(await bo.getByRole('tab', { name: 'fizzbuzz.ts' }).count(), 1);
      t.is(await bo.getByRole('tablist', { name: 'Arquivos' }).count(), 1);

      // The timer: the facilitator starts the kata; everyone sees it run, with the next rotation.
      await ana.getByRole('button', { name: 'Começar o kata' }).click();
      const timer = ca.locator('[data-timer-status]');
      await eventually(
        () => timer.getAttribute('data-timer-status'),
        (status) => status === 'running',
      );
      t.regex(oneLine(await timer.textContent()), /Tempo restante: \d+:\d\d ?Correndo · próxima troca em \d+:\d\d/);
      await ca.getByRole('heading', { name: 'Avisos' }).waitFor();
      await ca.locator('.announcements', { hasText: 'Cronômetro correndo' }).waitFor();

      // A test run: the starter fails, and every browser shows the red light's verdict in Portuguese.
      await ana.getByRole('button', { name: 'Rodar', exact: true }).click();
      for (const page of [ana, bo]) {
        await eventually(
          () => page.getByTestId('latest-run').getAttribute('data-colour'),
          (colour) => colour === 'red',
          90_000,
        );
      }
      const verdict = oneLine(await bo.getByTestId('latest-run').innerText());
      t.regex(verdict, /^Vermelho — \d+ falh(ou|aram)/, verdict);
      t.regex(verdict, /Ana Facilitadora rodou às \d\d:\d\d:\d\d · \d+,\d s/, 'pt-BR time and a decimal comma');
      t.notRegex(verdict, /failed|passed|Run by/);
      await bo.getByRole('list', { name: 'Testes com falha' }).waitFor();
      t.is(await bo.getByRole('list', { name: 'Semáforos' }).locator('li').count(), 1);

      // The chat: Bruno writes, Carla reads; a sixth message within ten seconds is refused in Portuguese.
      const chat = bo.getByRole('textbox', { name: 'Mensagem' });
      t.is(await chat.getAttribute('placeholder'), 'Escreva para a sala');
      for (const n of [1, 2, 3, 4, 5, 6]) {
        await chat.fill(`Olá, equipe! (${n})`);
        await bo.getByRole('button', { name: 'Enviar' }).click();
        await eventually(
          () => chat.inputValue(),
          (value) => value === '',
        );
      }
      await ca.getByRole('list', { name: 'Mensagens do chat' }).getByText('Olá, equipe! (5)').waitFor();
      await bo.locator('[data-notice="rate_limited"]', { hasText: 'Mensagens demais de uma vez' }).waitFor();
      t.regex(oneLine(await ca.locator('.chat__log time').first().textContent()), /^\d\d:\d\d$/);

      // Handing over the keyboard: Carla asks, Bruno hands over, and Carla is told she drives.
      await ca.getByRole('button', { name: 'Pedir para pilotar' }).click();
      await ca.getByText('Você pediu para pilotar; Bruno Piloto ou quem facilita pode passar o teclado.').waitFor();
      await bo
        .getByRole('region', { name: 'Pedidos para pilotar' })
        .getByText('Carla Navegadora pede para pilotar.')
        .waitFor();
      await bo.getByRole('button', { name: 'Passar o teclado para Carla Navegadora' }).click();
      await ca.getByRole('alert').filter({ hasText: 'Agora você pilota — o teclado é seu.' }).waitFor();
      await ana.locator('.announcements', { hasText: 'Carla Navegadora pilota agora' }).waitFor();
      await typeAtEnd(ca, '\n// Carla pilota');
      await screenshot(ca, 'dojo-room-pt-br');

      // Ending: the confirmation is in Portuguese; the finished dojo opens in replay, in Portuguese too.
      const confirmed = new Promise<string>((resolve) =>
        ana.once('dialog', (dialog) => {
          resolve(dialog.message());
          void dialog.accept();
        }),
      );
      await ana.getByRole('button', { name: 'Encerrar o dojo' }).click();
      t.is(await confirmed, 'Encerrar o dojo para todo mundo? O kata para e o dojo vai para Encerrados.');
      await ana.getByText('Este dojo terminou.').waitFor();
      const replay = ana.getByTestId('replay');
      await replay.waitFor({ timeout: 30_000 });
      await replay.getByRole('heading', { name: 'Replay' }).waitFor();
      for (const name of ['Reproduzir', 'Semáforo anterior', 'Próximo semáforo'])
        t.is(await replay.getByRole('button', { name }).count(), 1, name);
      await replay.getByLabel('Velocidade').waitFor();
      await replay.getByRole('slider', { name: 'Posição no dojo' }).waitFor();
      t.regex(oneLine(await replay.getByTestId('replay-position').textContent()), /alteração \d+ de \d+/);
      t.regex(
        oneLine(await replay.getByTestId('replay-who').textContent()),
        /Carla Navegadora digitou “[^”]+” em fizzbuzz\.ts/,
      );
      t.regex(
        oneLine(await replay.getByRole('list', { name: 'Autoria' }).textContent()),
        /Carla Navegadora: \d+ alteraç(ão|ões)/,
      );
      const light = replay.getByRole('list', { name: 'Semáforos' }).getByRole('button');
      t.regex((await light.getAttribute('aria-label')) ?? '', /^Vermelho às .+, de Ana Facilitadora: \d+ falh/);
      await ana.getByRole('heading', { name: 'Guardar este dojo' }).waitFor();
      const history = ana.getByRole('heading', { name: 'Histórico da sessão' });
      await history.waitFor();
      await ana.locator('.history', { hasText: 'Ana Facilitadora rodou os testes: Vermelho' }).waitFor();
      await screenshot(ana, 'dojo-replay-pt-br');

      // A report's card: its kind, scope and period in Portuguese, dates by Intl.
      await call(stack.apiUrl, 'POST', '/v1/reports', team.owner.token, {
        scope: 'tenant',
        format: 'pdf',
        from: '2025-01-01',
        to: '2026-01-01',
      });
      await ana.goto(`${stack.webUrl}/media`);
      await ana.getByRole('heading', { name: 'Relatórios e vídeos' }).waitFor();
      const card = ana.locator('.job').first();
      await card.getByRole('heading', { name: 'Relatório em PDF' }).waitFor();
      t.is(oneLine(await card.locator('.job__details').textContent()), 'equipe inteira · 1 jan – 31 dez 2025');
      t.regex(
        oneLine(await card.locator('.job__requested').textContent()),
        /^Pedido em \d{1,2} de [a-zç]{3}\. de \d{4}, \d\d:\d\d$/,
      );
      t.regex(oneLine(await card.getByRole('status').first().textContent()), /^(Na fila|Gerando) — \d+ ?%$/);
      for (const name of [/^Este ano \(\d{4}\)$/, /^Ano passado \(\d{4}\)$/, /^Datas à minha escolha$/])
        t.is(await ana.getByRole('radio', { name }).count(), 1, String(name));
      await screenshot(ana, 'media-pt-br');
      t.deepEqual(errors, [], 'no page errors');
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  },
);

scenario('the katas and analytics pages in Brazilian Portuguese, months and counts by Intl', async (t) => {
  const [stack, browser] = [started(), chromium()];
  const team = await signupTeam(stack.apiUrl, 'Ana Analista', { locale: 'pt-BR' });
  const year = new Date().getFullYear();
  for (const poc of [
    { name: 'Gateway Pix', languages: ['go'], tags: ['pagamentos'], status: 'done', startedAt: `${year}-03-10` },
    { name: 'Leitor de NF-e', languages: ['go'], tags: ['fiscal'], status: 'active', startedAt: `${year}-03-20` },
  ])
    await call(stack.apiUrl, 'POST', '/v1/pocs', team.owner.token, poc);
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await logIn(page, team.slug, team.owner.email, team.owner.password);

    await page.goto(`${stack.webUrl}/katas`);
    await page.getByRole('heading', { name: 'Clássicos' }).waitFor();
    await page.getByRole('heading', { name: 'Katas da equipe' }).waitFor();
    await page.getByText('Nenhum ainda: escreva um para o próximo dojo.').waitFor();
    t.regex(oneLine(await page.locator('.kata-list').last().textContent()), /· (fácil|médio|difícil) ·/);
    await page.getByRole('button', { name: 'Novo kata da equipe' }).click();
    t.is(await page.getByLabel('Instruções (markdown)').inputValue(), '## O problema\n\n## Regras\n\n## Exemplos\n');
    await page.getByRole('button', { name: 'Adicionar um arquivo em TypeScript' }).waitFor();

    await page.goto(`${stack.webUrl}/analytics`);
    await page.getByRole('heading', { name: 'Análises', exact: true }).waitFor();
    const tiles = page.getByRole('list', { name: 'Totais' });
    await tiles.getByText('Iniciadas', { exact: true }).waitFor();
    const perMonth = page.getByRole('figure', { name: 'POCs por mês' });
    await perMonth.getByRole('button', { name: `março de ${year}: POCs 2` }).waitFor();
    t.is(oneLine(await perMonth.locator('[data-month$="-03"] + .months__label').textContent()), 'mar.');
    await page
      .getByRole('figure', { name: 'POCs por linguagem' })
      .getByRole('button', { name: /^Go\W+2 POCs$/ })
      .click();
    await page.getByRole('button', { name: /Linguagem: go/i }).waitFor();
    await page.getByRole('figure', { name: 'Status atual' }).getByText('Concluída', { exact: true }).waitFor();
    await page.getByText('Como cada número é contado').waitFor();
    await screenshot(page, 'analytics-pt-br');
  } finally {
    await context.close();
  }
});
