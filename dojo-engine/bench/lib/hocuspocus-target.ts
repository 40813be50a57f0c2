import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { KeystrokeTracker } from './keystroke-tracker.ts';
import type { LoadErrors, LoadTarget, RoomLoad } from './load-target.ts';

const TEXT = 'main.ts';

/** One Hocuspocus provider (own WebSocket, own Y.Doc), resolved once synced. */
function connect(url: string, name: string, errors: LoadErrors, timeoutMs = 30_000): Promise<HocuspocusProvider> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider not synced after ${timeoutMs} ms`)), timeoutMs);
    let synced = false;
    const provider = new HocuspocusProvider({
      url,
      name,
      document: new Y.Doc(),
      onSynced() {
        if (synced) return;
        synced = true;
        clearTimeout(timer);
        resolve(provider);
      },
      onDisconnect() {
        if (synced && !closing.has(provider)) errors.drops++;
      },
    });
  });
}

const closing = new WeakSet<HocuspocusProvider>();

/**
 * The peer baseline under the same workload: Hocuspocus 4 + Yjs, one document
 * per room, the driver inserting into a Y.Text, the others setting an
 * awareness cursor. A peer's Y.Text grows by one character per keystroke.
 */
export class HocuspocusTarget implements LoadTarget {
  readonly name = 'hocuspocus';
  readonly #url: string;

  /** `url`: ws://host:port of the Hocuspocus server. */
  constructor(url: string) {
    this.#url = url;
  }

  async openRoom(index: number, clients: number, tracker: KeystrokeTracker, errors: LoadErrors): Promise<RoomLoad> {
    const name = `bench-room-${index}`;
    let providers: HocuspocusProvider[];
    try {
      providers = await Promise.all(Array.from({ length: clients }, () => connect(this.#url, name, errors)));
    } catch (error) {
      errors.joins++;
      throw error;
    }
    const [driver, ...peers] = providers as [HocuspocusProvider, ...HocuspocusProvider[]];
    const driverText = driver.document.getText(TEXT);
    peers.forEach((peer, i) => {
      const text = peer.document.getText(TEXT);
      let seen = text.length;
      text.observe(() => {
        tracker.received(i, text.length - seen);
        seen = text.length;
      });
    });
    let typed = 0;
    return {
      keystroke() {
        tracker.sent();
        driverText.insert(driverText.length, String.fromCharCode(97 + (typed++ % 26)));
      },
      moveCursor(peer) {
        const provider = peers[peer]!;
        const offset = Math.floor(Math.random() * (provider.document.getText(TEXT).length + 1));
        provider.setAwarenessField('cursor', { file: TEXT, anchor: offset, head: offset });
      },
      async close() {
        for (const provider of providers) {
          closing.add(provider);
          provider.destroy();
        }
      },
    };
  }
}
