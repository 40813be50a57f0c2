/** Types of msgpack.js (plain JavaScript so that k6 can run it). */
/** MessagePack bytes of `value` (nil, booleans, numbers, strings, Uint8Array/ArrayBuffer, arrays, plain objects). */
export declare function encode(value: unknown): number[];
/** Decodes the value at `offset`: [value, offset after it]. */
export declare function decodeAt(bytes: Uint8Array, offset: number): [unknown, number];
/** Decodes one value starting at `offset` (default 0). */
export declare function decode(bytes: Uint8Array, offset?: number): unknown;
export declare function utf8Encode(text: string): number[];
export declare function utf8Decode(bytes: Uint8Array, start: number, end: number): string;
