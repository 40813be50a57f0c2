import type { Page } from 'playwright-core';
import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { browserStack } from './helpers/browserStack.ts';
import { editorText, eventually, loginThroughUi, typeAtEnd } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'dojo-engine'], 'dojo-recovery browser test');

/** Every WebSocket a page opens (reconnections to an existing seat marked), and every ticket and matchmaking request. */
function watchSockets(page: Page) {
  const sockets: Array<{ url: string; reconnection: boolean }> = [];
  const requests: string[] = [];
  page.on('websocket', (socket) =>
    sockets.push({ url: socket.url(), reconnection: socket.url().includes('reconnectionToken') }),
  );
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/matchmake/')) requests.push('matchmake');
    else if (/\/v1\/dojos\/[^/]+\/tickets$/.test(url)) requests.push('ticket');
  });
  return Object.assign(sockets, { requests });
}

const connection = (page: Page) => page.locator('[data-connection]').getAttribute('data-connection');

scenario(
  'the engine is SIGKILLed mid-dojo: browsers matchmake again instead of retrying the dead room, and keep every edit',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Owner');
    const bob = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Bob Typist',
      email: `bob-${team.slug}@example.com`,
    });
    const dojo = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/dojos', team.owner.token, {
      title: 'Crash kata',
      kataId: 'fizzbuzz',
      language: 'typescript',
      durationMinutes: 30,
      rotationMinutes: 5,
      editPolicy: 'everyone',
    });
    const [ada, bo] = await Promise.all(
      [0, 1].map(async () => (await browser().newContext({ bypassCSP: true })).newPage()),
    );
    await Promise.all([
      loginThroughUi(ada!, stack().webUrl, team.slug, team.owner.email, team.owner.password),
      loginThroughUi(bo!, stack().webUrl, team.slug, bob.email, bob.password),
    ]);
    const sockets = { ada: watchSockets(ada!), bob: watchSockets(bo!) };
    for (const page of [ada!, bo!]) {
      await page.goto(`${stack().webUrl}/dojos/${dojo.id}`);
      await page.locator('.cm-content').waitFor();
    }
    await typeAtEnd(ada!, '\n// ada online');
    await eventually(
      () => editorText(bo!),
      (text) => text.includes('// ada online'),
    );

    const before = { ada: sockets.ada.length, bob: sockets.bob.length };
    const requestsBefore = { ada: sockets.ada.requests.length, bob: sockets.bob.requests.length };
    await stack().crash('dojo-engine');
    await eventually(
      () => connection(ada!),
      (status) => status !== 'connected',
    );
    // Both keep typing while the engine is gone.
    await typeAtEnd(ada!, '\n// ada offline');
    await typeAtEnd(bo!, '\n// bob offline');
    // While the old room's process stays dead, each browser gives up on it and asks
    // for a new ticket and a new seat (docs/protocol.md §9) — here that fails until
    // an engine is back, as it would succeed at once on a surviving engine process.
    for (const [name, list] of Object.entries(sockets)) {
      const since = requestsBefore[name as keyof typeof requestsBefore];
      await eventually(
        async () => list.requests.slice(since),
        (requests) => requests.includes('ticket') && requests.includes('matchmake'),
        30_000,
      );
    }
    await stack().relaunch('dojo-engine');

    const expected = ['// ada online', '// ada offline', '// bob offline'];
    const all = (text: string) => expected.every((line) => text.includes(line));
    await eventually(
      async () => [await connection(ada!), await connection(bo!)],
      (statuses) => statuses.every((status) => status === 'connected'),
      60_000,
    );
    const [adaText, bobText] = await Promise.all([
      eventually(() => editorText(ada!), all, 30_000),
      eventually(() => editorText(bo!), all, 30_000),
    ]);
    t.is(adaText, bobText, 'both browsers converged');

    // The new room holds every edit: a fresh browser sees them.
    const late = await (await browser().newContext({ bypassCSP: true })).newPage();
    await loginThroughUi(late, stack().webUrl, team.slug, team.owner.email, team.owner.password);
    await late.goto(`${stack().webUrl}/dojos/${dojo.id}`);
    t.is(await eventually(() => editorText(late), all, 30_000), adaText);

    for (const [name, list] of Object.entries(sockets)) {
      const after = list.slice(before[name as keyof typeof before]);
      const retries = after.filter((socket) => socket.reconnection).length;
      t.true(retries <= 3, `${name} retried the dead room ${retries} times`);
      t.true(
        after.some((socket) => !socket.reconnection),
        `${name} matchmade again (a new seat, not the dead room's)`,
      );
    }
  },
);
