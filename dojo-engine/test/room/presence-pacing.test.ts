import test from 'ava';
import { PresencePacing } from '../../src/room/presence-pacing.ts';

/** The ticks (1-based) at which pending presence went out on its own, fanning out at `fanouts`. */
function flushes(pacing: PresencePacing, ticks: number, fanouts: Set<number>): number[] {
  const sent: number[] = [];
  for (let tick = 1; tick <= ticks; tick++) {
    if (pacing.tick(true)) sent.push(tick);
    if (fanouts.has(tick)) pacing.fannedOut();
  }
  return sent;
}

test('with nobody typing, pending presence goes out at every tick', (t) => {
  t.deepEqual(flushes(new PresencePacing({ holdTicks: 2 }), 5, new Set()), [1, 2, 3, 4, 5]);
});

test('nothing pending, nothing goes out', (t) => {
  const pacing = new PresencePacing({ holdTicks: 2 });
  t.false(pacing.tick(false));
  t.false(pacing.tick(false));
});

test('once changes fan out every other tick, presence waits for them and never goes out alone', (t) => {
  const everyOther = new Set([2, 4, 6, 8, 10, 12]);
  // Ticks 1 and 2 come before the first fan-out.
  t.deepEqual(flushes(new PresencePacing({ holdTicks: 2 }), 12, everyOther), [1, 2]);
});

test('presence is held at most holdTicks ticks, then goes out even while changes flow', (t) => {
  // Out at 1 (no fan-out yet); a fan-out at tick 1, then none: held at 2 and 3, out at 4, held at 5;
  // typing counts as over 4 ticks after the fan-out: every tick again.
  t.deepEqual(flushes(new PresencePacing({ holdTicks: 2 }), 8, new Set([1])), [1, 4, 6, 7, 8]);
});

test('holdTicks 0 sends pending presence at every tick, as before pacing', (t) => {
  t.deepEqual(flushes(new PresencePacing({ holdTicks: 0 }), 4, new Set([1, 2, 3, 4])), [1, 2, 3, 4]);
});
