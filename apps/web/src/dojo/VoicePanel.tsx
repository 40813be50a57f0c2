import type { VoiceMember } from '@pocdojo/common/dojo-protocol/index';
import { useSyncExternalStore } from 'react';
import { useMessages } from '../i18n/useMessages.ts';
import { dojoErrorText } from './RoomNotice.ts';
import type { VoiceChat, VoiceProblem } from './VoiceChat.ts';

const problemKeys = {
  microphone_denied: 'dojo.voice.problem.microphone_denied',
  microphone_missing: 'dojo.voice.problem.microphone_missing',
  microphone_failed: 'dojo.voice.problem.microphone_failed',
  not_connected: 'dojo.voice.problem.not_connected',
} as const;

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
  const words = useMessages();
  const { t } = words;
  const { status, muted, problem } = useSyncExternalStore(voice.subscribe, voice.getSnapshot);
  const problemText = (said: VoiceProblem) =>
    said.kind === 'refused' ? (dojoErrorText(said.code, words) ?? said.message) : t(problemKeys[said.kind]);
  return (
    <section aria-labelledby="voice-title" className="panel voice">
      <h2 id="voice-title">{t('dojo.voice.title', { count: members.length })}</h2>
      <div className="voice__actions">
        {status === 'off' ? (
          <button type="button" onClick={() => void voice.join()} disabled={!canJoin}>
            {t('dojo.voice.join')}
          </button>
        ) : (
          <>
            <button
              type="button"
              aria-pressed={muted}
              onClick={() => voice.setMuted(!muted)}
              disabled={status !== 'on'}
            >
              {muted ? t('dojo.voice.unmute') : t('dojo.voice.mute')}
            </button>
            <button type="button" onClick={() => voice.leave()}>
              {t('dojo.voice.leave')}
            </button>
          </>
        )}
      </div>
      {status === 'joining' && <p className="muted">{t('dojo.voice.connecting')}</p>}
      {problem && (
        <p role="alert" className="voice__problem">
          {problemText(problem)}
        </p>
      )}
      {members.length > 0 && (
        <ul className="voice__members" aria-label={t('dojo.voice.members')}>
          {members.map((member) => (
            <li key={member.sessionId} data-speaking={member.speaking} data-muted={member.muted}>
              <span aria-hidden="true">{member.muted ? '🔇' : member.speaking ? '🔊' : '🎙️'}</span> {member.name}
              <span className="visually-hidden">
                {member.muted ? ` ${t('dojo.voice.muted')}` : member.speaking ? ` ${t('dojo.voice.speaking')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
