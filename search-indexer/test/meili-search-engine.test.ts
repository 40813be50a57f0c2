import { randomBytes } from 'node:crypto';
import test from 'ava';
import { MeiliSearchEngine } from '../src/adapters/meilisearch/meili-search-engine.ts';
import { runSearchEngineConformance } from './conformance/search-engine-conformance.ts';

const host = process.env.MEILI_HOST;

if (host) {
  runSearchEngineConformance(test, async () => {
    const engine = await MeiliSearchEngine.open({
      host,
      apiKey: process.env.MEILI_API_KEY,
      indexUid: `pocs_test_${randomBytes(4).toString('hex')}`,
    });
    return { engine, dispose: () => engine.drop() };
  });
} else {
  // Visible in AVA's summary as a skipped test, so nobody mistakes it for a pass.
  test.skip('Meilisearch conformance (set MEILI_HOST to run it against a Meilisearch server)', () => {});
}
