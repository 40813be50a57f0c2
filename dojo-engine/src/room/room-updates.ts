import { ServerMessage } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { corkedSends } from './corked-sends.ts';
import { PresenceHub } from './presence-hub.ts';
import { PresencePacing } from './presence-pacing.ts';
import type { DojoClient } from './session.ts';
import { type DojoStateSchema, toSnapshot } from './state.ts';

/**
 * What the room owes between ticks: everyone's latest presence, a state
 * snapshot when the roster, timer or settings changed, and a save of the
 * facilitation (timer, driver, rotation order) when it changed. Sent on the
 * room's tick, or earlier with a fan-out of changes.
 */
export class RoomUpdates {
  readonly presence = new PresenceHub();
  readonly #state: DojoStateSchema;
  readonly #broadcast: (type: string, payload: unknown) => void;
  readonly #saveFacilitation: () => void;
  readonly #pacing: PresencePacing;
  /** The roster or timer changed since the last `state` broadcast. */
  #stateDirty = false;
  /** Timer, driver or rotation order changed since they were last saved. */
  #facilitationDirty = false;

  constructor(options: {
    state: DojoStateSchema;
    broadcast: (type: string, payload: unknown) => void;
    /** Saves the facilitation as it is now (serialised with the room's other writes, so the last save wins). */
    saveFacilitation: () => void;
    /** Ticks presence may wait for a fan-out to carry it (RoomOptions.presenceHoldTicks). */
    presenceHoldTicks: number;
  }) {
    this.#pacing = new PresencePacing({ holdTicks: options.presenceHoldTicks });
    this.#state = options.state;
    this.#broadcast = options.broadcast;
    this.#saveFacilitation = options.saveFacilitation;
  }

  /** The roster or settings changed: a state snapshot goes out. */
  stateChanged(): void {
    this.#stateDirty = true;
  }

  /** The timer or seats changed: a state snapshot goes out and the facilitation is saved. */
  facilitationChanged(): void {
    this.#stateDirty = true;
    this.#facilitationDirty = true;
  }

  /** Presence or state waits for the next tick. */
  get pending(): boolean {
    return this.presence.pending || this.#stateDirty;
  }

  /** A fan-out of changes went out (and carried what was pending): presence pacing holds presence for the next one. */
  fannedOut(): void {
    this.#pacing.fannedOut();
  }

  /** The room's tick: presence and state to the same clients in one write each (presence alone needs no corking). */
  tick(clients: readonly DojoClient[]): void {
    const presenceNow = this.#pacing.tick(this.presence.pending);
    if (this.#stateDirty && this.presence.pending) corkedSends(clients, () => this.flush());
    else if (presenceNow || this.#stateDirty || this.#facilitationDirty) this.flush();
  }

  /** Sends what is pending now and saves the facilitation if it changed. */
  flush(): void {
    const batch = this.presence.takeBatch();
    if (batch) this.#broadcast(ServerMessage.presence, batch);
    if (this.#stateDirty) {
      this.#stateDirty = false;
      this.#broadcast(ServerMessage.state, toSnapshot(this.#state));
    }
    this.saveIfChanged();
  }

  /** Saves the facilitation if it changed since its last save (also the room's final save). */
  saveIfChanged(): void {
    if (!this.#facilitationDirty) return;
    this.#facilitationDirty = false;
    this.#saveFacilitation();
  }
}
