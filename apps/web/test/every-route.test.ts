import test from 'ava';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, joinByInvitation, signupTeam, type TestTeam } from './helpers/api.ts';
import { launchChromium, screenshot } from './helpers/browser.ts';
import { loginThroughUi } from './helpers/pages.ts';
import { missingServices, type Stack, startStack } from './helpers/stack.ts';

/**
 * Every route of the web app on a phone (390×844) and a desktop: nothing
 * scrolls sideways on the phone, and each page's screenshot is written to
 * .artifacts/screenshots/ at both sizes. Then the keyboard alone: the main
 * flows are reachable with Tab, and the dojo editor indents on Tab and lets
 * go on Escape then Tab.
 */
const services = ['platform-api', 'search-indexer', 'dojo-engine'] as const;
const missing = missingServices([...services]);
const scenario = missing.length ? test.serial.skip : test.serial;
if (missing.length) console.log(`every-route browser tests skipped: ${missing.join(', ')} not built yet`);

let stack: Stack;
let browser: Browser;
let team: TestTeam;
let pocId: string;
let dojoId: string;

test.before(async () => {
  if (missing.length) return;
  [stack, browser] = await Promise.all([startStack([...services]), launchChromium()]);
  team = await signupTeam(stack.apiUrl, 'Pia Phone');
  await joinByInvitation(stack.apiUrl, stack.platformOwnerUrl, team.owner.token, {
    name: 'Marcelo Member With A Rather Long Name',
    email: `marcelo.member.with.a.long.address-${team.slug}@example.com`,
  });
  const poc = await call<{ id: string }>(stack.apiUrl, 'POST', '/v1/pocs', team.owner.token, {
    name: 'A proof of concept with a long name that has to wrap on a phone',
    description: `A description with a long unbroken token: ${'x'.repeat(120)} and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |`,
    languages: ['TypeScript', 'Go', 'Kotlin'],
    tags: ['observability', 'event-sourcing', 'k8s'],
    repoUrl: `https://git.example.com/${'very-long-path/'.repeat(6)}repo`,
    status: 'active',
  });
  pocId = poc.id;
  const dojo = await call<{ id: string }>(stack.apiUrl, 'POST', '/v1/dojos', team.owner.token, {
    title: 'FizzBuzz on a phone',
    kataId: 'fizzbuzz',
    language: 'typescript',
    durationMinutes: 30,
    rotationMinutes: 5,
    editPolicy: 'everyone',
  });
  dojoId = dojo.id;
});

test.after.always(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Each route, what shows it is ready, and whether it needs a signed-in user. */
const routes = (): Array<{
  name: string;
  path: string;
  ready: (page: Page) => Promise<unknown>;
  signedIn: boolean;
}> => [
  {
    name: 'landing',
    path: '/',
    ready: (p) => p.getByRole('link', { name: 'Sign up your team' }).waitFor(),
    signedIn: false,
  },
  {
    name: 'login',
    path: '/login',
    ready: (p) => p.getByRole('heading', { name: 'Log in' }).waitFor(),
    signedIn: false,
  },
  {
    name: 'signup',
    path: '/signup',
    ready: (p) => p.getByRole('heading', { name: 'Sign up your team' }).waitFor(),
    signedIn: false,
  },
  { name: 'forgot-password', path: '/forgot-password', ready: (p) => p.locator('main h1').waitFor(), signedIn: false },
  {
    name: 'reset-password',
    path: '/reset-password?token=x',
    ready: (p) => p.locator('main h1').waitFor(),
    signedIn: false,
  },
  {
    name: 'invite',
    path: '/invite?token=x',
    ready: (p) => p.locator('main h1, main [role=alert]').first().waitFor(),
    signedIn: false,
  },
  {
    name: 'verify-email',
    path: '/verify-email?token=x',
    ready: (p) => p.locator('main h1, main [role=alert]').first().waitFor(),
    signedIn: false,
  },
  {
    name: 'pocs',
    path: '/pocs',
    ready: (p) => p.getByRole('list', { name: 'POCs' }).getByRole('listitem').first().waitFor(),
    signedIn: true,
  },
  {
    name: 'poc-new',
    path: '/pocs/new',
    ready: (p) => p.getByRole('heading', { name: 'New POC' }).waitFor(),
    signedIn: true,
  },
  { name: 'poc', path: `/pocs/${pocId}`, ready: (p) => p.locator('.poc-view__facts').waitFor(), signedIn: true },
  {
    name: 'poc-edit',
    path: `/pocs/${pocId}/edit`,
    ready: (p) => p.getByRole('button', { name: 'Save changes' }).waitFor(),
    signedIn: true,
  },
  {
    name: 'members',
    path: '/members',
    ready: (p) => p.getByText('Marcelo Member With A Rather Long Name').first().waitFor(),
    signedIn: true,
  },
  {
    name: 'dojos',
    path: '/dojos',
    ready: (p) => p.getByRole('link', { name: 'FizzBuzz on a phone' }).first().waitFor(),
    signedIn: true,
  },
  { name: 'dojo', path: `/dojos/${dojoId}`, ready: (p) => p.locator('.cm-content').waitFor(), signedIn: true },
  { name: 'katas', path: '/katas', ready: (p) => p.locator('main h1').waitFor(), signedIn: true },
  { name: 'analytics', path: '/analytics', ready: (p) => p.locator('main h1').waitFor(), signedIn: true },
  { name: 'media', path: '/media', ready: (p) => p.locator('main h1').waitFor(), signedIn: true },
  { name: 'account', path: '/account', ready: (p) => p.locator('main h1').waitFor(), signedIn: true },
  {
    name: 'not-found',
    path: '/no-such-page',
    ready: (p) => p.getByRole('heading', { name: 'Page not found' }).waitFor(),
    signedIn: true,
  },
];

async function signedInContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await loginThroughUi(page, stack.webUrl, team.slug, team.owner.email, team.owner.password);
  await page.close();
  return context;
}

const sizes = [
  { label: 'phone', viewport: { width: 390, height: 844 } },
  { label: 'desktop', viewport: { width: 1280, height: 900 } },
] as const;

scenario(
  'every route fits a 390×844 phone without sideways scrolling; screenshots at phone and desktop sizes',
  async (t) => {
    const tooWide: string[] = [];
    for (const { label, viewport } of sizes) {
      const anonymous = await browser.newContext({ viewport, bypassCSP: true });
      const member = await signedInContext(viewport);
      try {
        for (const route of routes()) {
          const page = await (route.signedIn ? member : anonymous).newPage();
          await page.goto(`${stack.webUrl}${route.path}`);
          await route.ready(page);
          await screenshot(page, `${route.name}-${label}`);
          if (label === 'phone') {
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            if (width > viewport.width) {
              const culprits = await page.evaluate((limit) => {
                const out: string[] = [];
                for (const el of document.querySelectorAll<HTMLElement>('main *, header *')) {
                  const box = el.getBoundingClientRect();
                  if (box.right > limit + 1 && out.length < 3)
                    out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(box.right)}`);
                }
                return out;
              }, viewport.width);
              tooWide.push(`${route.path}: ${width}px wide (${culprits.join('; ')})`);
            }
          }
          await page.close();
        }
      } finally {
        await anonymous.close();
        await member.close();
      }
    }
    t.deepEqual(tooWide, [], 'no page is wider than the phone');
  },
);

scenario(
  'the POC list shows POCs in the first phone screen, and the members table keeps Role and Remove in reach',
  async (t) => {
    const member = await signedInContext({ width: 390, height: 844 });
    try {
      const page = await member.newPage();
      await page.goto(`${stack.webUrl}/pocs`);
      const first = page.getByRole('list', { name: 'POCs' }).getByRole('listitem').first();
      await first.waitFor();
      const top = (await first.boundingBox())!.y;
      t.true(top < 844 * 0.6, `the first POC starts at ${Math.round(top)}px, within the first screen`);

      await page.goto(`${stack.webUrl}/members`);
      const row = page.getByRole('row', { name: /Marcelo Member/ });
      await row.waitFor();
      for (const control of [row.getByRole('combobox'), row.getByRole('button', { name: /Remove/ })]) {
        const box = (await control.boundingBox())!;
        t.true(
          box.x >= 0 && box.x + box.width <= 390,
          `a control of the member row is on screen (${Math.round(box.x)}px)`,
        );
      }
    } finally {
      await member.close();
    }
  },
);

scenario(
  'keyboard alone: log in, find a POC, open it, and in the dojo Tab indents while Esc then Tab leaves',
  async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const press = async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
    };
    /** Tabs until the focused element matches, or fails after `max` presses. */
    const tabTo = async (matches: (el: { tag: string; text: string; label: string }) => boolean, max = 40) => {
      for (let i = 0; i < max; i++) {
        await press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return {
            tag: el?.tagName.toLowerCase() ?? '',
            text: el?.textContent?.trim() ?? '',
            label: el?.getAttribute('aria-label') ?? (el as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '',
          };
        });
        if (matches(focused)) return focused;
      }
      throw new Error('never reached by Tab');
    };
    try {
      await page.goto(`${stack.webUrl}/login?team=${team.slug}`);
      await tabTo((el) => el.label === 'Email');
      await page.keyboard.type(team.owner.email);
      await tabTo((el) => el.label === 'Password');
      await page.keyboard.type(team.owner.password);
      await press('Enter');
      await page.getByRole('heading', { name: 'Proofs of concept' }).waitFor();

      await tabTo((el) => el.label === 'Search');
      await page.keyboard.type('proof concept');
      await page.getByRole('list', { name: 'Search results' }).getByRole('link').first().waitFor({ timeout: 30_000 });
      await tabTo((el) => el.tag === 'a' && el.text.startsWith('A proof of concept'));
      await press('Enter');
      await page.locator('.poc-view__facts').waitFor();
      await tabTo((el) => el.tag === 'a' && el.text === 'Edit');
      await press('Enter');
      await page.getByRole('button', { name: 'Save changes' }).waitFor();

      await page.goto(`${stack.webUrl}/dojos/${dojoId}`);
      await page.locator('.cm-content').waitFor();
      t.regex((await page.locator('.editor-hint').textContent()) ?? '', /Tab indents · Esc then Tab leaves/);
      await tabTo((el) => el.label.startsWith('Code editor'));
      await press('Control+End');
      await press('Enter');
      await press('Tab');
      await page.keyboard.type('indented');
      const text = await page.locator('.cm-content').evaluate((el) => el.textContent ?? '');
      t.regex(text, /\s{2,}indented/, 'Tab indented the line');
      t.true(
        await page.locator('.cm-content').evaluate((el) => el === document.activeElement),
        'focus stayed in the editor',
      );
      // Esc then Tab leaves, also when the Escape closes a completion popup (the keymaps take that Escape,
      // which once left Tab indenting whenever a loaded machine opened the popup late).
      await page.keyboard.type(' expo');
      await page.locator('.cm-tooltip-autocomplete').waitFor();
      await press('Escape');
      await press('Tab');
      t.false(
        await page
          .locator('.cm-content')
          .evaluate((el) => el === document.activeElement || el.contains(document.activeElement)),
        'Esc then Tab left the editor, the Escape having closed a completion popup',
      );
      // And without a popup, after coming back (a visit starts with Tab indenting again).
      await page.locator('.cm-content').focus();
      await press('Control+End');
      await press('Escape');
      await press('Tab');
      t.false(
        await page
          .locator('.cm-content')
          .evaluate((el) => el === document.activeElement || el.contains(document.activeElement)),
        'Esc then Tab left the editor',
      );
    } finally {
      await context.close();
    }
  },
);
