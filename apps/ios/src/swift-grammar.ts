/**
 * The tree-sitter Swift grammar (tree-sitter-swift 0.7.1, compiled to WebAssembly by
 * `@repomix/tree-sitter-wasms`), with one bug of its external scanner fixed in memory.
 *
 * The scanner allocates its state with `calloc(0, sizeof(struct ScannerState))`: zero
 * bytes, so the four bytes of raw-string state it then reads are whatever the allocator
 * hands back, and it never clears them (its `deserialize` returns early on an empty
 * state). The first parse in a process finds fresh zeroed memory and is right; later
 * parses start with garbage and report errors around every `#` (`#if`, `#file`, raw
 * strings). The fix changes the constant `0` of that call to `1`, one byte inside
 * `tree_sitter_swift_external_scanner_create`, after checking the bytes are exactly the
 * expected ones: a different build of the grammar fails loudly here instead of being
 * patched blindly.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SCANNER_CREATE = 'tree_sitter_swift_external_scanner_create';
/** locals: 0; i32.const 0; i32.const 4; call … — the `calloc(0, 4)` of the scanner. */
const EXPECTED_BODY_START = [0x00, 0x41, 0x00, 0x41, 0x04, 0x10];

class WasmReader {
  readonly bytes: Uint8Array;
  offset: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.offset = offset;
  }

  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('truncated WebAssembly module');
    return this.bytes[this.offset++]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  }

  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }

  skipLimits(): void {
    const flags = this.u32();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** Finds the scanner's `create` function through the module's name section and fixes its allocation size. */
export function patchScannerAllocation(module: Uint8Array): Uint8Array {
  const patched = Uint8Array.from(module);
  const reader = new WasmReader(patched, 8);
  let importedFunctions = 0;
  let target: number | undefined;
  const bodies: number[] = [];
  while (reader.offset < patched.length) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.offset + size;
    if (id === 2) {
      for (let count = reader.u32(); count > 0; count--) {
        reader.name();
        reader.name();
        const kind = reader.byte();
        if (kind === 0) {
          reader.u32();
          importedFunctions++;
        } else if (kind === 1) {
          reader.byte();
          reader.skipLimits();
        } else if (kind === 2) {
          reader.skipLimits();
        } else {
          reader.offset += 2;
        }
      }
    } else if (id === 10) {
      for (let count = reader.u32(); count > 0; count--) {
        const length = reader.u32();
        bodies.push(reader.offset);
        reader.offset += length;
      }
    } else if (id === 0 && reader.name() === 'name') {
      while (reader.offset < end) {
        const subsection = reader.byte();
        const subsectionEnd = reader.u32() + reader.offset;
        if (subsection === 1) {
          for (let count = reader.u32(); count > 0; count--) {
            const index = reader.u32();
            if (reader.name() === SCANNER_CREATE) target = index;
          }
        }
        reader.offset = subsectionEnd;
      }
    }
    reader.offset = end;
  }
  if (target === undefined) throw new Error(`${SCANNER_CREATE} not found in the Swift grammar`);
  const body = bodies[target - importedFunctions];
  if (body === undefined) throw new Error(`no code for ${SCANNER_CREATE}`);
  const start = [...patched.subarray(body, body + EXPECTED_BODY_START.length)];
  if (start.join() !== EXPECTED_BODY_START.join()) {
    throw new Error(`${SCANNER_CREATE} is not the calloc(0, 4) this fix expects: check the grammar version`);
  }
  patched[body + 2] = 0x01; // calloc(1, 4)
  return patched;
}

/** The grammar's WebAssembly bytes, fixed. */
export async function swiftGrammarWasm(): Promise<Uint8Array> {
  const path = require.resolve('@repomix/tree-sitter-wasms/out/tree-sitter-swift.wasm');
  return patchScannerAllocation(new Uint8Array(await readFile(path)));
}
