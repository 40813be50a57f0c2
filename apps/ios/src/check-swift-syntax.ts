/**
 * `npm run check:swift -w apps/ios`: parses every Swift file of the iOS app and
 * prints `file:line:column` for each syntax error; exits 1 when there is one.
 */
import { join } from 'node:path';
import { checkSwiftTree } from './swift-syntax.ts';

const iosRoot = join(import.meta.dirname, '..');
const { files, report } = await checkSwiftTree(iosRoot);
for (const line of report) console.error(line);
console.log(`${files} Swift files parsed, ${report.length} syntax problems`);
process.exitCode = report.length === 0 ? 0 : 1;
