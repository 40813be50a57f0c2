import { useState } from 'react';
import type { KindPreference } from '../api/notifications.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useNotifications } from '../lib/useNotifications.ts';
import { useResource } from '../lib/useResource.ts';
import { kindLabel } from './notificationKinds.ts';

const channels = [
  { key: 'email', label: 'notifications.channel.email' },
  { key: 'push', label: 'notifications.channel.push' },
  { key: 'inApp', label: 'notifications.channel.in_app' },
] as const;

/**
 * Which channels each kind of notification reaches you on. Every switch saves
 * as it changes (notifier's preferences); account e-mails (reset links,
 * invitations…) always go out and are not listed.
 */
export function NotificationSettingsPage() {
  const client = useNotifications();
  const { t } = useMessages();
  const prefs = useResource(async (signal) => (client ? client.preferences(signal) : { items: [] }), [client]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const toggle = async (pref: KindPreference, channel: (typeof channels)[number]['key'], on: boolean) => {
    const next = { ...pref, [channel]: on };
    setSaveError(null);
    setSaved(null);
    prefs.setData((data) => data && { items: data.items.map((p) => (p.kind === pref.kind ? next : p)) });
    try {
      await client!.setPreference(next);
      setSaved(t('notifications.settings.saved', { kind: kindLabel(t, pref.kind) }));
    } catch (error) {
      setSaveError(error);
      prefs.reload();
    }
  };

  return (
    <section className="stack" aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">{t('notifications.settings.title')}</h1>
      <p>{t('notifications.settings.intro')}</p>
      {!client && <p className="alert alert--info">{t('notifications.settings.unavailable')}</p>}
      <ProblemAlert error={prefs.error ?? saveError} />
      <p role="status" className="visually-hidden" aria-live="polite">
        {saved ?? ''}
      </p>
      {prefs.loading && !prefs.data && <p aria-live="polite">{t('notifications.settings.loading')}</p>}
      {prefs.data && (
        <table className="table">
          <caption className="visually-hidden">{t('notifications.settings.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.settings.col.kind')}</th>
              {channels.map((channel) => (
                <th scope="col" key={channel.key}>
                  {t(channel.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {prefs.data.items.map((pref) => (
              <tr key={pref.kind}>
                <th scope="row">{kindLabel(t, pref.kind)}</th>
                {channels.map((channel) => (
                  <td key={channel.key}>
                    <input
                      type="checkbox"
                      aria-label={t('notifications.settings.switch', {
                        channel: t(channel.label),
                        kind: kindLabel(t, pref.kind),
                      })}
                      checked={pref[channel.key]}
                      onChange={(event) => void toggle(pref, channel.key, event.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
