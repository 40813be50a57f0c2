import type { ParticipantState, PresenceEntry, VoiceMember } from '@pocdojo/common/contracts/dojo-protocol';
import { peopleOf } from './people.ts';

const seatLabel = { driver: 'Driver', navigator: 'Navigator', observer: 'Observer' } as const;

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
  const people = peopleOf(participants, presence);
  return (
    <section aria-labelledby="roster-title" className="panel">
      <h2 id="roster-title">People ({people.length})</h2>
      <ul className="roster">
        {people.map((p) => {
          const inVoice = voice.find((member) => p.sessionIds.includes(member.sessionId));
          return (
            <li key={p.userId} className="roster__item" data-seat={p.seat} data-user={p.userId}>
              <span className="roster__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
              <span className="roster__name">
                {p.name}
                {p.userId === selfUserId ? ' (you)' : ''}
              </span>
              <span className={`seat seat--${p.seat}`}>{seatLabel[p.seat]}</span>
              {p.role === 'facilitator' && <span className="muted">facilitator</span>}
              {p.connection === 'reconnecting' && <span className="roster__state">reconnecting…</span>}
              {p.sessions > 1 && <span className="muted">{p.sessions} tabs</span>}
              {p.typing && <span className="roster__typing">typing…</span>}
              {inVoice && (
                <span className="roster__voice" data-speaking={inVoice.speaking}>
                  {inVoice.muted ? 'muted' : inVoice.speaking ? 'speaking' : 'in voice'}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
