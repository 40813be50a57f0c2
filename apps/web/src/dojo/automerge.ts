/**
 * Automerge in the browser: the `/slim` entry plus its WASM as a separate asset
 * fetched by URL. This needs no bundler plugin (vite-plugin-wasm and top-level
 * await are what the default entry would need) and keeps the 1.5 MB module out
 * of the JavaScript, so browsers compile it while streaming and cache it apart.
 */

import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import * as A from '@automerge/automerge/slim';

let ready: Promise<void> | null = null;

/** Resolves once the WASM module is compiled; call before any other Automerge function. */
export function automergeReady(): Promise<void> {
  ready ??= A.initializeWasm(wasmUrl);
  return ready;
}

export type { Patch } from '@automerge/automerge/slim';
export { A };
