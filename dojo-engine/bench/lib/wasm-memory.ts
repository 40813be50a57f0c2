/**
 * The WebAssembly memory of the process (Automerge's heap): Automerge does not
 * export its instance, so this module records every instance's memory as it is
 * created. Import it before anything that loads Automerge (the bench server's
 * first import): an instance created earlier is not seen.
 */
const memories: WebAssembly.Memory[] = [];
const Instance = WebAssembly.Instance;

WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args: ConstructorParameters<typeof WebAssembly.Instance>) {
    const instance = new target(...args);
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory) memories.push(value);
    }
    return instance;
  },
});

/** Bytes of WebAssembly memory in use by this process (it grows and never shrinks). */
export function wasmMemoryBytes(): number {
  return memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
}
