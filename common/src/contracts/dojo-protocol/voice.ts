import { z } from 'zod';

/**
 * Voice in a dojo (docs/protocol.md §17): audio among up to eight participants
 * over WebRTC, peer to peer. The room only keeps the voice roster and relays
 * signalling (offer, answer, ICE candidates) to the one session it is addressed
 * to; audio never passes through the engine.
 */
export const VoiceLimits = {
  /** Most participants in a dojo's voice channel at once (a full mesh of peer connections). */
  members: 8,
  /** Largest SDP (offer or answer), in characters. */
  sdpChars: 16_384,
  /** Largest ICE candidate line, in characters. */
  candidateChars: 1024,
  /** Voice messages one session may send per `windowMs` (signalling, mute, speaking). */
  burst: 240,
  windowMs: 10_000,
} as const;

/** What a voice message asks for, tagged by `action`. */
export const VoiceAction = {
  /** client → server: enter the voice channel; answered with `joined`. */
  join: 'join',
  /** client → server: leave the voice channel (also implied by leaving the room). */
  leave: 'leave',
  /** client → server: this session's microphone is muted or not. */
  mute: 'mute',
  /** client → server: this session is speaking or stopped (sent on change only). */
  speaking: 'speaking',
  /** both ways: WebRTC signalling, to one session (`to`) or from one (`from`). */
  signal: 'signal',
  /** server → client: you are in; the ICE servers to use and who was there before you. */
  joined: 'joined',
  /** server → everyone in the room: who is in the voice channel now. */
  roster: 'roster',
} as const;
export type VoiceAction = (typeof VoiceAction)[keyof typeof VoiceAction];

const sessionId = z.string().min(1).max(64);

/** An SDP offer or answer, or one trickled ICE candidate (`candidate: null` ends the trickle). */
export const voiceSignalSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(VoiceLimits.sdpChars) }),
  z.strictObject({
    type: z.literal('candidate'),
    candidate: z
      .strictObject({
        candidate: z.string().max(VoiceLimits.candidateChars),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
]);
export type VoiceSignal = z.infer<typeof voiceSignalSchema>;

/** `voice` (client → server). */
export const voiceRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal(VoiceAction.join), muted: z.boolean().optional() }),
  z.strictObject({ action: z.literal(VoiceAction.leave) }),
  z.strictObject({ action: z.literal(VoiceAction.mute), muted: z.boolean() }),
  z.strictObject({ action: z.literal(VoiceAction.speaking), speaking: z.boolean() }),
  z.strictObject({ action: z.literal(VoiceAction.signal), to: sessionId, signal: voiceSignalSchema }),
]);
export type VoiceRequest = z.infer<typeof voiceRequestSchema>;

/** One member of the voice channel. */
export interface VoiceMember {
  sessionId: string;
  userId: string;
  name: string;
  muted: boolean;
  speaking: boolean;
}

/** An ICE server as `RTCPeerConnection` takes it (TURN credentials expire). */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** `voice` (server → client). */
export type VoiceEvent =
  | {
      action: typeof VoiceAction.joined;
      iceServers: IceServer[];
      /** Members already in the channel: the newcomer sends each of them an offer. */
      members: VoiceMember[];
    }
  | { action: typeof VoiceAction.roster; members: VoiceMember[] }
  | { action: typeof VoiceAction.signal; from: string; signal: VoiceSignal };
