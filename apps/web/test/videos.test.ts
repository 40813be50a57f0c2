import test from 'ava';
import type { Browser } from 'playwright-core';
import { call, signupTeam } from './helpers/api.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { eventually, loginThroughUi } from './helpers/pages.ts';
import { missingServices, type Stack, startStack } from './helpers/stack.ts';

const missing = missingServices(['platform-api', 'media-worker']);
const scenario = missing.length ? test.serial.skip : test.serial;
if (missing.length) console.log(`video browser test skipped: ${missing.join(', ')} not built yet`);

let stack: Stack;
let browser: Browser;

test.before(async () => {
  if (missing.length) return;
  [stack, browser] = await Promise.all([startStack(['platform-api', 'media-worker']), launchChromium()]);
});

test.after.always(async () => {
  await browser?.close();
  await stack?.stop();
});

scenario('request a yearly video, follow its progress, play it in the page; download a report', async (t) => {
  const team = await signupTeam(stack.apiUrl, 'Linus Video');
  const year = new Date().getUTCFullYear();
  for (const [name, month] of [
    ['Realtime whiteboard', '02'],
    ['Edge cache warmer', '05'],
  ] as const) {
    await call(stack.apiUrl, 'POST', '/v1/pocs', team.owner.token, {
      name,
      description: `${name}, built in a week`,
      languages: ['typescript'],
      tags: ['demo'],
      status: 'done',
      startedAt: `${year}-${month}-01`,
      finishedAt: `${year}-${month}-20`,
    });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await loginThroughUi(page, stack.webUrl, team.slug, team.owner.email, team.owner.password);
    await page.getByRole('link', { name: 'Reports & videos' }).click();
    await page.getByRole('spinbutton', { name: 'Year' }).fill(String(year));
    await page.getByRole('button', { name: 'Make my video' }).click();

    // Follow the job card: every status it shows, until the video is ready.
    const card = page.locator('.job').first();
    const seen = new Set<string>();
    await eventually(
      async () => {
        const status = (await card.getAttribute('data-job-status')) ?? '';
        seen.add(status);
        return status;
      },
      (status) => status === 'succeeded' || status === 'failed',
      90_000,
    );
    t.is(await card.getAttribute('data-job-status'), 'succeeded', await card.innerText());
    t.true(seen.has('queued') || seen.has('running'), `progress was shown before completion: ${[...seen].join(', ')}`);

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
      await element.play();
      const start = element.currentTime;
      await new Promise((resolve) => setTimeout(resolve, 1200));
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
    t.regex(await download.text(), /Realtime whiteboard|Edge cache warmer|typescript/);
  } catch (error) {
    t.log(stack.logs('media-worker').split('\n').slice(-20).join('\n'));
    throw error;
  } finally {
    await context.close();
  }
});
