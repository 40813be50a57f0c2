/** Types of colyseus-frames.js (plain JavaScript so that k6 can run it). */
export declare const Frame: { joinRoom: 10; error: 11; leaveRoom: 12; roomData: 13; roomDataBytes: 17 };
/** Colyseus header string (the message type as a MessagePack string), as bytes. */
export declare function headerString(text: string): number[];
/** Reads the header string at `offset`: [text, offset after it]. */
export declare function readHeaderString(bytes: Uint8Array, offset: number): [string, number];
/** MessagePack bytes of any value msgpack.js encodes. */
export declare function msgpack(value: unknown): number[];
export declare function frame(bytes: number[]): ArrayBuffer;
/** A `roomData` frame: `type` with a MessagePack payload. */
export declare function dataFrame(type: string, payload: unknown): ArrayBuffer;
/** A `roomDataBytes` frame: `type` with raw bytes. */
export declare function bytesFrame(type: string, payload: Uint8Array): ArrayBuffer;
/** What one server frame holds. */
export declare function readFrame(bytes: Uint8Array): {
  code: number;
  type: string;
  payload?: unknown;
  payloadOffset?: number;
};
/** Number of changes in a `changes` payload starting at `offset`. */
export declare function countChanges(bytes: Uint8Array, offset: number): number;
