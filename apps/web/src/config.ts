/** Addresses the bundle learns at run time from `/config.js` (scripts/runtime-config.ts). */
export interface RuntimeConfig {
  apiUrl: string;
  engineUrl: string;
  /** notifier's address (the bell); absent where no notifier runs. */
  notifierUrl?: string;
  /** Local development only: send presigned PUTs for `endpoint` through `path` on this origin. */
  s3UploadProxy?: { endpoint: string; path: string };
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

/** The URL to PUT a presigned upload to: unchanged, except through the dev upload proxy when configured. */
export function uploadUrl(config: RuntimeConfig, presigned: string): string {
  const proxy = config.s3UploadProxy;
  if (!proxy || !presigned.startsWith(`${proxy.endpoint}/`)) return presigned;
  return `${location.origin}${proxy.path}${presigned.slice(proxy.endpoint.length)}`;
}
