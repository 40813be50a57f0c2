import { isLocale } from '@pocdojo/common/i18n/locales';
import { useId } from 'react';
import { languageNames } from '../i18n/languageNames.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { setVisitorLocale } from '../i18n/visitorLocale.ts';

/** The signed-out pages' language, for a visitor whose browser asks for another one; kept in this browser. */
export function VisitorLanguagePicker() {
  const { t, locale } = useMessages();
  const id = useId();
  return (
    <div className="banner__language">
      <label htmlFor={id} className="visually-hidden">
        {t('layout.language')}
      </label>
      <select
        id={id}
        className="select"
        value={locale}
        onChange={(event) => isLocale(event.target.value) && setVisitorLocale(event.target.value)}
      >
        {languageNames.map((language) => (
          <option key={language.value} value={language.value} lang={language.value}>
            {language.label}
          </option>
        ))}
      </select>
    </div>
  );
}
