import type { VoiceMember } from '@pocdojo/common/contracts/dojo-protocol';
import { useSyncExternalStore } from 'react';
import type { VoiceChat } from './VoiceChat.ts';

/** Join or leave the dojo's voice channel, mute, and see who is in it and who is speaking. */
export function VoicePanel({
  voice,
  members,
  canJoin,
}: {
  voice: VoiceChat;
  members: VoiceMember[];
  canJoin: boolean;
}) {
  const { status, muted, problem } = useSyncExternalStore(voice.subscribe, voice.getSnapshot);
  return (
    <section aria-labelledby="voice-title" className="panel voice">
      <h2 id="voice-title">Voice ({members.length})</h2>
      <div className="voice__actions">
        {status === 'off' ? (
          <button type="button" onClick={() => void voice.join()} disabled={!canJoin}>
            Join voice
          </button>
        ) : (
          <>
            <button
              type="button"
              aria-pressed={muted}
              onClick={() => voice.setMuted(!muted)}
              disabled={status !== 'on'}
            >
              {muted ? 'Unmute' : 'Mute'}
            </button>
            <button type="button" onClick={() => voice.leave()}>
              Leave voice
            </button>
          </>
        )}
      </div>
      {status === 'joining' && <p className="muted">Connecting…</p>}
      {problem && (
        <p role="alert" className="voice__problem">
          {problem}
        </p>
      )}
      {members.length > 0 && (
        <ul className="voice__members" aria-label="In voice">
          {members.map((member) => (
            <li key={member.sessionId} data-speaking={member.speaking} data-muted={member.muted}>
              <span aria-hidden="true">{member.muted ? '🔇' : member.speaking ? '🔊' : '🎙️'}</span> {member.name}
              <span className="visually-hidden">
                {member.muted ? ' (muted)' : member.speaking ? ' (speaking)' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
