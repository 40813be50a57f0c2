/** Addresses the bundle learns at run time from `/config.js` (scripts/runtime-config.ts). */
export interface RuntimeConfig {
  apiUrl: string;
  engineUrl: string;
  /** notifier's address (the bell); absent where no notifier runs. */
  notifierUrl?: string;
  /** Sentry-compatible DSN for the app's unhandled errors; absent: nothing is reported. */
  sentryDsn?: string;
}

declare global {
  interface Window {
    __POCDOJO_CONFIG__?: RuntimeConfig;
  }
}

export function runtimeConfig(): RuntimeConfig {
  const config = window.__POCDOJO_CONFIG__;
  if (!config?.apiUrl || !config.engineUrl) {
    throw new Error('PocDojo is not configured: /config.js did not define apiUrl and engineUrl');
  }
  return config;
}
