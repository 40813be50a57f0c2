import { DojoErrorCode } from '@pocdojo/common/dojo-protocol/errors';
import {
  type Announcement,
  CommandAction,
  commandSchema,
  type Seat,
  type TimerStatus,
  TimerStatuses,
} from '@pocdojo/common/dojo-protocol/messages';
import { z } from 'zod';
import type { HistoryKind } from '../persistence/dojo-store.ts';
import type { Clock } from '../time/clock.ts';
import { CommandError } from './command-error.ts';
import { parsePayload } from './payloads.ts';
import type { DojoStateSchema } from './state.ts';

/** Who did something, for announcements and history. */
export interface Actor {
  userId: string;
  name: string;
}

export interface FacilitationEvents {
  announce(announcement: Announcement): void;
  history(kind: HistoryKind, actor: Actor | null, data: Record<string, unknown>): void;
  /** The timer or seats changed (the room re-broadcasts its state snapshot). */
  changed(): void;
}

/** What a facilitator's command may ask of the room beyond the timer and the seats. */
export interface CommandTargets {
  /** Removes `userId` from the dojo for good. */
  remove(userId: string): void;
  /** Brings back the deleted file at `path`. */
  restoreFile(path: string, by: Actor): void;
}

const MINUTE = 60_000;

/** What survives the room: saved on every change, restored when the room is created again. */
export const facilitationSnapshotSchema = z.object({
  status: z.enum(TimerStatuses),
  durationMs: z.number().min(0),
  remainingMs: z.number().min(0),
  endsAt: z.number().min(0),
  nextRotationAt: z.number().min(0),
  rotationLeftMs: z.number().min(0),
  driverUserId: z.string(),
  order: z.array(z.string()).max(1000),
});
export type FacilitationSnapshot = z.infer<typeof facilitationSnapshotSchema>;

/**
 * The kata timer, the driver seat and rotation, on the room state. Pure room
 * logic: no sockets; time only through the injected Clock, so tests can run a
 * whole kata in microseconds.
 */
export class Facilitation {
  readonly #state: DojoStateSchema;
  readonly #clock: Clock;
  readonly #events: FacilitationEvents;
  /** Users in rotation order (order of first arrival); only those present are eligible. */
  #order: string[] = [];
  #cancelEnd: (() => void) | undefined;
  #cancelRotation: (() => void) | undefined;
  /** Time left until the next rotation while paused. */
  #rotationLeftMs = 0;

  constructor(state: DojoStateSchema, clock: Clock, events: FacilitationEvents) {
    this.#state = state;
    this.#clock = clock;
    this.#events = events;
  }

  /** True when `userId` (with dojo `role`) may change the document now. */
  canEdit(userId: string, role: string): boolean {
    return this.#state.editPolicy === 'everyone' || role === 'facilitator' || userId === this.#state.driverUserId;
  }

  /** A user's first session arrived. */
  userArrived(userId: string): void {
    if (!this.#order.includes(userId)) this.#order.push(userId);
    if (!this.#state.driverUserId && this.#eligible().includes(userId)) this.#setDriver(userId);
    this.refreshSeats();
  }

  /** A user's last session left for good. */
  userDeparted(userId: string): void {
    if (this.#state.driverUserId === userId) {
      // With nobody else to take over, the seat stays theirs: they may come back (or the room is emptying).
      const next = this.#nextAfter(userId);
      if (next) this.#rotateTo(next, 'driver_left');
    }
    this.refreshSeats();
  }

  /**
   * A `command` message: only facilitators run the kata (checked before the
   * payload is parsed); removals and file restores are the room's to do.
   */
  command(from: Actor & { role: string }, payload: unknown, room: CommandTargets): void {
    if (from.role !== 'facilitator') {
      throw new CommandError(DojoErrorCode.facilitatorOnly, 'only a facilitator may run the kata');
    }
    const command = parsePayload(commandSchema, payload);
    const by: Actor = { userId: from.userId, name: from.name };
    switch (command.action) {
      case CommandAction.timerStart:
        this.start(by);
        break;
      case CommandAction.timerPause:
        this.pause(by);
        break;
      case CommandAction.timerResume:
        this.resume(by);
        break;
      case CommandAction.timerEnd:
        this.end(by);
        break;
      case CommandAction.rotate:
        this.rotate(by, 'manual');
        break;
      case CommandAction.setDriver:
        this.setDriver(command.userId, by);
        break;
      case CommandAction.remove:
        room.remove(command.userId);
        break;
      case CommandAction.restoreFile:
        room.restoreFile(command.path, by);
        break;
    }
  }

  start(by: Actor): void {
    const timer = this.#state.timer;
    if (timer.status === 'running' || timer.status === 'paused') {
      throw new CommandError(DojoErrorCode.invalidTimerState, `the timer is already ${timer.status}`);
    }
    const duration = this.#state.durationMinutes * MINUTE;
    timer.durationMs = duration;
    if (!this.#state.driverUserId) {
      const first = this.#eligible()[0];
      if (first) this.#setDriver(first);
    }
    this.#run(duration, this.#state.rotationMinutes * MINUTE);
    this.#timerEvent('running', 'timer_started', by);
  }

  pause(by: Actor): void {
    const timer = this.#state.timer;
    if (timer.status !== 'running') throw new CommandError(DojoErrorCode.invalidTimerState, 'the timer is not running');
    const now = this.#clock.now();
    timer.remainingMs = Math.max(0, timer.endsAt - now);
    this.#rotationLeftMs = Math.max(0, timer.nextRotationAt - now);
    this.#stopTimers();
    timer.status = 'paused';
    timer.endsAt = 0;
    timer.nextRotationAt = 0;
    this.#timerEvent('paused', 'timer_paused', by);
  }

  resume(by: Actor): void {
    const timer = this.#state.timer;
    if (timer.status !== 'paused') throw new CommandError(DojoErrorCode.invalidTimerState, 'the timer is not paused');
    this.#run(timer.remainingMs, this.#rotationLeftMs);
    this.#timerEvent('running', 'timer_resumed', by);
  }

  end(by: Actor | null): void {
    const timer = this.#state.timer;
    if (timer.status !== 'running' && timer.status !== 'paused') {
      throw new CommandError(DojoErrorCode.invalidTimerState, `the timer is ${timer.status}`);
    }
    if (timer.status === 'running') timer.remainingMs = Math.max(0, timer.endsAt - this.#clock.now());
    this.#stopTimers();
    timer.status = 'ended';
    timer.endsAt = 0;
    timer.nextRotationAt = 0;
    this.#timerEvent('ended', 'timer_ended', by);
  }

  /** Hands the keyboard to the next participant in rotation order. */
  rotate(by: Actor | null, reason: 'auto' | 'manual' = 'manual'): void {
    const next = this.#nextAfter(this.#state.driverUserId);
    if (!next) throw new CommandError(DojoErrorCode.participantNotFound, 'nobody else can drive');
    this.#rotateTo(next, reason, by);
    this.#restartRotationTimer();
  }

  setDriver(userId: string, by: Actor): void {
    if (!this.#present().includes(userId)) {
      throw new CommandError(DojoErrorCode.participantNotFound, `user ${userId} is not in the room`);
    }
    this.#rotateTo(userId, 'manual', by);
    this.#restartRotationTimer();
  }

  /** Recomputes every participant's seat from the driver and roles. */
  refreshSeats(): void {
    for (const participant of this.#state.participants.values()) {
      const seat: Seat =
        participant.userId === this.#state.driverUserId
          ? 'driver'
          : participant.role === 'facilitator'
            ? 'observer'
            : 'navigator';
      if (participant.seat !== seat) participant.seat = seat;
    }
    this.#events.changed();
  }

  snapshot(): FacilitationSnapshot {
    const timer = this.#state.timer;
    return {
      status: timer.status as TimerStatus,
      durationMs: timer.durationMs,
      remainingMs: timer.remainingMs,
      endsAt: timer.endsAt,
      nextRotationAt: timer.nextRotationAt,
      rotationLeftMs: this.#rotationLeftMs,
      driverUserId: this.#state.driverUserId,
      order: [...this.#order],
    };
  }

  /**
   * Resumes a saved kata in a re-created room (before anyone joined). Absolute
   * times are kept: a timer that ran out while no room existed is ended.
   */
  restore(saved: FacilitationSnapshot): void {
    const timer = this.#state.timer;
    this.#order = [...saved.order];
    this.#state.driverUserId = saved.driverUserId;
    this.#rotationLeftMs = saved.rotationLeftMs;
    timer.durationMs = saved.durationMs;
    timer.status = saved.status;
    timer.remainingMs = saved.remainingMs;
    timer.endsAt = 0;
    timer.nextRotationAt = 0;
    if (saved.status === 'running') {
      const now = this.#clock.now();
      const remaining = saved.endsAt - now;
      if (remaining <= 0) {
        timer.status = 'ended';
        timer.remainingMs = 0;
      } else {
        this.#run(remaining, Math.max(1, saved.nextRotationAt - now));
      }
    }
    this.#events.changed();
  }

  /** Cancels timers (room disposal). */
  dispose(): void {
    this.#stopTimers();
  }

  #run(remainingMs: number, rotationInMs: number): void {
    const timer = this.#state.timer;
    const now = this.#clock.now();
    timer.status = 'running';
    timer.remainingMs = remainingMs;
    timer.endsAt = now + remainingMs;
    this.#stopTimers();
    this.#cancelEnd = this.#clock.setTimer(remainingMs, () => {
      this.#cancelEnd = undefined;
      if (this.#state.timer.status === 'running') this.end(null);
    });
    this.#scheduleRotation(rotationInMs > 0 ? rotationInMs : this.#state.rotationMinutes * MINUTE);
  }

  #scheduleRotation(inMs: number): void {
    this.#cancelRotation?.();
    const timer = this.#state.timer;
    timer.nextRotationAt = this.#clock.now() + inMs;
    this.#events.changed();
    this.#cancelRotation = this.#clock.setTimer(inMs, () => {
      this.#cancelRotation = undefined;
      if (this.#state.timer.status !== 'running') return;
      const next = this.#nextAfter(this.#state.driverUserId);
      if (next) this.#rotateTo(next, 'auto', null);
      this.#scheduleRotation(this.#state.rotationMinutes * MINUTE);
    });
  }

  #restartRotationTimer(): void {
    const timer = this.#state.timer;
    if (timer.status === 'running') this.#scheduleRotation(this.#state.rotationMinutes * MINUTE);
    else if (timer.status === 'paused') this.#rotationLeftMs = this.#state.rotationMinutes * MINUTE;
  }

  #stopTimers(): void {
    this.#cancelEnd?.();
    this.#cancelRotation?.();
    this.#cancelEnd = undefined;
    this.#cancelRotation = undefined;
  }

  #rotateTo(userId: string, reason: 'auto' | 'manual' | 'driver_left', by: Actor | null = null): void {
    this.#setDriver(userId);
    const driverName = this.#nameOf(userId);
    const at = this.#clock.now();
    this.#events.announce({ kind: 'rotation', reason, driverUserId: userId, driverName, at });
    this.#events.history(reason === 'manual' && by ? 'driver_set' : 'rotation', by, {
      reason,
      driverUserId: userId,
      driverName,
    });
  }

  #setDriver(userId: string): void {
    this.#state.driverUserId = userId;
    this.refreshSeats();
  }

  #timerEvent(status: TimerStatus, kind: HistoryKind, by: Actor | null): void {
    this.#events.changed();
    const timer = this.#state.timer;
    const at = this.#clock.now();
    this.#events.announce({ kind: 'timer', status, remainingMs: timer.remainingMs, at, byUserId: by?.userId ?? null });
    this.#events.history(kind, by, { remainingMs: timer.remainingMs });
  }

  #present(): string[] {
    const users = new Set<string>();
    for (const participant of this.#state.participants.values()) users.add(participant.userId);
    return this.#order.filter((userId) => users.has(userId));
  }

  /** Users who take turns at the keyboard: participants present (facilitators may edit anyway). */
  #eligible(): string[] {
    const roles = new Map<string, string>();
    for (const participant of this.#state.participants.values()) roles.set(participant.userId, participant.role);
    return this.#present().filter((userId) => roles.get(userId) === 'participant');
  }

  #nextAfter(userId: string): string | undefined {
    const eligible = this.#eligible().filter((candidate) => candidate !== userId);
    if (eligible.length === 0) return undefined;
    const position = this.#order.indexOf(userId);
    return eligible.find((candidate) => this.#order.indexOf(candidate) > position) ?? eligible[0];
  }

  #nameOf(userId: string): string {
    for (const participant of this.#state.participants.values())
      if (participant.userId === userId) return participant.name;
    return '';
  }
}
