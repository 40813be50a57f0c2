import type { Client, Room } from '@colyseus/core';

/**
 * The only place the engine reaches into Colyseus's (and its ws transport's)
 * private fields, checked against @colyseus/core 0.18.17 and
 * @colyseus/ws-transport 0.18.4: after upgrading either, check each of these
 * first. Everything else uses Colyseus's public API.
 */

type FrameHandler = (client: Client, buffer: Uint8Array) => void;

/**
 * Puts `guard` in front of the room's handler of incoming frames
 * (`Room#_onMessage`), which decodes a frame's header outside its own
 * try/catch: a guard can refuse a client before decoding and catch what a
 * malformed frame throws. `deliver` hands the frame to Colyseus.
 */
export function guardIncomingFrames(
  room: Room,
  guard: (client: Client, buffer: Uint8Array, deliver: FrameHandler) => void,
): void {
  const internals = room as unknown as { _onMessage: FrameHandler };
  const original = internals._onMessage;
  const deliver: FrameHandler = (client, buffer) => original.call(room, client, buffer);
  internals._onMessage = (client, buffer) => guard(client, buffer, deliver);
}

/** Seats reserved by matchmaking whose WebSocket has not joined yet (`Room#_reservedSeats`; joined ones are hidden from enumeration). */
export function pendingSeatCount(room: Room): number {
  return Object.keys((room as unknown as { _reservedSeats: Record<string, unknown> })._reservedSeats ?? {}).length;
}

/** A socket whose writes can be held back and sent in one system call. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The Node socket under a ws-transport client (`client.ref` is the `ws` WebSocket, `_socket` its net.Socket). */
export const socketOf = (client: Client): Corkable | undefined =>
  (client as unknown as { ref?: { _socket?: Corkable } }).ref?._socket;
