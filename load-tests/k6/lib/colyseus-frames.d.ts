/** Types of colyseus-frames.js (plain JavaScript so that k6 can run it). */
export declare const Frame: { joinRoom: 10; error: 11; roomData: 13; roomDataBytes: 17 };
/** Colyseus header string (short ASCII type names), as bytes. */
export declare function headerString(text: string): number[];
/** Reads the header string at `offset`: [text, offset after it]. */
export declare function readHeaderString(bytes: Uint8Array, offset: number): [string, number];
/** Standard MessagePack of null, booleans, non-negative integers, ASCII strings and flat objects of those. */
export declare function msgpack(value: unknown): number[];
export declare function frame(bytes: number[]): ArrayBuffer;
/** Number of changes in a `changes` payload starting at `offset`. */
export declare function countChanges(bytes: Uint8Array, offset: number): number;
