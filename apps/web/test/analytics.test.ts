import type { Page } from 'playwright-core';
import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api'], 'analytics browser test');

const year = new Date().getFullYear();
const last = year - 1;

/**
 * Ada and Bea's POCs, counted by hand. This year: 3 POCs, all started, 2 finished (one without a
 * finish date), 2 in Go. Last year: 2 POCs, 1 finished.
 */
async function seed() {
  const team = await signupTeam(stack().apiUrl, 'Ada Analytics');
  const bea = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
    name: 'Bea Charts',
    email: `bea-${team.slug}@example.com`,
  });
  const pocs: [string, Record<string, unknown>][] = [
    [
      team.owner.token,
      {
        name: 'Pix gateway',
        languages: ['go'],
        tags: ['payments'],
        status: 'done',
        startedAt: `${year}-01-10`,
        finishedAt: `${year}-02-20`,
      },
    ],
    [
      team.owner.token,
      {
        name: 'Boleto OCR',
        languages: ['python'],
        tags: ['payments', 'ml'],
        status: 'done',
        startedAt: `${year}-02-03`,
      },
    ],
    [bea.token, { name: 'NFe parser', languages: ['go'], tags: ['tax'], status: 'active', startedAt: `${year}-03-15` }],
    [
      team.owner.token,
      {
        name: 'Old CRM',
        languages: ['java'],
        tags: [],
        status: 'done',
        startedAt: `${last}-06-01`,
        finishedAt: `${last}-07-01`,
      },
    ],
    [
      bea.token,
      { name: 'Legacy bot', languages: ['python'], tags: ['ml'], status: 'archived', startedAt: `${last}-09-09` },
    ],
  ];
  for (const [token, body] of pocs) await call(stack().apiUrl, 'POST', '/v1/pocs', token, body);
  return { team, bea };
}

/** The totals tiles, as label → value. */
async function totals(page: Page): Promise<Record<string, number>> {
  const tiles = page.getByRole('list', { name: 'Totals' }).getByRole('listitem');
  const entries = await tiles.evaluateAll((items) =>
    items.map((item) => [
      item.querySelector('.tile__label')?.textContent ?? '',
      Number(item.querySelector('.tile__value')?.textContent),
    ]),
  );
  return Object.fromEntries(entries);
}

/** Waits until the page shows the figures of the URL's filters (the old ones stay while the new load). */
async function settled(page: Page) {
  await page.locator('[data-figures-for][aria-busy="false"]').waitFor();
}

scenario('analytics: the report figures as charts, filtered by period, language, tag and member', async (t) => {
  const { team } = await seed();
  // bypassCSP lets axe-core be injected; the app itself runs under its normal policy in every other test.
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor();
    await settled(page);
    t.deepEqual(await totals(page), {
      POCs: 3,
      Started: 3,
      Finished: 2,
      Members: 2,
      'Members with POCs': 2,
      Languages: 2,
      Tags: 3,
    });
    // The page shows what the API computes, which is what the PDF prints (one definition of each figure).
    const api = await call<{ totals: { pocs: number; done: number } }>(
      stack().apiUrl,
      'GET',
      `/v1/analytics?from=${year}-01-01&to=${year + 1}-01-01`,
      team.owner.token,
    );
    t.like(api.totals, { pocs: 3, done: 2 });
    await page.getByRole('button', { name: `March ${year}: POCs 1` }).hover();
    await page.getByText(`March ${year}: POCs 1`, { exact: true }).first().waitFor();
    const finished = page.getByRole('figure', { name: 'New versus finished' });
    t.is(
      await finished.getByRole('button', { name: `February ${year}: New 1, Finished 2` }).count(),
      1,
      'February: one new, two finished (one without a finish date counts in its own month)',
    );
    await screenshot(page, 'analytics-desktop');
    t.deepEqual(await seriousA11yViolations(page), [], 'no serious accessibility violation');

    // Choosing a language bar keeps only that language; the chip removes the filter again.
    await page
      .getByRole('figure', { name: 'POCs per language' })
      .getByRole('button', { name: /^Go\W+2 POCs$/ })
      .click();
    await eventually(
      () => page.evaluate(() => location.search),
      (search) => /language=go/i.test(search),
    );
    await settled(page);
    t.like(await totals(page), { POCs: 2, Finished: 1, Languages: 1 });
    await page.getByRole('button', { name: /Language: go/i }).click();
    await settled(page);
    t.like(await totals(page), { POCs: 3 });

    await page.getByLabel('Tag', { exact: true }).selectOption('ml');
    await settled(page);
    t.like(await totals(page), { POCs: 1, Finished: 1 });
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page
      .getByRole('figure', { name: 'POCs per member' })
      .getByRole('button', { name: /^Bea Charts\W+1 POC$/ })
      .click();
    await settled(page);
    t.like(await totals(page), { POCs: 1, Started: 1, Finished: 0, 'Members with POCs': 1 });
    await page.getByRole('button', { name: 'Clear all' }).click();

    // Last year, then a range of days with both ends included.
    await page.getByRole('radio', { name: `Last year (${last})` }).check();
    await settled(page);
    t.like(await totals(page), { POCs: 2, Finished: 1 });
    await page.getByRole('radio', { name: 'Dates of my choice' }).check();
    await page.getByLabel('First day').fill(`${year}-02-03`);
    await page.getByLabel('Last day (included)').fill(`${year}-03-15`);
    await eventually(
      () => page.evaluate(() => location.search),
      (search) => search.includes(`until=${year}-03-15`),
    );
    await settled(page);
    t.like(await totals(page), { POCs: 2 }, 'the first and the last day both count');

    // The view is in the URL: a reload shows the same figures.
    await page.reload();
    await settled(page);
    t.like(await totals(page), { POCs: 2 });
    await page.setViewportSize({ width: 390, height: 844 });
    t.true(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scrolling on a phone',
    );
    await screenshot(page, 'analytics-phone');
  } finally {
    await context.close();
  }
});

scenario('reports are asked for a period in words, and the jobs list says what each job is', async (t) => {
  const { team } = await seed();
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: 'Reports & videos' }).click();
    await page.getByRole('radio', { name: `Last year (${last})` }).check();
    await page.getByLabel('Format').selectOption('csv');
    await page.getByRole('button', { name: 'Request report' }).click();
    const card = page.locator('.job').first();
    await card.getByRole('heading', { name: 'CSV report' }).waitFor();
    t.regex(await card.innerText(), new RegExp(`whole team · Jan 1.*Dec 31, ${last}`));
    t.regex(await card.innerText(), /Requested [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    const jobs = await call<{ items: Array<{ params: Record<string, unknown> }> }>(
      stack().apiUrl,
      'GET',
      '/v1/jobs',
      team.owner.token,
    );
    t.like(jobs.items[0]?.params, { from: `${last}-01-01`, to: `${year}-01-01`, format: 'csv', scope: 'tenant' });
    // After a reload the card is built from the server's job, and says the same.
    await page.reload();
    await page.locator('.job').first().getByRole('heading', { name: 'CSV report' }).waitFor();
    t.regex(await page.locator('.job').first().innerText(), new RegExp(`whole team · Jan 1.*Dec 31, ${last}`));
    await screenshot(page, 'media-jobs');
  } finally {
    await context.close();
  }
});
