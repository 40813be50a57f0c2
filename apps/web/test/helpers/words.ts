import type { Locale } from '@pocdojo/common/i18n/locales';
import { createTranslator } from '@pocdojo/common/i18n/translator';
import en from '../../src/i18n/en.json' with { type: 'json' };
import pt from '../../src/i18n/pt-BR.json' with { type: 'json' };
import type { MessageKey, Words } from '../../src/lib/words.ts';

const catalogues = createTranslator<MessageKey>({ en, 'pt-BR': pt });

/** The web app's words in `locale`, straight from its catalogues, for unit tests of code outside React. */
export const wordsIn = (locale: Locale): Words => ({
  locale,
  t: (key, values) => catalogues.format(locale, key, values),
});

/** Intl's thin and narrow no-break spaces (around a range's dash, before AM/PM), compared as spaces. */
export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s/g, ' ');
