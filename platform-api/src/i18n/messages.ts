import { commonMessages } from '@pocdojo/common/contracts/i18n/common-messages';
import type { Locale } from '@pocdojo/common/contracts/i18n/locales';
import { createTranslator, type MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import en from './en.json' with { type: 'json' };
import pt from './pt-BR.json' with { type: 'json' };

/** A message of platform-api's catalogue (`en.json`, `pt-BR.json` beside this file). */
export type MessageKey = keyof typeof en;

/** platform-api's messages: problem details and field messages, in Portuguese and English. */
export const messages = createTranslator<MessageKey>({ en, 'pt-BR': pt });

/**
 * Text that arrives as a key — a schema's own message, the text policy's
 * reason — in `locale`, from this catalogue or common's; null when `key` is
 * not a key of either (a message written elsewhere, shown as it is).
 */
export function localizeKey(locale: Locale, key: string, values?: MessageValues): string | null {
  if (messages.has(key)) return messages.format(locale, key, values);
  if (commonMessages.has(key)) return commonMessages.format(locale, key, values);
  return null;
}
