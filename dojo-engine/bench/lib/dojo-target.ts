import { DojoLoadClient } from './dojo-load-client.ts';
import type { KeystrokeTracker } from './keystroke-tracker.ts';
import type { LoadErrors, LoadTarget, RoomLoad } from './load-target.ts';

/** The file every benchmark dojo starts with and its driver types into. */
export const BENCH_FILE = 'main.ts';

export interface DojoTargetOptions {
  /** Engine URLs; client k of a room matchmakes through urls[k % length], as a load balancer would spread them. */
  urls: string[];
  /** A ticket for client `client` of room `room` (the same dojo id for every client of a room). */
  ticket(room: number, client: number): Promise<string>;
  /**
   * Engine-capacity mode: the driver's keystrokes are made before the run and
   * replayed, peers count what they receive without applying it (see
   * DojoLoadClient). Set to the number of keystrokes to prepare per driver;
   * undefined for full clients (the default, and the only fair comparison).
   */
  lightKeystrokes?: number;
}

/** The dojo engine under load: one driver typing into BENCH_FILE, peers moving cursors. */
export class DojoTarget implements LoadTarget {
  readonly name = 'dojo';
  readonly #options: DojoTargetOptions;

  constructor(options: DojoTargetOptions) {
    this.#options = options;
  }

  async openRoom(index: number, clients: number, tracker: KeystrokeTracker, errors: LoadErrors): Promise<RoomLoad> {
    const { urls, ticket, lightKeystrokes: light } = this.#options;
    const joined: DojoLoadClient[] = [];
    try {
      // The driver first creates the room; the peers then join it in parallel.
      joined.push(await DojoLoadClient.join(urls[0]!, await ticket(index, 0), BENCH_FILE));
      joined.push(
        ...(await Promise.all(
          Array.from({ length: clients - 1 }, async (_, i) =>
            DojoLoadClient.join(urls[(i + 1) % urls.length]!, await ticket(index, i + 1), BENCH_FILE, {
              applyChanges: light === undefined,
            }),
          ),
        )),
      );
    } catch (error) {
      errors.joins++;
      await Promise.all(joined.map((client) => client.close()));
      throw error;
    }
    const [driver, ...peers] = joined as [DojoLoadClient, ...DojoLoadClient[]];
    for (const client of joined) {
      client.onServerError = () => errors.server++;
      client.onDrop = () => errors.drops++;
    }
    let typed = 0;
    const prepared = light === undefined ? [] : driver.prepareAppends(BENCH_FILE, light);
    const received = peers.map(() => 0);
    peers.forEach((peer, i) => {
      peer.onChanges = (count) => {
        received[i]! += count;
        tracker.received(i, count);
      };
    });
    return {
      keystroke() {
        if (light === undefined) {
          tracker.sent();
          driver.typeAtEnd(BENCH_FILE, String.fromCharCode(97 + (typed++ % 26)));
          return;
        }
        const frame = prepared[typed++];
        if (!frame) return; // ran past the prepared keystrokes: stop typing rather than measure the generator
        tracker.sent();
        driver.sendPrepared(frame);
      },
      moveCursor(peer) {
        // The text grows by one character per keystroke received: a valid offset either way.
        peers[peer]!.moveCursor(BENCH_FILE, Math.floor(Math.random() * (received[peer]! + 1)));
      },
      async close() {
        await Promise.all(joined.map((client) => client.close()));
      },
    };
  }
}
