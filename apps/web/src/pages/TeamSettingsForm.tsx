import { isLocale, type Locale } from '@pocdojo/common/i18n/locales';
import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { languageNames } from '../i18n/languageNames.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';

interface TeamSettings {
  defaultLocale: Locale;
  requireMfa: boolean;
}

/**
 * The owners' team-wide choices: the language newcomers start in (each member
 * can change their own) and whether everyone must use two-factor login.
 */
export function TeamSettingsForm() {
  const { api } = useServices();
  const { t } = useMessages();
  const settings = useResource((signal) => api.get<TeamSettings>('/v1/team/settings', { signal }), []);
  const [saved, setSaved] = useState(false);
  const save = useAsyncAction(async () => {
    if (!settings.data) return;
    const { defaultLocale, requireMfa } = settings.data;
    settings.setData(await api.patch<TeamSettings>('/v1/team/settings', { defaultLocale, requireMfa }));
    setSaved(true);
  });
  const edit = (change: Partial<TeamSettings>) => {
    setSaved(false);
    settings.setData((current) => current && { ...current, ...change });
  };
  return (
    <form onSubmit={save.submit} className="card" aria-labelledby="team-settings-title" noValidate>
      <h2 id="team-settings-title">{t('team.settings.title')}</h2>
      <ProblemAlert error={settings.error ?? save.error} fields={['defaultLocale', 'requireMfa']} />
      {settings.data && (
        <>
          <SelectField
            label={t('team.settings.language')}
            options={languageNames}
            value={settings.data.defaultLocale}
            onChange={(event) => isLocale(event.target.value) && edit({ defaultLocale: event.target.value })}
          />
          <p className="field__hint">{t('team.settings.language_hint')}</p>
          <p>
            <label>
              <input
                type="checkbox"
                checked={settings.data.requireMfa}
                onChange={(event) => edit({ requireMfa: event.target.checked })}
              />{' '}
              {t('team.settings.require_mfa')}
            </label>
          </p>
          <button type="submit" className="button" disabled={save.busy}>
            {t('team.settings.save')}
          </button>
          {saved && (
            <p role="status" className="alert alert--info">
              {t('team.settings.saved')}
            </p>
          )}
        </>
      )}
    </form>
  );
}
