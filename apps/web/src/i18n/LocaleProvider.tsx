import { TYPE } from '@formatjs/icu-messageformat-parser';
import { DEFAULT_TIME_ZONE, isLocale, type Locale } from '@pocdojo/common/i18n/locales';
import { type Catalogues, createTranslator, type MessageValues } from '@pocdojo/common/i18n/translator';
import { createContext, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { loadMessages, type MessageKey, type Messages } from './catalogue.ts';
import type { CataloguePart } from './catalogueParts.ts';
import { resolveLocale } from './resolveLocale.ts';
import { useVisitorLocale } from './visitorLocale.ts';

/** The page's words and formats in the reader's language (what `useMessages()` returns). */
export interface LocaleState {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
  /** A moment (ISO string or Date): "1 de dez. de 2026, 17:33:00" in Brasília time. */
  formatDateTime: (value: string | Date) => string;
  /** A day, "1 de dezembro de 2026": a `YYYY-MM-DD` date as written, a moment as its day in Brasília time. */
  formatDate: (value: string | Date) => string;
  formatNumber: (value: number) => string;
}

export const LocaleContext = createContext<LocaleState | null>(null);

interface Loaded {
  locale: Locale;
  parts: readonly CataloguePart[];
  messages: Messages;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function stateOf({ locale, messages }: Loaded): LocaleState {
  // The browser has no ICU parser: plain texts become the one-literal tree they parse to.
  const trees = Object.fromEntries(
    Object.entries(messages).map(([key, message]) => [
      key,
      typeof message === 'string' ? [{ type: TYPE.literal, value: message }] : message,
    ]),
  );
  // The translator wants every language; only this one is loaded, and only it is ever asked for.
  const translator = createTranslator<MessageKey>({ en: trees, 'pt-BR': trees } as unknown as Catalogues<MessageKey>);
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: DEFAULT_TIME_ZONE,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: DEFAULT_TIME_ZONE });
  // A calendar day has no time zone: `2026-12-01` is the 1st everywhere.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  return {
    locale,
    t: (key, values) => (Object.hasOwn(trees, key) ? translator.format(locale, key, values) : key),
    formatDateTime: (value) => dateTime.format(new Date(value)),
    formatDate: (value) =>
      typeof value === 'string' && DAY.test(value) ? day.format(new Date(value)) : date.format(new Date(value)),
    formatNumber: (value) => number.format(value),
  };
}

/**
 * Decides the app's language in one place and loads its catalogue: the
 * member's profile language (kept in the session, checked against `/v1/me`
 * once per sign-in), else the team's default, else the language last picked
 * in this browser, else the browser's languages.
 * Sets `<html lang>` and the API client's `Accept-Language`, and renders its
 * children once the words they need are there; a change of language keeps
 * the old words on screen until the new ones have arrived.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { api, store } = useServices();
  const session = useSession();
  const [teamLocale, setTeamLocale] = useState<string | null>(null);
  const chosen = useVisitorLocale();
  const userId = session?.user.id;
  const tenantId = session?.tenant?.id;

  // The profile's language, read once per signed-in member: it may have changed on another device.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the member or the team changes
  useEffect(() => {
    if (!userId) return;
    const stop = new AbortController();
    (async () => {
      const me = await api.get<{ id: string; locale?: string }>('/v1/me', { signal: stop.signal });
      const current = store.get();
      if (isLocale(me.locale)) {
        if (current && current.user.id === me.id && current.user.locale !== me.locale)
          store.set({ ...current, user: { ...current.user, locale: me.locale } });
        return;
      }
      const team = await api.get<{ defaultLocale?: string }>('/v1/team/settings', { signal: stop.signal });
      setTeamLocale(team.defaultLocale ?? null);
    })().catch(() => undefined);
    return () => stop.abort();
  }, [api, store, userId, tenantId]);

  const locale = resolveLocale({
    profile: session?.user.locale,
    team: session ? teamLocale : null,
    chosen,
    browser: navigator.languages,
  });
  const parts: CataloguePart[] = session ? ['public', 'member'] : ['public'];
  const partsKey = parts.join();
  // Requests carry the language being shown (anonymous calls are answered in it); set before children render.
  api.language = locale;

  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: partsKey stands for parts
  useEffect(() => {
    let live = true;
    loadMessages(locale, parts).then(
      (messages) => {
        if (!live) return;
        setFailed(null);
        setLoaded({ locale, parts, messages });
      },
      (error: unknown) => live && setFailed(error),
    );
    return () => {
      live = false;
    };
  }, [locale, partsKey]);

  useEffect(() => {
    if (loaded) document.documentElement.lang = loaded.locale;
  }, [loaded]);

  const state = useMemo(() => (loaded ? stateOf(loaded) : null), [loaded]);
  const ready = loaded !== null && state !== null && parts.every((part) => loaded.parts.includes(part));
  if (failed && !ready) return <CatalogueFailed />;
  if (!ready) return null;
  return <LocaleContext.Provider value={state}>{children}</LocaleContext.Provider>;
}

/** Without its words the app cannot say anything: say so in both languages. */
function CatalogueFailed() {
  return (
    <main>
      <p role="alert" lang="pt-BR">
        Não foi possível carregar o PocDojo. Verifique sua conexão e recarregue a página.
      </p>
      <p role="alert" lang="en">
        PocDojo could not be loaded. Check your connection and reload the page.
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Recarregar · Reload
      </button>
    </main>
  );
}
