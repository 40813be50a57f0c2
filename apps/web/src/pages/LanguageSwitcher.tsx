import { isLocale } from '@pocdojo/common/i18n/locales';
import { type ChangeEvent, useId } from 'react';
import { useServices } from '../AppContext.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { languageNames } from '../i18n/languageNames.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { setVisitorLocale } from '../i18n/visitorLocale.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';

/**
 * The member's language — of the app, the e-mails, the reports and the videos —
 * saved to their profile as soon as it is picked, and the page follows at once.
 */
export function LanguageSwitcher() {
  const { api, store } = useServices();
  const { t, locale } = useMessages();
  const id = useId();
  const change = useAsyncAction(async (next: string) => {
    if (!isLocale(next)) return;
    const me = await api.patch<{ locale: string }>('/v1/me', { locale: next });
    const current = store.get();
    if (!isLocale(me.locale)) return;
    // Signed out later, this browser keeps speaking it.
    setVisitorLocale(me.locale);
    if (current) store.set({ ...current, user: { ...current.user, locale: me.locale } });
  });
  return (
    <div className="field">
      <label htmlFor={id}>{t('account.language.label')}</label>
      <select
        id={id}
        value={locale}
        disabled={change.busy}
        aria-describedby={`${id}-hint`}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => void change.run(event.target.value)}
      >
        {languageNames.map((language) => (
          <option key={language.value} value={language.value} lang={language.value}>
            {language.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field__hint">
        {t('account.language.hint')}
      </p>
      <ProblemAlert error={change.error} />
    </div>
  );
}
