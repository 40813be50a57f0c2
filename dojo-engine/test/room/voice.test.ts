import { createHmac } from 'node:crypto';
import { VoiceLimits } from '@pocdojo/common/contracts/dojo-protocol/voice';
import test from 'ava';
import { systemClock } from '../../src/time/clock.ts';
import { IceServerIssuer } from '../../src/voice/ice-servers.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

const TURN_SECRET = 'a-turn-secret-of-at-least-32-characters!';
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({
    iceServers: new IceServerIssuer(
      {
        stunUrls: ['stun:turn.example.test:3478'],
        turnUrls: ['turn:turn.example.test:3478?transport=udp'],
        turnSecret: TURN_SECRET,
        turnTtlSeconds: 600,
      },
      systemClock,
    ),
  });
});
test.after.always(() => engine?.close());

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const;
const rosterOf = (client: TestDojoClient) => {
  const rosters = client.voice.filter((event) => event.action === 'roster');
  return rosters.at(-1)?.action === 'roster' ? rosters.at(-1)!.members : undefined;
};

test.serial(
  'joining voice hands out expiring TURN credentials and who to call; signals reach only their addressee',
  async (t) => {
    const dojo = dojoFixture(engine.key);
    const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
    const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
    const eve = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Eve' }));
    await eventually(() => rosterOf(eve)?.length === 0, 5000, 'empty voice roster on joining the room');

    ada.room.send('voice', { action: 'join' });
    await eventually(() => ada.voice.some((event) => event.action === 'joined'), 5000, 'ada joined');
    const joined = ada.voice.find((event) => event.action === 'joined');
    if (joined?.action !== 'joined') return t.fail();
    t.deepEqual(joined.members, [], 'nobody to call yet');
    const [stun, turn] = joined.iceServers;
    t.deepEqual(stun, { urls: ['stun:turn.example.test:3478'] });
    const [expires, userId] = turn!.username!.split(':');
    t.is(userId, ada.welcome!.userId);
    const ttl = Number(expires) - Date.now() / 1000;
    t.true(ttl > 590 && ttl <= 600, `credentials expire in ${ttl} s`);
    t.is(turn!.credential, createHmac('sha1', TURN_SECRET).update(turn!.username!).digest('base64'));

    bob.room.send('voice', { action: 'join', muted: true });
    await eventually(() => bob.voice.some((event) => event.action === 'joined'), 5000, 'bob joined');
    const bobJoined = bob.voice.find((event) => event.action === 'joined');
    t.like(bobJoined, { members: [{ sessionId: ada.room.sessionId, name: 'Ada', muted: false }] });
    // Everyone in the room sees the voice roster, in voice or not.
    await eventually(() => rosterOf(eve)?.length === 2, 5000, 'roster of two');
    t.like(
      rosterOf(eve)!.find((member) => member.name === 'Bob'),
      { muted: true, speaking: false },
    );

    bob.room.send('voice', { action: 'signal', to: ada.room.sessionId, signal: offer });
    await eventually(() => ada.voice.some((event) => event.action === 'signal'), 5000, 'offer delivered');
    t.like(
      ada.voice.find((event) => event.action === 'signal'),
      { from: bob.room.sessionId, signal: offer },
    );
    // Eve is in the room but not in voice: she can neither signal nor be signalled.
    eve.room.send('voice', { action: 'signal', to: ada.room.sessionId, signal: offer });
    ada.room.send('voice', { action: 'signal', to: eve.room.sessionId, signal: offer });
    ada.room.send('voice', { action: 'signal', to: 'no-such-session', signal: offer });
    await eventually(() => eve.errors.length === 1 && ada.errors.length === 2, 5000, 'refused signals');
    t.is(eve.errors[0]?.code, 'not_in_voice');
    t.deepEqual(
      ada.errors.map((error) => [error.code, error.ref]),
      [
        ['voice_peer_unknown', 'voice'],
        ['voice_peer_unknown', 'voice'],
      ],
    );
    t.false(
      eve.voice.some((event) => event.action === 'signal'),
      'no signal reached Eve',
    );
    t.is(ada.voice.filter((event) => event.action === 'signal').length, 1, 'nothing more reached Ada');

    // Mute and speaking reach the roster; a muted member is never shown speaking.
    ada.room.send('voice', { action: 'speaking', speaking: true });
    await eventually(() => rosterOf(eve)?.find((m) => m.name === 'Ada')?.speaking === true, 5000, 'speaking');
    ada.room.send('voice', { action: 'mute', muted: true });
    await eventually(() => rosterOf(eve)?.find((m) => m.name === 'Ada')?.muted === true, 5000, 'muted');
    t.false(rosterOf(eve)!.find((m) => m.name === 'Ada')!.speaking);

    // Leaving the room leaves voice too.
    await bob.leave();
    await eventually(() => rosterOf(ada)?.length === 1, 5000, 'bob gone from voice');
    await Promise.all([ada.leave(), eve.leave()]);
  },
);

test.serial(
  'bad voice messages are refused with a clear code and change nothing; the channel holds eight',
  async (t) => {
    const dojo = dojoFixture(engine.key);
    const clients = await Promise.all(
      Array.from({ length: VoiceLimits.members + 1 }, async (_, i) =>
        TestDojoClient.join(engine.url, await dojo.ticket({ name: `P${i}` })),
      ),
    );
    const [first, ...rest] = clients as [TestDojoClient, ...TestDojoClient[]];
    first.room.send('voice', { action: 'join', extra: true });
    first.room.send('voice', { action: 'shout' });
    first.room.send('voice', {
      action: 'signal',
      to: 'x',
      signal: { type: 'offer', sdp: 'x'.repeat(VoiceLimits.sdpChars + 1) },
    });
    first.room.send('voice', { action: 'signal', to: 'x', signal: { type: 'pranswer', sdp: 'v=0' } });
    first.room.send('voice', 'join');
    await eventually(() => first.errors.length === 5, 5000, 'malformed voice messages refused');
    t.true(first.errors.every((error) => error.code === 'malformed_message' && error.ref === 'voice'));
    t.false(
      first.voice.some((event) => event.action === 'joined'),
      'nothing was joined',
    );

    for (const client of clients.slice(0, VoiceLimits.members)) client.room.send('voice', { action: 'join' });
    await eventually(
      () => clients.slice(0, VoiceLimits.members).every((client) => client.voice.some((e) => e.action === 'joined')),
      10_000,
      'eight joined',
    );
    const ninth = rest.at(-1)!;
    ninth.room.send('voice', { action: 'join' });
    await eventually(() => ninth.errors.length === 1, 5000, 'ninth refused');
    t.is(ninth.errors[0]?.code, 'voice_full');
    await eventually(() => rosterOf(ninth)?.length === VoiceLimits.members, 5000, 'roster of eight');

    // Signalling is rate limited per session: a token bucket of `burst`, refilled over `windowMs`. Every message
    // either reaches its addressee or is refused; what gets through is the burst plus what refilled meanwhile.
    const [a, b] = clients as [TestDojoClient, TestDojoClient];
    const sent = VoiceLimits.burst * 2;
    const signalsTo = (client: TestDojoClient) => client.voice.filter((e) => e.action === 'signal').length;
    const refused = () => a.errors.filter((error) => error.code === 'rate_limited').length;
    const started = Date.now();
    for (let i = 0; i < sent; i++) {
      a.room.send('voice', { action: 'signal', to: b.room.sessionId, signal: { type: 'candidate', candidate: null } });
    }
    await eventually(() => signalsTo(b) + refused() === sent, 30_000, 'every signal delivered or refused');
    const refill = ((Date.now() - started) * VoiceLimits.burst) / VoiceLimits.windowMs;
    t.true(refused() > 0, 'the flood was limited');
    // `a`'s own join took one token of the same bucket before the flood (a fast run refills less than one).
    t.true(signalsTo(b) >= VoiceLimits.burst - 1, `${signalsTo(b)} delivered, at least the burst less the join`);
    t.true(
      signalsTo(b) <= VoiceLimits.burst + refill + 1,
      `${signalsTo(b)} delivered, at most burst + ${refill} refilled`,
    );
    await Promise.all(clients.map((client) => client.leave()));
  },
);
