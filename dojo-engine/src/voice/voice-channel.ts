import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import {
  type IceServer,
  VoiceAction,
  type VoiceEvent,
  VoiceLimits,
  type VoiceMember,
  type VoiceRequest,
} from '@pocdojo/common/contracts/dojo-protocol/voice';
import { CommandError } from '../room/command-error.ts';
import { RateLimiter } from '../room/rate-limiter.ts';
import type { Clock } from '../time/clock.ts';

/** Who sent a voice message: a session of the room. */
export interface VoiceSender {
  sessionId: string;
  userId: string;
  name: string;
}

/** How the channel reaches the room's clients. */
export interface VoiceTransport {
  /** To one session of the room; false when it is not (or no longer) connected. */
  send(sessionId: string, event: VoiceEvent): boolean;
  /** To every client of the room (the roster is shown to those not in voice too). */
  broadcast(event: VoiceEvent): void;
}

/**
 * The voice channel of one dojo room: its roster (who is in, muted, speaking)
 * and the relay of WebRTC signalling between members. A signal goes only to
 * the member it names, so no session can reach one outside this channel.
 */
export class VoiceChannel {
  readonly #members = new Map<string, VoiceMember>();
  readonly #transport: VoiceTransport;
  readonly #iceServers: (userId: string) => IceServer[];
  readonly #limiter: RateLimiter;

  constructor(options: { transport: VoiceTransport; iceServers: (userId: string) => IceServer[]; clock: Clock }) {
    this.#transport = options.transport;
    this.#iceServers = options.iceServers;
    this.#limiter = new RateLimiter({ burst: VoiceLimits.burst, windowMs: VoiceLimits.windowMs, clock: options.clock });
  }

  get members(): VoiceMember[] {
    return [...this.#members.values()];
  }

  /** Applies one validated request; throws CommandError when it is refused (nothing changes then). */
  handle(sender: VoiceSender, request: VoiceRequest): void {
    if (!this.#limiter.take(sender.sessionId)) {
      throw new CommandError(
        DojoErrorCode.rateLimited,
        `at most ${VoiceLimits.burst} voice messages per ${VoiceLimits.windowMs / 1000} s`,
      );
    }
    if (request.action === VoiceAction.join) {
      this.#join(sender, request.muted ?? false);
      return;
    }
    const member = this.#members.get(sender.sessionId);
    if (request.action === VoiceAction.leave) {
      if (member) this.leave(sender.sessionId);
      return;
    }
    if (!member) throw new CommandError(DojoErrorCode.notInVoice, 'join the voice channel first');
    switch (request.action) {
      case VoiceAction.mute:
        member.muted = request.muted;
        if (request.muted) member.speaking = false;
        this.#broadcastRoster();
        return;
      case VoiceAction.speaking:
        if (member.speaking === request.speaking || (member.muted && request.speaking)) return;
        member.speaking = request.speaking;
        this.#broadcastRoster();
        return;
      case VoiceAction.signal: {
        if (request.to === sender.sessionId || !this.#members.has(request.to)) {
          throw new CommandError(DojoErrorCode.voicePeerUnknown, 'that session is not in this dojo’s voice channel');
        }
        const event: VoiceEvent = { action: VoiceAction.signal, from: sender.sessionId, signal: request.signal };
        if (!this.#transport.send(request.to, event)) this.leave(request.to);
        return;
      }
    }
  }

  /** Takes a session out of the channel (it left voice, or the room). */
  leave(sessionId: string): void {
    this.#limiter.forget(sessionId);
    if (this.#members.delete(sessionId)) this.#broadcastRoster();
  }

  #join(sender: VoiceSender, muted: boolean): void {
    const already = this.#members.get(sender.sessionId);
    if (!already && this.#members.size >= VoiceLimits.members) {
      throw new CommandError(DojoErrorCode.voiceFull, `voice is limited to ${VoiceLimits.members} participants`);
    }
    const others = this.members.filter((member) => member.sessionId !== sender.sessionId);
    this.#members.set(sender.sessionId, {
      sessionId: sender.sessionId,
      userId: sender.userId,
      name: sender.name,
      muted,
      speaking: false,
    });
    this.#transport.send(sender.sessionId, {
      action: VoiceAction.joined,
      iceServers: this.#iceServers(sender.userId),
      members: others,
    });
    this.#broadcastRoster();
  }

  #broadcastRoster(): void {
    this.#transport.broadcast({ action: VoiceAction.roster, members: this.members });
  }
}
