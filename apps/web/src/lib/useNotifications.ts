import { useMemo } from 'react';
import { useServices } from '../AppContext.tsx';
import { NotificationsClient } from '../api/notifications.ts';

/** The notifier client of this app (null when no notifier is configured). */
export function useNotifications(): NotificationsClient | null {
  const { api, config } = useServices();
  return useMemo(
    () => (config.notifierUrl ? new NotificationsClient(api, config.notifierUrl) : null),
    [api, config.notifierUrl],
  );
}
