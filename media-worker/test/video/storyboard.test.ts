import test from 'ava';
import { reader } from '../../src/i18n/reader.ts';
import { buildStoryboard, type Card, cardTexts, POCS_PER_CARD } from '../../src/video/storyboard.ts';
import { cardFrames, timelineArgs, timelineSeconds } from '../../src/video/timeline.ts';
import { manyPocs, poc } from '../support/fixtures.ts';

const year = [
  poc({ name: 'C', date: '2026-09-01', languages: ['Go'], tags: ['infra'], status: 'done' }),
  poc({ name: 'A', date: '2026-01-15', languages: ['Go', 'Rust'], tags: ['perf'] }),
  poc({ name: 'B', date: '2026-09-20', languages: ['TypeScript'], tags: ['perf'] }),
];
const dojos = [
  {
    dojoId: 'd1',
    name: 'Kata de quinta',
    joinedAt: '2026-03-12T18:00:00.000Z',
    runs: ['red', 'red', 'green'] as const,
  },
];
const story = (locale: 'en' | 'pt-BR', overrides = {}) => ({
  pocs: year,
  member: 'Alice',
  team: 'Equipe Ágil',
  year: 2026,
  maxPocs: 24,
  dojos: dojos.map((dojo) => ({ ...dojo, runs: [...dojo.runs] })),
  reader: reader(locale),
  ...overrides,
});
const find = <K extends Card['kind']>(cards: Card[], kind: K) =>
  cards.filter((card): card is Extract<Card, { kind: K }> => card.kind === kind);

test('the plan: intro, monthly rhythm, top languages and tags (animated), POC grid, dojos, closing', (t) => {
  const { cards } = buildStoryboard(story('en'));
  t.deepEqual(
    cards.map((card) => card.kind),
    ['intro', 'rhythm', 'ranking', 'ranking', 'pocs', 'dojos', 'closing'],
  );
  const [rhythm] = find(cards, 'rhythm');
  t.deepEqual(
    rhythm.bars.map((bar) => bar.value),
    [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0],
  );
  t.is(rhythm.caption, 'Busiest month: September 2026');
  const [languages, tags] = find(cards, 'ranking');
  t.deepEqual(
    languages.bars.map((bar) => [bar.label, bar.value]),
    [
      ['Go', 2],
      ['Rust', 1],
      ['TypeScript', 1],
    ],
  );
  t.deepEqual(
    tags.bars.map((bar) => bar.label),
    ['#perf', '#infra'],
  );
  const [grid] = find(cards, 'pocs');
  t.deepEqual(
    grid.tiles.map((tile) => [tile.name, tile.month, tile.status]),
    [
      ['A', 'January 2026', 'Active'],
      ['C', 'September 2026', 'Done'],
      ['B', 'September 2026', 'Active'],
    ],
  );
  const [dojo] = find(cards, 'dojos');
  t.deepEqual(dojo.dojos, [
    { name: 'Kata de quinta', day: 'March 12, 2026', runs: '3 test runs', lights: ['red', 'red', 'green'] },
  ]);
  t.deepEqual(cardTexts(cards[0]), ["Alice's year", '2026 at Equipe Ágil', '3 POCs · 1 finished · 3 languages']);
  t.is(find(cards, 'closing')[0].team, 'Made with PocDojo for Equipe Ágil');
});

test('in Portuguese every card speaks Portuguese, months and plurals included', (t) => {
  const { cards } = buildStoryboard(story('pt-BR'));
  const texts = cards.flatMap(cardTexts).join('\n');
  t.deepEqual(cardTexts(cards[0]), [
    'O ano de Alice',
    '2026 na equipe Equipe Ágil',
    '3 POCs · 1 concluída · 3 linguagens',
  ]);
  t.is(find(cards, 'rhythm')[0].caption, 'Mês mais movimentado: setembro de 2026');
  t.deepEqual(
    find(cards, 'rhythm')[0]
      .bars.slice(0, 3)
      .map((bar) => bar.label),
    ['jan', 'fev', 'mar'],
  );
  t.regex(texts, /Linguagens mais usadas/);
  t.regex(texts, /janeiro de 2026\nAtiva/);
  t.regex(texts, /12 de março de 2026\n3 execuções de testes/);
  t.regex(texts, /Feito com PocDojo para a equipe Equipe Ágil/);
  t.notRegex(texts, /\b(year|finished|languages|Busiest|Active|Done|test runs)\b/);
});

test('beyond the cap the earliest POCs are shown and the last grid card counts the rest', (t) => {
  const { cards, shown } = buildStoryboard(story('en', { pocs: manyPocs(50, 2026, ['x']), maxPocs: 24 }));
  t.is(shown, 24);
  const grids = find(cards, 'pocs');
  t.is(grids.length, 24 / POCS_PER_CARD);
  t.is(grids.at(-1)?.more, 'and 26 more POCs');
  t.is(grids[0].more, null);
  t.is(grids[0].page, '1 / 4');
});

test('unknown dojos (the engine did not answer) leave the dojos card out', (t) => {
  t.false(buildStoryboard(story('en', { dojos: null })).cards.some((card) => card.kind === 'dojos'));
});

test('no dojo is said kindly; an empty year is a single friendly card', (t) => {
  const [dojo] = find(buildStoryboard(story('pt-BR', { dojos: [] })).cards, 'dojos');
  t.is(dojo.none, 'Nenhum dojo este ano — participe de um no ano que vem!');
  const empty = buildStoryboard(story('en', { pocs: [], dojos: [] }));
  t.deepEqual(empty.cards.map(cardTexts), [
    ['2026: a blank page', "No POC yet, Alice. Next year's video starts with your first one."],
  ]);
});

test('the timeline lasts exactly its cards, plays an animation before holding its last frame', (t) => {
  const cards = [
    { file: 'a.jpg', seconds: 3 },
    { file: 'b-%03d.jpg', seconds: 1.5, animationFrames: 20 },
  ];
  t.is(cardFrames(1.5, 25), 38);
  t.is(timelineSeconds(cards, 25), (75 + 38) / 25);
  const args = timelineArgs(cards, 'out.mp4', 25).join(' ');
  t.regex(args, /-framerate 25 -start_number 0 -i b-%03d\.jpg/);
  t.regex(args, /\[0:v\].*loop=loop=74:size=1:start=0/);
  t.regex(args, /\[1:v\].*loop=loop=18:size=1:start=19/);
  t.regex(args, /-c:v libx264/);
  t.regex(args, /-pix_fmt yuv420p/);
  t.regex(args, /-movflags \+faststart/);
  t.regex(args, /concat=n=2:v=1:a=0/);
  t.throws(() => timelineArgs([], 'out.mp4'), { instanceOf: RangeError });
});
