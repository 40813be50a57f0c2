import { ServerMessage } from '@pocdojo/common/dojo-protocol/messages';
import type { VoiceEvent } from '@pocdojo/common/dojo-protocol/voice';
import type { Clock } from '../time/clock.ts';
import type { IceServerIssuer } from '../voice/ice-servers.ts';
import { VoiceChannel } from '../voice/voice-channel.ts';
import type { DojoClient } from './session.ts';

/**
 * A room's voice channel, wired to its clients: a signal reaches only a
 * session still seated in the room; members get ICE servers from `iceServers`
 * (without it none: peers on one network still connect).
 */
export function createRoomVoice(options: {
  clock: Clock;
  iceServers: IceServerIssuer | undefined;
  /** The client of a session seated in the room, if it is. */
  seated: (sessionId: string) => DojoClient | undefined;
  broadcast: (event: VoiceEvent) => void;
}): VoiceChannel {
  return new VoiceChannel({
    clock: options.clock,
    iceServers: (userId) => options.iceServers?.issue(userId) ?? [],
    transport: {
      send: (sessionId, event) => {
        const to = options.seated(sessionId);
        if (!to) return false;
        to.send(ServerMessage.voice, event);
        return true;
      },
      broadcast: options.broadcast,
    },
  });
}
