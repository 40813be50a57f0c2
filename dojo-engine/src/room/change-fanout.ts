import { getMessageBytes, Protocol } from '@colyseus/core';
import { encodeChanges } from '@pocdojo/common/dojo-protocol/encoding';
import { ServerMessage } from '@pocdojo/common/dojo-protocol/messages';
import type { DojoDocument } from '../document/dojo-document.ts';
import { corkedSends } from './corked-sends.ts';
import type { DojoClient } from './session.ts';

/** Changes accepted since the last fan-out, grouped by the client they came from. */
interface Outgoing {
  sender: string;
  changes: Uint8Array[];
}

/** What the fan-out needs from its room. */
export interface FanoutRoom {
  readonly document: DojoDocument;
  clients(): readonly DojoClient[];
  /** Presence or state waiting for the next tick. */
  hasPending(): boolean;
  /** Sends what is pending (in the same socket write as the changes that follow). */
  flushPending(): void;
  /** A fan-out went out (presence pacing holds presence for the next one while changes flow). */
  fannedOut(): void;
}

/**
 * Sends accepted changes to the room's other clients, coalesced to once per
 * event-loop turn: a burst of keystrokes that arrives together becomes one
 * `changes` frame per relay recipient and one sync round per sync-only
 * client, instead of one per keystroke.
 */
export class ChangeFanout {
  readonly #room: FanoutRoom;
  #outgoing: Outgoing[] = [];
  #scheduled = false;

  constructor(room: FanoutRoom) {
    this.#room = room;
  }

  /** Queues `changes` accepted from `sender` (a session id; '' for the room's own) for the next fan-out. */
  push(sender: string, changes: Uint8Array[]): void {
    this.#outgoing.push({ sender, changes });
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#fanout();
    });
  }

  #fanout(): void {
    const outgoing = this.#outgoing;
    this.#outgoing = [];
    const clients = this.#room.clients();
    if (clients.length === 0) return;
    // Presence waiting for the next tick goes out now, in the same socket write as the changes.
    if (this.#room.hasPending()) {
      corkedSends(clients, () => {
        this.#room.flushPending();
        this.#sendChanges(clients, outgoing);
      });
    } else this.#sendChanges(clients, outgoing);
    this.#room.fannedOut();
  }

  #sendChanges(clients: readonly DojoClient[], outgoing: Outgoing[]): void {
    const bySender = new Map<string, Uint8Array[]>();
    for (const { sender, changes } of outgoing) bySender.set(sender, [...(bySender.get(sender) ?? []), ...changes]);
    // Each distinct payload is framed once (changes + Colyseus header) and the same bytes go to
    // every recipient: client.sendBytes would copy and frame them again per client.
    const frames = new Map<string, Uint8Array>();
    const all = outgoing.flatMap((entry) => entry.changes);
    for (const client of clients) {
      const session = client.userData;
      if (!session) continue;
      if (session.relay) {
        const own = bySender.get(client.sessionId);
        const others = own ? all.filter((change) => !own.includes(change)) : all;
        if (others.length === 0) continue;
        const key = own ? client.sessionId : '*';
        let frame = frames.get(key);
        if (!frame) {
          frame = getMessageBytes.raw(
            Protocol.ROOM_DATA_BYTES,
            ServerMessage.changes,
            undefined,
            encodeChanges(others),
          );
          frames.set(key, frame);
        }
        client.enqueueRaw(frame);
      } else {
        // Sync-only clients: one sync round per event-loop turn however many changes arrived.
        // (Deferring this to the 50 ms tick made two sync-only clients typing every 15 ms across
        // a process failover stop converging in test/scale/two-processes.test.ts; cause not pinned down.)
        const message = this.#room.document.generateSync(client.sessionId);
        if (message) client.sendBytes(ServerMessage.sync, message);
      }
    }
  }
}
