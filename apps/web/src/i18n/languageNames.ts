import type { Locale } from '@pocdojo/common/i18n/locales';

/** Each language named in itself, so a reader finds theirs whatever the page is shown in. */
export const languageNames: ReadonlyArray<{ value: Locale; label: string }> = [
  { value: 'pt-BR', label: 'Português (Brasil)' },
  { value: 'en', label: 'English' },
];
