import type { Page } from 'playwright-core';
import { joinByInvitation, signupTeam } from './helpers/api.ts';
import { FAKE_MEDIA_ARGS, screenshot } from './helpers/browser.ts';
import { browserStack } from './helpers/browserStack.ts';
import { createDojoThroughUi, eventually, loginThroughUi } from './helpers/pages.ts';

const { scenario, stack, browser } = browserStack(
  ['platform-api', 'dojo-engine'],
  'dojo-voice browser test',
  FAKE_MEDIA_ARGS,
);

/** Keeps every RTCPeerConnection the page makes, so the test can read its statistics. */
const recordPeerConnections = () => {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = made;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      made.push(this);
    }
  };
};

/** Audio bytes this page has received over all its peer connections (inbound-rtp). */
const inboundAudioBytes = (page: Page) =>
  page.evaluate(async () => {
    let bytes = 0;
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      const stats = await pc.getStats();
      stats.forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
      });
    }
    return bytes;
  });

/** Bytes received during `ms` (a rate over a short window: audio either flows or it does not). */
async function bytesDuring(page: Page, ms: number): Promise<number> {
  const before = await inboundAudioBytes(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await inboundAudioBytes(page)) - before;
}

const rosterVoice = (page: Page, name: string) =>
  page
    .locator(`.roster__item:has(.roster__name:text-is("${name}")) .roster__voice`)
    .textContent({ timeout: 1000 })
    .catch(() => null);

scenario(
  'two browsers in one dojo talk by voice; mute stops the audio; the roster shows who is in voice',
  async (t) => {
    const team = await signupTeam(stack().apiUrl, 'Ada Facilitator');
    const bob = await joinByInvitation(stack().apiUrl, stack().platformOwnerUrl, team.owner.token, {
      name: 'Bob Coder',
      email: `bob-${team.slug}@example.com`,
    });
    const contexts = await Promise.all(
      [0, 1].map(() =>
        browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, permissions: ['microphone'] }),
      ),
    );
    const [ada, bo] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
    const errors: string[] = [];
    for (const page of [ada, bo]) {
      await page.addInitScript(recordPeerConnections);
      page.on('pageerror', (error) => errors.push(error.message));
    }
    try {
      await Promise.all([
        loginThroughUi(ada, stack().webUrl, team.slug, team.owner.email, team.owner.password),
        loginThroughUi(bo, stack().webUrl, team.slug, bob.email, bob.password),
      ]);
      await createDojoThroughUi(ada, { title: 'Voice dojo', kata: 'fizzbuzz', language: 'typescript' });
      await bo.goto(ada.url());
      await Promise.all([ada, bo].map((page) => page.getByRole('button', { name: 'Join voice' }).click()));
      for (const page of [ada, bo]) await page.getByRole('heading', { name: 'Voice (2)' }).waitFor();

      // Audio flows both ways, peer to peer.
      await eventually(
        () => inboundAudioBytes(bo),
        (bytes) => bytes > 0,
        20_000,
      );
      await eventually(
        () => inboundAudioBytes(ada),
        (bytes) => bytes > 0,
        20_000,
      );
      const flowing = await bytesDuring(bo, 1500);
      t.true(flowing > 1000, `Bob received ${flowing} bytes of Ada's audio in 1.5 s`);
      t.regex((await rosterVoice(bo, 'Ada Facilitator')) ?? '', /in voice|speaking/);

      // Ada mutes: Bob sees it, and her audio stops reaching him.
      await ada.getByRole('button', { name: 'Mute' }).click();
      await eventually(
        () => rosterVoice(bo, 'Ada Facilitator'),
        (text) => text === 'muted',
      );
      await eventually(
        () => bytesDuring(bo, 1000),
        (bytes) => bytes === 0,
        10_000,
      );
      t.true((await bytesDuring(ada, 1500)) > 1000, 'Bob, not muted, still reaches Ada');
      await screenshot(bo, 'dojo-voice');

      // Unmuting sends audio again; leaving takes Ada out of everyone's voice roster.
      await ada.getByRole('button', { name: 'Unmute' }).click();
      await eventually(
        () => bytesDuring(bo, 1000),
        (bytes) => bytes > 500,
        10_000,
      );
      await ada.getByRole('button', { name: 'Leave voice' }).click();
      await bo.getByRole('heading', { name: 'Voice (1)' }).waitFor();
      t.is(await rosterVoice(bo, 'Ada Facilitator'), null);
      t.deepEqual(errors, []);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  },
);
