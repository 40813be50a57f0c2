import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Locale } from '@pocdojo/common/i18n/locales';
import type { CataloguePart } from './catalogueParts.ts';
import type en from './en.json';

/** A message of the web app's catalogue (`en.json`, `pt-BR.json` beside this file). */
export type MessageKey = keyof typeof en;

/** A message as built (scripts/catalogue-parts-plugin.ts): plain text, or its parsed ICU tree. */
export type CompiledMessage = string | MessageFormatElement[];

/** Some of one language's messages: the parts loaded so far. */
export type Messages = Partial<Record<MessageKey, CompiledMessage>>;

// One chunk per language and part: a reader downloads only their language, and a visitor only the public part.
const loaders: Record<Locale, Record<CataloguePart, () => Promise<{ default: Record<string, CompiledMessage> }>>> = {
  en: {
    public: () => import('virtual:messages/en/public'),
    member: () => import('virtual:messages/en/member'),
  },
  'pt-BR': {
    public: () => import('virtual:messages/pt-BR/public'),
    member: () => import('virtual:messages/pt-BR/member'),
  },
};

const loading = new Map<string, Promise<Messages>>();

/** One part of `locale`'s catalogue, fetched once (a failed fetch is tried again on the next call). */
function loadPart(locale: Locale, part: CataloguePart): Promise<Messages> {
  const id = `${locale}/${part}`;
  let found = loading.get(id);
  if (!found) {
    found = loaders[locale][part]().then(
      (module) => module.default as Messages,
      (error: unknown) => {
        loading.delete(id);
        throw error;
      },
    );
    loading.set(id, found);
  }
  return found;
}

/** The messages of `parts` of `locale`'s catalogue, merged. */
export async function loadMessages(locale: Locale, parts: readonly CataloguePart[]): Promise<Messages> {
  const loaded = await Promise.all(parts.map((part) => loadPart(locale, part)));
  return Object.assign({}, ...loaded) as Messages;
}

/** Starts fetching a part early (a page that leads to signing in fetches the member part while people type). */
export function preloadMessages(locale: Locale, part: CataloguePart): void {
  loadPart(locale, part).catch(() => undefined);
}
