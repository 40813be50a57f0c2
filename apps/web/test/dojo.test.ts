import { call, joinByInvitation, signupTeam } from './helpers/api.ts';
import { screenshot, seriousA11yViolations } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { editorText, eventually, loginThroughUi, typeAtEnd } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(['platform-api', 'dojo-engine'], 'dojo browser test');

scenario(
  'a dojo in three browsers: typing, cursors, chat, edit rights, timer, rotation, offline edits and history',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Facilitator');
    const addMember = (name: string) =>
      joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}-${team.slug}@example.com`,
      });
    const [bob, carol] = await Promise.all([addMember('Bob Driver'), addMember('Carol Navigator')]);
    const contexts = await Promise.all(
      [0, 1, 2].map(() => browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })),
    );
    // Count the chimes Carol's page plays (the audible rotation cue), whatever the audio device does.
    await contexts[2]!.addInitScript(() => {
      const start = OscillatorNode.prototype.start;
      Object.assign(window, { chimes: 0 });
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
        Object.assign(window, { chimes: (window as unknown as { chimes: number }).chimes + 1 });
        return start.apply(this, args);
      };
    });
    const [a, b, c] = await Promise.all(contexts.map((context) => context.newPage()));
    const consoleLines: string[] = [];
    for (const [label, page] of [
      ['A', a!],
      ['B', b!],
      ['C', c!],
    ] as const) {
      page.on('console', (m) => m.type() !== 'info' && consoleLines.push(`${label} ${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`${label} pageerror: ${e.message}`));
    }
    const ada = a!;
    const bo = b!;
    const ca = c!;
    try {
      await Promise.all([
        loginThroughUi(ada, stack().webUrl, team.slug, team.owner.email, team.owner.password),
        loginThroughUi(bo, stack().webUrl, team.slug, bob.email, bob.password),
        loginThroughUi(ca, stack().webUrl, team.slug, carol.email, carol.password),
      ]);
      // The facilitator schedules the dojo from the lobby and lands in its room.
      await ada.getByRole('link', { name: 'Dojos', exact: true }).click();
      await ada.getByLabel('Title').fill('FizzBuzz at lunch');
      await ada.getByLabel('Kata').selectOption('fizzbuzz');
      await ada.getByLabel('Language').selectOption('typescript');
      await ada.getByLabel('Rotate driver every (minutes)').fill('5');
      await ada.getByLabel('Who may edit').selectOption('driver');
      await screenshot(ada, 'dojos-lobby');
      await ada.getByRole('button', { name: 'Create dojo' }).click();
      await ada.waitForURL(/\/dojos\/[0-9a-f-]{36}$/);
      const dojoUrl = ada.url();
      await ada.locator('.cm-content').waitFor();
      // Bob arrives first of the participants and drives; Carol navigates.
      for (const page of [bo, ca]) {
        await page.goto(dojoUrl);
        await page.locator('.cm-content').waitFor();
      }
      await ada.locator('.roster__item[data-seat="driver"]', { hasText: 'Bob Driver' }).waitFor();
      await ada.locator('.roster__item[data-seat="navigator"]', { hasText: 'Carol Navigator' }).waitFor();
      const starter = await editorText(ada);
      t.true(starter.length > 0, 'the kata starter file is loaded');
      await eventually(
        () => editorText(ca),
        (text) => text === starter,
      );

      // The driver's text appears in the other browsers, with the driver's cursor.
      await typeAtEnd(bo, '\n// typed by Bob');
      await eventually(
        () => editorText(ca),
        (text) => text.includes('// typed by Bob'),
      );
      await eventually(
        () => editorText(ada),
        (text) => text.includes('// typed by Bob'),
      );
      const label = ca.locator('.remote-caret__label', { hasText: 'Bob Driver' });
      await label.waitFor({ state: 'attached' });
      // The name label fades once the caret rests, so it does not keep hiding the line above.
      await eventually(
        () => label.evaluate((el) => getComputedStyle(el).visibility),
        (visibility) => visibility === 'hidden',
        6_000,
      );
      // …and the driver's selection, in the driver's colour.
      await bo.keyboard.press('Shift+Home');
      await ca.locator('.remote-selection').first().waitFor();

      // Chat both ways.
      await bo.getByRole('textbox', { name: 'Message' }).fill('Hello Carol');
      await bo.getByRole('button', { name: 'Send' }).click();
      await ca.locator('.chat__log', { hasText: 'Hello Carol' }).waitFor();
      await ca.getByRole('textbox', { name: 'Message' }).fill('Hi Bob');
      await ca.getByRole('button', { name: 'Send' }).click();
      await bo.locator('.chat__log', { hasText: 'Hi Bob' }).waitFor();
      // The chat box shows its whole placeholder.
      const placeholderFits = await ca.getByRole('textbox', { name: 'Message' }).evaluate((input) => {
        const box = input as HTMLInputElement;
        const style = getComputedStyle(box);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontSize} ${style.fontFamily}`;
        const room = box.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        return context.measureText(box.placeholder).width <= room;
      });
      t.true(placeholderFits, 'the chat placeholder is not cut off');

      // Carol reloads: she is listed once, connected, not beside a "reconnecting" ghost of herself.
      await ca.reload();
      await ca.locator('.cm-content').waitFor();
      await ada.getByRole('heading', { name: 'People (3)' }).waitFor();
      await eventually(
        async () => ({
          carols: await ada.locator('.roster__item', { hasText: 'Carol Navigator' }).count(),
          text: (await ada.locator('.roster').textContent()) ?? '',
        }),
        ({ carols, text }) => carols === 1 && !text.includes('reconnecting'),
        8_000,
      );
      t.is(await ca.locator('.roster__item', { hasText: '(you)' }).count(), 1);

      // Carol navigates: her editor refuses input and says why.
      t.is(await ca.locator('.cm-content').getAttribute('contenteditable'), 'false');
      t.regex((await ca.getByTestId('readonly-reason').textContent()) ?? '', /Bob Driver is driving/);
      const before = await editorText(ca);
      await ca.locator('.cm-content').click();
      await ca.keyboard.type('should not land');
      t.is(await editorText(ca), before, "a navigator's keystrokes change nothing");
      await screenshot(ada, 'dojo-room-facilitator');
      await screenshot(ca, 'dojo-room-navigator');

      // The facilitator starts the kata: everyone sees the timer run down; pause stops it.
      await ada.getByRole('button', { name: 'Start kata' }).click();
      const timer = bo.locator('[data-timer-status]');
      await eventually(
        () => timer.getAttribute('data-timer-status'),
        (status) => status === 'running',
      );
      const first = await bo.getByTestId('timer-remaining').textContent();
      await eventually(
        () => bo.getByTestId('timer-remaining').textContent(),
        (now) => now !== first,
      );
      t.regex((await timer.textContent()) ?? '', /next rotation in \d+:\d\d/);
      await ada.getByRole('button', { name: 'Pause' }).click();
      await eventually(
        () => timer.getAttribute('data-timer-status'),
        (status) => status === 'paused',
      );

      // The facilitator rotates: Carol drives, Bob navigates, and their rights flip.
      await ada.getByRole('button', { name: 'Rotate driver now' }).click();
      await eventually(
        () => ca.locator('.cm-content').getAttribute('contenteditable'),
        (value) => value === 'true',
      );
      await eventually(
        () => bo.locator('.cm-content').getAttribute('contenteditable'),
        (value) => value === 'false',
      );
      // The new driver is told, on screen and with a chime.
      await ca.getByRole('alert').filter({ hasText: 'You drive now' }).waitFor();
      await eventually(
        () => ca.evaluate(() => (window as unknown as { chimes: number }).chimes),
        (chimes) => chimes > 0,
      );
      t.is(await bo.getByRole('alert').filter({ hasText: 'You drive now' }).count(), 0, 'only the new driver');
      await typeAtEnd(ca, '\n// Carol drives now');
      await eventually(
        () => editorText(bo),
        (text) => text.includes('// Carol drives now'),
      );

      // Carol goes offline and keeps typing; the facilitator edits meanwhile; both merge on reconnect.
      await contexts[2]!.setOffline(true);
      await ca.locator('[data-connection="offline"], [data-connection="reconnecting"]').waitFor();
      await typeAtEnd(ca, '\n// written offline by Carol');
      await typeAtEnd(ada, '\n// Ada while Carol was away');
      await eventually(
        () => editorText(bo),
        (text) => text.includes('// Ada while Carol was away'),
      );
      t.false((await editorText(bo)).includes('written offline by Carol'), 'offline edits stay local while offline');
      await contexts[2]!.setOffline(false);
      const merged = (text: string) =>
        text.includes('// written offline by Carol') && text.includes('// Ada while Carol was away');
      for (const page of [ada, bo, ca]) await eventually(() => editorText(page), merged, 30_000);
      const texts = await Promise.all([ada, bo, ca].map(editorText));
      t.true(
        texts.every((text) => text === texts[0]),
        'every replica converges to the same text',
      );

      // The session history shows joins, the rotation and the chat.
      await ada.getByText('Session history').click();
      const history = ada.getByRole('region', { name: 'Session history' });
      await eventually(
        async () => {
          await history.getByRole('button', { name: 'Refresh' }).click();
          return (await history.textContent()) ?? '';
        },
        (text) =>
          text.includes('Carol Navigator joined') &&
          text.includes('Bob Driver: Hello Carol') &&
          text.includes('made Carol Navigator the driver'),
      );

      // Numbers stay whole past the ninth entry (they were cut to "0.", "1."…).
      const numbersFit = await history.locator('ol').evaluate((list) => {
        const style = getComputedStyle(list);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontSize} ${style.fontFamily}`;
        return context.measureText('100. ').width <= Number.parseFloat(style.paddingLeft);
      });
      t.true(numbersFit, 'three-digit history numbers fit');

      const violations = await seriousA11yViolations(ada);
      t.deepEqual(violations, [], 'no serious or critical accessibility violations in the dojo room');

      // One button ends the dojo: for everyone in the room, it shows its history and is listed as finished.
      ada.once('dialog', (dialog) => void dialog.accept());
      await ada.getByRole('button', { name: 'End the dojo' }).click();
      await ada.getByText('This dojo is over.').waitFor();
      await bo.getByText('This dojo is over.').waitFor();
      // The history is written a moment after the room applies the command: Refresh until it shows.
      const finalHistory = ada.getByRole('region', { name: 'Session history' });
      await eventually(
        async () => {
          await finalHistory.getByRole('button', { name: 'Refresh' }).click();
          return (await finalHistory.textContent()) ?? '';
        },
        (text) => text.includes('Ada Facilitator ended the kata'),
      );
      await screenshot(ada, 'dojo-finished');
      await ada.getByRole('link', { name: 'Back to the lobby' }).click();
      await ada.getByRole('region', { name: 'Finished' }).getByRole('link', { name: 'FizzBuzz at lunch' }).waitFor();
      t.is(
        await ada.getByRole('region', { name: 'Live now' }).getByRole('link', { name: 'FizzBuzz at lunch' }).count(),
        0,
      );
    } catch (error) {
      await screenshot(ada, 'failure-dojo-facilitator').catch(() => undefined);
      await screenshot(ca, 'failure-dojo-carol').catch(() => undefined);
      t.log(consoleLines.slice(-40).join('\n'));
      t.log(stack().logs('dojo-engine').split('\n').slice(-15).join('\n'));
      throw error;
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  },
);

scenario('a Java dojo: files under folders (src/main/java/…) are edited and shared like any other', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Jo Java');
  const dojo = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/dojos', team.owner.token, {
    title: 'FizzBuzz in Java',
    kataId: 'fizzbuzz',
    language: 'java',
    durationMinutes: 30,
    rotationMinutes: 5,
    editPolicy: 'everyone',
  });
  const contexts = await Promise.all([0, 1].map(() => browser().newContext({ bypassCSP: true })));
  const [writer, reader] = await Promise.all(contexts.map((context) => context.newPage()));
  const errors: string[] = [];
  for (const page of [writer!, reader!]) page.on('pageerror', (error) => errors.push(error.message));
  // The writer's presence frames (ROOM_DATA, frame code 13, of type "presence") as they leave the page.
  let presenceFrames = 0;
  writer!.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload[0] === 13 && payload.includes('presence')) presenceFrames++;
    }),
  );
  try {
    for (const page of [writer!, reader!]) {
      await loginThroughUi(page, stack().webUrl, team.slug, team.owner.email, team.owner.password);
      await page.goto(`${stack().webUrl}/dojos/${dojo.id}`);
      await page.locator('.cm-content').waitFor();
    }
    const tab = writer!.getByRole('tab', { name: /FizzBuzz\.java$/ });
    await tab.click();
    await reader!.getByRole('tab', { name: /FizzBuzz\.java$/ }).click();
    await eventually(
      () => editorText(writer!),
      (text) => text.includes('class FizzBuzz'),
    );
    const typed = '\n// typed into src/main/java';
    presenceFrames = 0;
    const started = Date.now();
    await typeAtEnd(writer!, typed);
    await eventually(
      () => editorText(reader!),
      (text) => text.includes('class FizzBuzz') && text.endsWith('// typed into src/main/java'),
    );
    // The editor reports presence twice per keystroke; the page sends at most one per 100 ms (PresencePacer).
    const elapsed = Date.now() - started;
    t.true(
      presenceFrames > 0 && presenceFrames <= Math.ceil(elapsed / 100) + 2 && presenceFrames < typed.length,
      `${presenceFrames} presence frames for ${typed.length} keystrokes in ${elapsed} ms`,
    );
    t.deepEqual(errors, [], 'no page errors');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

scenario('a navigator requests to drive and the driver hands over the keyboard', async (t) => {
  const team = await signupTeam(stack().apiUrl, 'Fay Facilitator');
  const addMember = (name: string) =>
    joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}-${team.slug}@example.com`,
    });
  const dojo = await call<{ id: string }>(stack().apiUrl, 'POST', '/v1/dojos', team.owner.token, {
    title: 'Hand-over practice',
    kataId: 'fizzbuzz',
    language: 'typescript',
    durationMinutes: 30,
    rotationMinutes: 10,
    editPolicy: 'driver',
  });
  const [dora, nico] = await Promise.all([addMember('Dora Driver'), addMember('Nico Navigator')]);
  const contexts = await Promise.all([0, 1].map(() => browser().newContext({ bypassCSP: true })));
  const [driver, navigator] = await Promise.all(contexts.map((context) => context.newPage()));
  try {
    await loginThroughUi(driver!, stack().webUrl, team.slug, dora.email, dora.password);
    await driver!.goto(`${stack().webUrl}/dojos/${dojo.id}`);
    await driver!.locator('.cm-content').waitFor();
    await loginThroughUi(navigator!, stack().webUrl, team.slug, nico.email, nico.password);
    await navigator!.goto(`${stack().webUrl}/dojos/${dojo.id}`);
    await navigator!.getByTestId('readonly-reason').waitFor();

    await navigator!.getByRole('button', { name: 'Request to drive' }).click();
    await navigator!.getByText('You asked to drive').waitFor();
    const requests = driver!.getByRole('region', { name: 'Requests to drive' });
    await requests.getByText('Nico Navigator asks to drive').waitFor();
    t.is(await driver!.getByRole('button', { name: 'Request to drive' }).count(), 0, 'the driver does not ask');

    await requests.getByRole('button', { name: 'Hand over to Nico Navigator' }).click();
    await navigator!.getByRole('alert').filter({ hasText: 'You drive now' }).waitFor();
    await eventually(
      () => navigator!.locator('.cm-content').getAttribute('contenteditable'),
      (value) => value === 'true',
    );
    await eventually(
      () => driver!.locator('.cm-content').getAttribute('contenteditable'),
      (value) => value === 'false',
    );
    t.is(await requests.count(), 0, 'the request is answered');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
