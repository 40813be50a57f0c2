import type { ParticipantState, PresenceEntry, VoiceMember } from '@pocdojo/common/dojo-protocol/index';
import { useMessages } from '../i18n/useMessages.ts';
import { peopleOf } from './people.ts';

/** Who is here, one line per person: seat, dojo role, connection state, typing, and voice. */
export function Roster({
  participants,
  presence,
  voice = [],
  selfUserId,
}: {
  participants: ParticipantState[];
  presence: PresenceEntry[];
  /** The voice channel's members: who is speaking or muted shows beside their name. */
  voice?: VoiceMember[];
  selfUserId: string | undefined;
}) {
  const { t } = useMessages();
  const people = peopleOf(participants, presence);
  return (
    <section aria-labelledby="roster-title" className="panel">
      <h2 id="roster-title">{t('dojo.roster.title', { count: people.length })}</h2>
      <ul className="roster">
        {people.map((p) => {
          const inVoice = voice.find((member) => p.sessionIds.includes(member.sessionId));
          return (
            <li key={p.userId} className="roster__item" data-seat={p.seat} data-user={p.userId}>
              <span className="roster__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
              <span className="roster__name">
                {p.userId === selfUserId ? t('dojo.roster.you', { name: p.name }) : p.name}
              </span>
              <span className={`seat seat--${p.seat}`}>{t('dojo.roster.seat', { seat: p.seat })}</span>
              {p.role === 'facilitator' && <span className="muted">{t('dojo.roster.facilitator')}</span>}
              {p.connection === 'reconnecting' && (
                <span className="roster__state">{t('dojo.roster.reconnecting')}</span>
              )}
              {p.sessions > 1 && <span className="muted">{t('dojo.roster.tabs', { count: p.sessions })}</span>}
              {p.typing && <span className="roster__typing">{t('dojo.roster.typing')}</span>}
              {inVoice && (
                <span className="roster__voice" data-speaking={inVoice.speaking}>
                  {t('dojo.roster.voice', { state: inVoice.muted ? 'muted' : inVoice.speaking ? 'speaking' : 'on' })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
