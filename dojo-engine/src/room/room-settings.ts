import type { DojoSettings } from '@pocdojo/common/tokens';
import { DojoStateSchema, TimerSchema } from './state.ts';

/** The dojo settings a live room applies (a ticket's, without the starter files). */
export type RoomSettings = Omit<DojoSettings, 'files'>;

/** A new room's state: the dojo's settings and an idle timer. */
export function initialState(dojoId: string, settings: RoomSettings): DojoStateSchema {
  const state = new DojoStateSchema();
  state.dojoId = dojoId;
  state.timer = new TimerSchema();
  copySettings(state, settings);
  return state;
}

/** The dojo's settings into the room state; a timer that has not started takes the new duration. */
export function copySettings(state: DojoStateSchema, settings: RoomSettings): void {
  state.title = settings.title;
  state.language = settings.language;
  state.kataId = settings.kataId ?? '';
  state.editPolicy = settings.editPolicy;
  state.durationMinutes = settings.durationMinutes;
  state.rotationMinutes = settings.rotationMinutes;
  if (state.timer.status === 'idle') {
    state.timer.durationMs = settings.durationMinutes * 60_000;
    state.timer.remainingMs = state.timer.durationMs;
  }
}
