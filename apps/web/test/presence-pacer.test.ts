import type { PresenceUpdate } from '@pocdojo/common/contracts/dojo-protocol';
import test from 'ava';
import { PresencePacer } from '../src/dojo/presencePacer.ts';

/** A pacer on a hand-driven clock: `advance(ms)` moves time and runs what fell due. */
function paced(options: { connected?: () => boolean } = {}) {
  let now = 0;
  const due: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const sent: Array<{ at: number; update: PresenceUpdate }> = [];
  const pacer = new PresencePacer(
    (update) => {
      if (options.connected && !options.connected()) return false;
      sent.push({ at: now, update });
      return true;
    },
    100,
    {
      now: () => now,
      schedule: (run, ms) => {
        const entry = { at: now + ms, run, cancelled: false };
        due.push(entry);
        return () => {
          entry.cancelled = true;
        };
      },
    },
  );
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = due.filter((e) => !e.cancelled && e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      next.cancelled = true;
      next.run();
    }
    now = until;
  };
  return { pacer, sent, advance };
}

const at = (head: number, typing = false): PresenceUpdate => ({ file: 'a.ts', anchor: head, head, typing });

test('the first change goes out at once; a drag within the interval sends only its last position, at its end', (t) => {
  const { pacer, sent, advance } = paced();
  pacer.push(at(1));
  t.deepEqual(
    sent.map((s) => [s.at, s.update.head]),
    [[0, 1]],
  );
  for (let step = 2; step <= 30; step++) {
    advance(3);
    pacer.push(at(step));
  }
  advance(100);
  t.deepEqual(
    sent.map((s) => [s.at, s.update.head]),
    [
      [0, 1],
      [100, 30],
    ],
  );
});

test('the same presence twice is sent once: a keystroke reported as typing, then as a selection', (t) => {
  const { pacer, sent, advance } = paced();
  for (let key = 1; key <= 5; key++) {
    pacer.push(at(key, true));
    pacer.push(at(key, true));
    advance(200);
  }
  t.deepEqual(
    sent.map((s) => s.update.head),
    [1, 2, 3, 4, 5],
  );
});

test('fast typing sends at most one presence per interval, and the latest one last', (t) => {
  const { pacer, sent, advance } = paced();
  for (let key = 1; key <= 40; key++) {
    pacer.push(at(key, true));
    advance(25);
  }
  advance(100);
  t.true(sent.length <= 11, `${sent.length} sent for 40 keystrokes in one second`);
  t.is(sent.at(-1)?.update.head, 40);
  for (let i = 1; i < sent.length; i++) t.true(sent[i]!.at - sent[i - 1]!.at >= 100);
});

test('what could not be sent while disconnected goes out after the rejoin, and the rejoin sends the latest again', (t) => {
  let connected = false;
  const { pacer, sent, advance } = paced({ connected: () => connected });
  pacer.push(at(7));
  t.is(sent.length, 0);
  connected = true;
  pacer.rejoined();
  t.deepEqual(
    sent.map((s) => s.update.head),
    [7],
  );
  // A reconnection: the server dropped our presence with the old socket; the same position is sent again.
  advance(500);
  pacer.rejoined();
  t.deepEqual(
    sent.map((s) => s.update.head),
    [7, 7],
  );
});

test('after dispose nothing more is sent', (t) => {
  const { pacer, sent, advance } = paced();
  pacer.push(at(1));
  pacer.push(at(2));
  pacer.dispose();
  advance(1000);
  t.deepEqual(
    sent.map((s) => s.update.head),
    [1],
  );
});
