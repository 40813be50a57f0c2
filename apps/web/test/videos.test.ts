import { call, signupTeam } from './helpers/api.ts';
import { screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'media-worker'], 'videos browser test');

scenario('request a yearly video, follow its progress, play it in the page; download a report', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Linus Video');
  const year = new Date().getUTCFullYear();
  for (const [name, month] of [
    ['Realtime whiteboard', '02'],
    ['Edge cache warmer', '05'],
  ] as const) {
    await call(stack().apiUrl, 'POST', '/v1/pocs', team.owner.token, {
      name,
      description: `${name}, built in a week`,
      languages: ['typescript'],
      tags: ['demo'],
      status: 'done',
      startedAt: `${year}-${month}-01`,
      finishedAt: `${year}-${month}-20`,
    });
  }
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: 'Reports & videos' }).click();
    await page.getByRole('spinbutton', { name: 'Year' }).fill(String(year));
    // The worker is held (SIGSTOP) at each stage until the card has shown it, so every stage is seen
    // however fast or slow the render is; the page records each status the card takes.
    stack().signal('media-worker', 'SIGSTOP');
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shownStatuses: string[] }).shownStatuses = shown;
      const record = () => {
        const status = document.querySelector('.job')?.getAttribute('data-job-status');
        if (status && shown.at(-1) !== status) shown.push(status);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-job-status'],
      });
    });
    await page.getByRole('button', { name: 'Make my video' }).click();
    const card = page.locator('.job').first();
    await page.locator('.job[data-job-status="queued"]').waitFor();
    stack().signal('media-worker', 'SIGCONT');
    const serverStatus = async () =>
      (await call<{ items: Array<{ status: string }> }>(stack().apiUrl, 'GET', '/v1/jobs', team.owner.token)).items[0]
        ?.status;
    await eventually(serverStatus, (status) => status !== 'queued', 60_000);
    stack().signal('media-worker', 'SIGSTOP');
    t.is(await serverStatus(), 'running', 'the worker reported progress before finishing');
    await page.locator('.job[data-job-status="running"]').waitFor();
    stack().signal('media-worker', 'SIGCONT');
    await eventually(
      () => card.getAttribute('data-job-status'),
      (status) => status === 'succeeded' || status === 'failed',
      90_000,
    );
    t.is(await card.getAttribute('data-job-status'), 'succeeded', await card.innerText());
    t.deepEqual(
      await page.evaluate(() => (window as unknown as { shownStatuses: string[] }).shownStatuses),
      ['queued', 'running', 'succeeded'],
      'the card followed the job through every stage, in order',
    );

    // The <video> loads the MP4 from its presigned URL and plays.
    const video = card.locator('video');
    await video.waitFor();
    const playing = await video.evaluate(async (element: HTMLVideoElement) => {
      element.muted = true;
      if (element.readyState < 2) {
        await new Promise<void>((resolve, reject) => {
          element.addEventListener('loadeddata', () => resolve(), { once: true });
          element.addEventListener('error', () => reject(new Error(`media error ${element.error?.code}`)), {
            once: true,
          });
          element.load();
        });
      }
      const start = element.currentTime;
      // Playing means time advances: wait for the first time update past the start, however long it takes.
      const advanced = new Promise<void>((resolve) => {
        const check = () => {
          if (element.currentTime > start) {
            element.removeEventListener('timeupdate', check);
            resolve();
          }
        };
        element.addEventListener('timeupdate', check);
      });
      await element.play();
      await advanced;
      return { duration: element.duration, advanced: element.currentTime - start, readyState: element.readyState };
    });
    t.true(playing.duration > 0, `duration ${playing.duration}`);
    t.true(playing.advanced > 0, `currentTime advanced by ${playing.advanced}`);
    t.true(playing.readyState >= 2);
    await screenshot(page, 'media-video');

    // A CSV report of the team's year: it completes and its download link serves the file.
    await page.getByLabel('Format').selectOption('csv');
    await page.getByRole('button', { name: 'Request report' }).click();
    const report = page.locator('.job', { hasText: 'Report' }).first();
    await eventually(
      () => report.getAttribute('data-job-status'),
      (status) => status === 'succeeded' || status === 'failed',
      60_000,
    );
    t.is(await report.getAttribute('data-job-status'), 'succeeded', await report.innerText());
    const href = await report.getByRole('link', { name: /Download report/ }).getAttribute('href');
    const download = await fetch(href!);
    t.is(download.status, 200);
    // Languages keep their catalogue spelling in reports too (the POCs were registered as "typescript").
    t.regex(await download.text(), /language,TypeScript,/);
  } catch (error) {
    t.log(stack().logs('media-worker').split('\n').slice(-20).join('\n'));
    throw error;
  } finally {
    await context.close();
  }
});
