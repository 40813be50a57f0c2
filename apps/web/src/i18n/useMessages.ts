import { isLocale, type Locale } from '@pocdojo/common/contracts/i18n/locales';
import { negotiateLocale } from '@pocdojo/common/contracts/i18n/negotiate-locale';
import { createTranslator, type MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import { useServices, useSession } from '../AppContext.tsx';
import { useResource } from '../lib/useResource.ts';
import en from './en.json' with { type: 'json' };
import pt from './pt-BR.json' with { type: 'json' };

/** A message of the web app's catalogue (`en.json`, `pt-BR.json` beside this file). */
export type MessageKey = keyof typeof en;

const messages = createTranslator<MessageKey>({ en, 'pt-BR': pt });

/**
 * The page's words in the member's language: their profile's choice (read from
 * `/v1/me`, the same language the API answers them in), and until it arrives
 * the closest one the browser accepts. Dates are Brasília time.
 */
export function useMessages() {
  const { api } = useServices();
  const signedIn = useSession() !== null;
  const me = useResource(
    (signal) => (signedIn ? api.get<{ locale?: string }>('/v1/me', { signal }) : Promise.resolve(null)),
    [signedIn],
  );
  const locale: Locale = isLocale(me.data?.locale)
    ? me.data.locale
    : negotiateLocale({ acceptLanguage: navigator.languages.join(',') });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'America/Sao_Paulo',
  });
  return {
    locale,
    t: (key: MessageKey, values?: MessageValues) => messages.format(locale, key, values),
    formatDateTime: (iso: string) => dateTime.format(new Date(iso)),
  };
}
