import { z } from 'zod';

/**
 * What the browser bundle learns at run time instead of build time: the
 * addresses of platform-api and dojo-engine. Served as `/config.js` by
 * scripts/serve.ts locally, and written next to index.html at deploy time in
 * production (S3 + CloudFront), so one build runs anywhere and no address or
 * secret is baked into the bundle.
 */
export const runtimeConfigSchema = z.object({
  apiUrl: z.url({ protocol: /^https?$/ }),
  engineUrl: z.url({ protocol: /^https?$/ }),
  /** notifier (the bell's notifications and their live stream); optional. */
  notifierUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the app reports its unhandled errors (a Sentry-compatible DSN, public by design); none: not reported. */
  sentryDsn: z.url({ protocol: /^https?$/ }).optional(),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** The global the bundle reads (src/config.ts). */
export const CONFIG_GLOBAL = '__POCDOJO_CONFIG__';

/** The body of `/config.js`. JSON is valid JavaScript, and `<` is escaped so it cannot close a script tag. */
export function renderConfigScript(config: RuntimeConfig): string {
  const json = JSON.stringify(runtimeConfigSchema.parse(config)).replaceAll('<', '\\u003c');
  return `window.${CONFIG_GLOBAL} = Object.freeze(${json});\n`;
}

/** An optional URL variable: unset and empty (a pipeline variable nobody filled in) both mean none. */
const optionalUrl = () =>
  z.preprocess((value) => (value === '' ? undefined : value), z.url({ protocol: /^https?$/ }).optional());

/**
 * The variables that say where the bundle's services are, shared by `npm start` (scripts/serve.ts) and the
 * deploy step that writes `config.js` beside the uploaded bundle (scripts/write-config.ts).
 */
export const runtimeConfigEnv = z.object({
  API_URL: z.url({ protocol: /^https?$/ }),
  ENGINE_URL: z.url({ protocol: /^https?$/ }),
  NOTIFIER_URL: optionalUrl(),
  /** Where the browser reports its unhandled errors; none by default. */
  WEB_SENTRY_DSN: optionalUrl(),
});

export function runtimeConfigFrom(env: z.infer<typeof runtimeConfigEnv>): RuntimeConfig {
  const base = (url: string) => url.replace(/\/$/, '');
  return {
    apiUrl: base(env.API_URL),
    engineUrl: base(env.ENGINE_URL),
    ...(env.NOTIFIER_URL ? { notifierUrl: base(env.NOTIFIER_URL) } : {}),
    ...(env.WEB_SENTRY_DSN ? { sentryDsn: env.WEB_SENTRY_DSN } : {}),
  };
}
