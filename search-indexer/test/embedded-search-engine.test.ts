import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { runSearchEngineConformance } from './conformance/search-engine-conformance.ts';

runSearchEngineConformance(test, async () => {
  const engine = await EmbeddedSearchEngine.open({ logger: createLogger('search-indexer-test') });
  return { engine, dispose: () => engine.close() };
});
