import { useContext } from 'react';
import { LocaleContext, type LocaleState } from './LocaleProvider.tsx';

export type { MessageKey } from './catalogue.ts';

/**
 * The page's words in the reader's language — `t(key, values)` over the
 * catalogues beside this file (ICU MessageFormat) — and dates and numbers in
 * their format, Brasília time. The language is decided once, by LocaleProvider.
 */
export function useMessages(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useMessages outside LocaleProvider');
  return state;
}
