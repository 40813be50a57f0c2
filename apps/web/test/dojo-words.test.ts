import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol';
import { AmberReasons } from '@pocdojo/common/contracts/kata-runs';
import test from 'ava';
import { announcementText } from '../src/dojo/announcementText.ts';
import { dojoErrorText, joinErrorText, noticeText } from '../src/dojo/RoomNotice.ts';
import { runCounts, verdictText } from '../src/dojo/runSummary.ts';
import { wordsIn } from './helpers/words.ts';

const en = wordsIn('en');
const pt = wordsIn('pt-BR');

test("a run's verdict is said from the runner's counts, with plurals and Intl's list in each language", (t) => {
  t.deepEqual(runCounts('2 failed, 3 passed'), { failed: 2, passed: 3, skipped: 0 });
  t.deepEqual(runCounts('no test ran'), { failed: 0, passed: 0, skipped: 0 });
  t.is(runCounts('does not compile: kata.ts(1,1): error TS1005'), null);
  const red = { colour: 'red', reason: null, summary: '2 failed, 3 passed' } as const;
  t.is(verdictText(red, en), '2 failed and 3 passed');
  t.is(verdictText(red, pt), '2 falharam e 3 passaram');
  const green = { colour: 'green', reason: null, summary: '1 passed' } as const;
  t.is(verdictText(green, pt), '1 passou');
  t.is(verdictText({ ...green, summary: '4 passed, 1 skipped' }, pt), '4 passaram e 1 ignorado');
  t.is(verdictText({ ...red, summary: '1 failed' }, pt), '1 falhou');
  t.is(verdictText({ ...green, summary: 'no test ran' }, pt), 'nenhum teste rodou');
  t.is(verdictText({ ...green, summary: 'something else' }, pt), 'something else', "the runner's words otherwise");
});

test('every amber reason has its own words in both languages', (t) => {
  const said = (words: typeof en) =>
    AmberReasons.map((reason) => verdictText({ colour: 'amber', reason, summary: '' }, words));
  t.is(verdictText({ colour: 'amber', reason: 'compile-error', summary: '' }, pt), 'não compila');
  t.is(verdictText({ colour: 'amber', reason: 'timeout', summary: '' }, en), 'the tests took too long');
  for (const words of [en, pt]) t.is(new Set(said(words)).size, AmberReasons.length, `${words.locale}: one text each`);
});

test('every engine error code has a message in both languages, and joins refused by matchmaking are read', (t) => {
  for (const code of Object.values(DojoErrorCode)) {
    const english = dojoErrorText(code, en);
    const portuguese = dojoErrorText(code, pt);
    t.truthy(english, code);
    t.truthy(portuguese, code);
    t.not(english, portuguese, `${code} is translated`);
  }
  t.is(dojoErrorText('voice_full', pt), 'O canal de voz está lotado.');
  t.is(dojoErrorText('edit_forbidden', pt), 'Agora só quem pilota digita: sua alteração foi desfeita.');
  t.is(dojoErrorText('something_new', pt), null);
  t.is(
    noticeText({ kind: 'refused', code: 'rate_limited', message: 'at most 5 chat messages per 10 s' }, pt),
    'Mensagens demais de uma vez: espere um pouco e tente de novo.',
  );
  t.is(noticeText({ kind: 'refused', code: 'brand_new', message: 'engine words' }, pt), 'engine words');
  t.is(
    joinErrorText(new Error('participant_limit: the team has 50 people in dojos'), pt),
    'Os dojos da sua equipe estão lotados agora. Tente de novo quando alguém sair.',
  );
  t.is(joinErrorText(new Error('network down'), pt), null);
});

test('announcements read as sentences, the rotation saying why', (t) => {
  const rotation = { kind: 'rotation', reason: 'auto', driverUserId: 'u', driverName: 'Bia', at: 0 } as const;
  t.is(announcementText(rotation, pt), 'Bia pilota agora (rodízio)');
  t.is(announcementText({ ...rotation, reason: 'driver_left' }, en), 'Bia drives now (the driver left)');
  t.is(
    announcementText({ kind: 'timer', status: 'paused', remainingMs: 0, at: 0, byUserId: null }, pt),
    'Cronômetro pausado',
  );
  t.is(announcementText({ kind: 'joined', userId: 'u', name: 'Bia', at: 0 }, pt), 'Bia entrou');
});
