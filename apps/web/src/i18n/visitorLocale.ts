import { isLocale, type Locale } from '@pocdojo/common/i18n/locales';
import { useSyncExternalStore } from 'react';

const KEY = 'pocdojo.locale';
const listeners = new Set<() => void>();

function read(): Locale | null {
  try {
    const stored = localStorage.getItem(KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab picked a language.
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The language this browser last picked — on the signed-out pages, or a
 * member's profile choice — kept so that a visitor reads the pages in it
 * rather than in the browser's language.
 */
export function useVisitorLocale(): Locale | null {
  return useSyncExternalStore(subscribe, read, () => null);
}

export function setVisitorLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts as long as the page.
  }
  for (const listener of listeners) listener();
}
