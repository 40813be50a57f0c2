import test from 'ava';
import { browserLocale, resolveLocale } from '../src/i18n/resolveLocale.ts';

test("the profile's language comes first", (t) => {
  t.is(resolveLocale({ profile: 'en', team: 'pt-BR', browser: ['pt-BR'] }), 'en');
  t.is(resolveLocale({ profile: 'pt-BR', team: 'en', browser: ['en-US'] }), 'pt-BR');
});

test("without one, the team's default", (t) => {
  t.is(resolveLocale({ profile: null, team: 'en', browser: ['pt-BR'] }), 'en');
  t.is(
    resolveLocale({ profile: 'fr', team: 'pt-BR', browser: ['en-US'] }),
    'pt-BR',
    'an unknown profile value is no choice',
  );
});

test("without either, the language picked in this browser, ahead of the browser's own", (t) => {
  t.is(resolveLocale({ chosen: 'en', browser: ['pt-BR'] }), 'en');
  t.is(resolveLocale({ profile: 'pt-BR', chosen: 'en', browser: ['en'] }), 'pt-BR', 'the profile still wins');
  t.is(resolveLocale({ team: 'pt-BR', chosen: 'en' }), 'pt-BR');
});

test("without any, the browser's first language PocDojo speaks", (t) => {
  t.is(resolveLocale({ browser: ['en-US', 'pt-BR'] }), 'en');
  t.is(resolveLocale({ team: 'xx', browser: ['de-DE', 'pt-PT', 'en'] }), 'pt-BR');
  t.is(browserLocale(['en-GB']), 'en');
  t.is(browserLocale(['pt']), 'pt-BR');
});

test('with nothing to go on, Brazilian Portuguese', (t) => {
  t.is(resolveLocale({}), 'pt-BR');
  t.is(browserLocale(['de', 'fr-CA']), 'pt-BR');
  t.is(browserLocale(['not a tag!', 'en']), 'en', 'a malformed tag is skipped');
});
