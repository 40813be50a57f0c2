import test from 'ava';
import { buildStoryboard, firstLine } from '../../src/video/storyboard.ts';
import { cardFrames, timelineArgs, timelineSeconds } from '../../src/video/timeline.ts';
import { poc } from '../support/fixtures.ts';

test('cards follow the POC dates, between an intro and a closing card with the year stats', (t) => {
  const pocs = [
    poc({ name: 'C', date: '2026-09-01', languages: ['Go'], tags: ['infra'], status: 'done' }),
    poc({ name: 'A', date: '2026-01-15', languages: ['Go', 'Rust'], tags: ['perf'] }),
    poc({ name: 'B', date: '2026-09-01', languages: ['TypeScript'], tags: ['perf'] }),
  ];
  const { cards } = buildStoryboard(pocs, 'Alice', 2026, 10);
  t.deepEqual(
    cards.map((card) => (card.kind === 'poc' ? card.name : card.kind)),
    ['intro', 'A', 'B', 'C', 'closing'],
  );
  const intro = cards[0];
  if (intro.kind !== 'intro') return t.fail();
  t.deepEqual(intro.topLanguages, ['Go', 'Rust', 'TypeScript']);
  t.is(intro.done, 1);
  const closing = cards.at(-1);
  if (closing?.kind !== 'closing') return t.fail();
  t.is(closing.busiestMonth, 'Sep 2026');
  t.deepEqual(closing.topTags, ['perf', 'infra']);
  const second = cards[1];
  t.true(second.kind === 'poc' && second.month === 'Jan 2026');
});

test('beyond the cap the earliest POCs are shown and the closing card counts the rest', (t) => {
  const pocs = Array.from({ length: 5 }, (_, i) => poc({ name: `P${i}`, date: `2026-0${i + 1}-01` }));
  const { cards, shown } = buildStoryboard(pocs, 'Alice', 2026, 3);
  t.is(shown, 3);
  const closing = cards.at(-1);
  t.true(closing?.kind === 'closing' && closing.omitted === 2);
});

test('an empty year is a single friendly card', (t) => {
  t.deepEqual(buildStoryboard([], 'Alice', 2026, 10).cards, [{ kind: 'empty', member: 'Alice', year: 2026 }]);
});

test('a description shows its first line only', (t) => {
  t.is(firstLine('  Fast cache\nwith more   details\n'), 'Fast cache');
});

test('the timeline lasts exactly its cards, in whole frames, and encodes H.264 yuv420p with faststart', (t) => {
  const cards = [
    { file: 'a.jpg', seconds: 3 },
    { file: 'b.jpg', seconds: 1.5 },
  ];
  t.is(cardFrames(1.5, 25), 38);
  t.is(timelineSeconds(cards, 25), (75 + 38) / 25);
  const args = timelineArgs(cards, 'out.mp4', 25).join(' ');
  t.regex(args, /-c:v libx264/);
  t.regex(args, /-pix_fmt yuv420p/);
  t.regex(args, /-movflags \+faststart/);
  t.regex(args, /concat=n=2:v=1:a=0/);
  t.throws(() => timelineArgs([], 'out.mp4'), { instanceOf: RangeError });
});
