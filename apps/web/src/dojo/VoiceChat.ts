import { type IceServer, VoiceAction, type VoiceSignal } from '@pocdojo/common/dojo-protocol/index';
import type { DojoSession, VoiceNotice } from './DojoSession.ts';

export type VoiceStatus = 'off' | 'joining' | 'on';

/** Why voice is off, as data (the panel says it in the member's language). */
export type VoiceProblem =
  | { kind: 'microphone_denied' | 'microphone_missing' | 'microphone_failed' | 'not_connected' }
  /** The room refused to let us in (e.g. `voice_full`). */
  | { kind: 'refused'; code: string; message: string };

export interface VoiceSnapshot {
  status: VoiceStatus;
  muted: boolean;
  /** Why voice could not start (no microphone, permission refused, channel full…). */
  problem: VoiceProblem | null;
}

/** RMS level of the microphone above which we count as speaking, and how long silence lasts before we stop. */
const SPEAKING_LEVEL = 0.02;
const SILENCE_MS = 600;

/**
 * This browser in a dojo's voice channel: a full mesh of WebRTC peer
 * connections (at most eight people), signalled through the room. The member
 * who joins last calls everyone already there, so two peers never offer to
 * each other at once. Muting replaces the outgoing track with none, so nothing
 * is sent at all (not even silence), and needs no renegotiation.
 */
export class VoiceChat {
  readonly #session: DojoSession;
  #snapshot: VoiceSnapshot = { status: 'off', muted: false, problem: null };
  #listeners = new Set<() => void>();
  #stream: MediaStream | null = null;
  #iceServers: IceServer[] = [];
  #peers = new Map<string, { pc: RTCPeerConnection; audio: HTMLAudioElement; pending: RTCIceCandidateInit[] }>();
  #audioContext: AudioContext | null = null;
  #speakingTimer: ReturnType<typeof setInterval> | undefined;
  #speaking = false;
  #lastLoud = 0;
  #unsubscribe: () => void;

  constructor(session: DojoSession) {
    this.#session = session;
    this.#unsubscribe = session.onVoice((event) => void this.#onEvent(event));
  }

  getSnapshot = (): VoiceSnapshot => this.#snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #update(patch: Partial<VoiceSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }

  /** Asks for the microphone and enters the channel. */
  async join(): Promise<void> {
    if (this.#snapshot.status !== 'off') return;
    this.#update({ status: 'joining', problem: null });
    try {
      this.#stream ??= await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      this.#update({ status: 'off', problem: microphoneProblem(error) });
      return;
    }
    this.#watchSpeaking(this.#stream);
    if (!this.#session.sendVoice({ action: VoiceAction.join, muted: this.#snapshot.muted })) {
      this.#update({ status: 'off', problem: { kind: 'not_connected' } });
    }
  }

  /** Leaves the channel and releases the microphone. */
  leave(): void {
    if (this.#snapshot.status !== 'off') this.#session.sendVoice({ action: VoiceAction.leave });
    this.#hangUpAll();
    clearInterval(this.#speakingTimer);
    void this.#audioContext?.close();
    this.#audioContext = null;
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
    this.#speaking = false;
    this.#update({ status: 'off' });
  }

  setMuted(muted: boolean): void {
    const track = this.#stream?.getAudioTracks()[0] ?? null;
    for (const { pc } of this.#peers.values()) {
      for (const sender of pc.getSenders()) void sender.replaceTrack(muted ? null : track);
    }
    if (muted) this.#speaking = false;
    this.#update({ muted });
    if (this.#snapshot.status === 'on') this.#session.sendVoice({ action: VoiceAction.mute, muted });
  }

  /** Leaves voice and stops listening to the room (the page is going away). */
  dispose(): void {
    this.leave();
    this.#unsubscribe();
  }

  async #onEvent(event: VoiceNotice): Promise<void> {
    if (event.action === 'refused') {
      // A refused join (the channel is full) leaves us out; other refusals change nothing here.
      if (this.#snapshot.status === 'joining') {
        this.leave();
        this.#update({ problem: { kind: 'refused', code: event.error.code, message: event.error.message } });
      }
      return;
    }
    if (event.action === VoiceAction.joined) {
      if (this.#snapshot.status !== 'joining') return;
      this.#iceServers = event.iceServers;
      this.#update({ status: 'on' });
      for (const member of event.members) await this.#call(member.sessionId);
      return;
    }
    if (event.action === VoiceAction.roster) {
      const present = new Set(event.members.map((member) => member.sessionId));
      for (const sessionId of [...this.#peers.keys()]) if (!present.has(sessionId)) this.#hangUp(sessionId);
      const self = this.#session.getSnapshot().welcome?.sessionId;
      // The room dropped us (our connection was lost and came back): join again.
      if (this.#snapshot.status === 'on' && self && !present.has(self)) {
        this.#hangUpAll();
        this.#update({ status: 'joining' });
        this.#session.sendVoice({ action: VoiceAction.join, muted: this.#snapshot.muted });
      }
      return;
    }
    if (this.#snapshot.status !== 'on') return;
    await this.#onSignal(event.from, event.signal);
  }

  async #call(sessionId: string): Promise<void> {
    const { pc } = this.#peer(sessionId);
    await pc.setLocalDescription(await pc.createOffer());
    this.#signal(sessionId, { type: 'offer', sdp: pc.localDescription!.sdp });
  }

  async #onSignal(from: string, signal: VoiceSignal): Promise<void> {
    const peer = this.#peers.get(from) ?? (signal.type === 'offer' ? this.#peer(from) : undefined);
    if (!peer) return;
    const { pc } = peer;
    if (signal.type === 'candidate') {
      if (!signal.candidate) return;
      // Candidates can overtake the offer they belong to; keep them until it is set.
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => {});
      else peer.pending.push(signal.candidate);
      return;
    }
    await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    for (const candidate of peer.pending.splice(0)) await pc.addIceCandidate(candidate).catch(() => {});
    if (signal.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      this.#signal(from, { type: 'answer', sdp: pc.localDescription!.sdp });
    }
  }

  #peer(sessionId: string) {
    const existing = this.#peers.get(sessionId);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const audio = new Audio();
    audio.autoplay = true;
    audio.dataset.voicePeer = sessionId;
    const peer = { pc, audio, pending: [] as RTCIceCandidateInit[] };
    this.#peers.set(sessionId, peer);
    const track = this.#stream?.getAudioTracks()[0];
    if (track && this.#stream) {
      const sender = pc.addTrack(track, this.#stream);
      if (this.#snapshot.muted) void sender.replaceTrack(null);
    }
    pc.onicecandidate = ({ candidate }) =>
      this.#signal(sessionId, {
        type: 'candidate',
        candidate: candidate && {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
          usernameFragment: candidate.usernameFragment,
        },
      });
    pc.ontrack = (event) => {
      audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void audio.play().catch(() => {});
    };
    return peer;
  }

  #signal(to: string, signal: VoiceSignal): void {
    this.#session.sendVoice({ action: VoiceAction.signal, to, signal });
  }

  #hangUp(sessionId: string): void {
    const peer = this.#peers.get(sessionId);
    if (!peer) return;
    this.#peers.delete(sessionId);
    peer.pc.close();
    peer.audio.srcObject = null;
  }

  #hangUpAll(): void {
    for (const sessionId of [...this.#peers.keys()]) this.#hangUp(sessionId);
  }

  /** Tells the room when we start and stop speaking (on change only), from the microphone's level. */
  #watchSpeaking(stream: MediaStream): void {
    if (this.#audioContext) return;
    const context = new AudioContext();
    this.#audioContext = context;
    void context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#speakingTimer = setInterval(() => {
      if (this.#snapshot.status !== 'on' || this.#snapshot.muted) return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const now = performance.now();
      if (Math.sqrt(sum / samples.length) > SPEAKING_LEVEL) this.#lastLoud = now;
      const speaking = now - this.#lastLoud < SILENCE_MS;
      if (speaking !== this.#speaking) {
        this.#speaking = speaking;
        this.#session.sendVoice({ action: VoiceAction.speaking, speaking });
      }
    }, 100);
  }
}

function microphoneProblem(error: unknown): VoiceProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return { kind: 'microphone_denied' };
  if (name === 'NotFoundError') return { kind: 'microphone_missing' };
  return { kind: 'microphone_failed' };
}
