/**
 * `npm run lint`: every message catalogue (`<workspace>/src/i18n/{en,pt-BR}.json`) has the same
 * keys in each language, valid ICU messages with the same placeholders, and no key the code never uses.
 */
import { join } from 'node:path';
import { catalogueFolders, checkCatalogues } from './i18n-catalogue-check.ts';

const root = join(import.meta.dirname, '..');
const problems = checkCatalogues(root);
for (const line of problems) console.error(line);
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the message catalogues`);
  process.exit(1);
}
console.log(`message catalogues: ${catalogueFolders(root).length} folders, complete in every language`);
