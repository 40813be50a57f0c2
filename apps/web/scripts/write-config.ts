/**
 * `npm run config -w apps/web -- <dir>`: writes `<dir>/config.js` from the environment (API_URL,
 * ENGINE_URL, NOTIFIER_URL, WEB_SENTRY_DSN — the variables `npm start` reads). The delivery pipeline runs it
 * on the built bundle before uploading it, so one build serves every deployment and the browser's error
 * reporting is on wherever the deployment names a DSN.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '@pocdojo/common/config';
import { renderConfigScript, runtimeConfigEnv, runtimeConfigFrom } from './runtime-config.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run config -w apps/web -- <folder of the built bundle>');
  process.exit(2);
}
const config = runtimeConfigFrom(loadConfig('web config', runtimeConfigEnv));
const file = join(resolve(dir), 'config.js');
await writeFile(file, renderConfigScript(config));
console.log(`wrote ${file}: ${Object.keys(config).join(', ')}`);
