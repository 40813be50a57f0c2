import { MemoryDojoStore } from '../../src/persistence/memory-dojo-store.ts';
import { runDojoStoreTests } from './dojo-store-conformance.ts';

runDojoStoreTests('memory', async () => ({ store: new MemoryDojoStore(), teardown: async () => {} }));
