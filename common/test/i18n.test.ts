import test from 'ava';
import { negotiateLocale } from '../src/contracts/i18n/negotiate-locale.ts';
import { createTranslator } from '../src/contracts/i18n/translator.ts';

test('the profile language wins, then what the client accepts, then the team, then Portuguese', (t) => {
  t.is(negotiateLocale({ user: 'en', acceptLanguage: 'pt-BR', team: 'pt-BR' }), 'en');
  t.is(negotiateLocale({ acceptLanguage: 'en-US,en;q=0.9', team: 'pt-BR' }), 'en');
  t.is(negotiateLocale({ acceptLanguage: 'de-DE, en-GB;q=0.5' }), 'en');
  t.is(negotiateLocale({ acceptLanguage: 'pt-PT' }), 'pt-BR', 'European Portuguese reads Brazilian best');
  t.is(negotiateLocale({ acceptLanguage: 'pt' }), 'pt-BR');
  t.is(negotiateLocale({ acceptLanguage: 'de', team: 'en' }), 'en', 'nothing we speak: the team decides');
  t.is(negotiateLocale({ acceptLanguage: '*', team: 'en' }), 'en');
  t.is(negotiateLocale({ acceptLanguage: 'x-!!,;;q=zz' }), 'pt-BR', 'a malformed header is ignored');
  t.is(negotiateLocale({ user: 'fr', team: 'xx' }), 'pt-BR', 'unknown values fall through to the default');
  t.is(negotiateLocale({}), 'pt-BR');
});

test('messages are ICU: plurals, numbers and dates in the reader language and Brasília time', (t) => {
  const messages = createTranslator({
    en: {
      count: '{n, plural, one {# POC} other {# POCs}}',
      when: 'Generated on {at, date, long} at {at, time, short}',
    },
    'pt-BR': {
      count: '{n, plural, one {# POC} other {# POCs}}',
      when: 'Gerado em {at, date, long}, {at, time, short}',
    },
  });
  t.is(messages.format('en', 'count', { n: 1 }), '1 POC');
  t.is(messages.format('pt-BR', 'count', { n: 1200 }), '1.200 POCs');
  t.is(messages.format('en', 'count', { n: 1200 }), '1,200 POCs');
  const at = new Date('2026-12-01T20:33:00Z');
  t.is(messages.format('pt-BR', 'when', { at }), 'Gerado em 1 de dezembro de 2026, 17:33');
  t.is(messages.format('en', 'when', { at }), 'Generated on December 1, 2026 at 5:33 PM');
  t.true(messages.has('count'));
  t.false(messages.has('nope'));
});
