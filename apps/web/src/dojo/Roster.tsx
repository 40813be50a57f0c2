import type { ParticipantState, PresenceEntry, VoiceMember } from '@pocdojo/common/dojo-protocol/index';

const seatLabel = { driver: 'Driver', navigator: 'Navigator', observer: 'Observer' } as const;

/** Who is here: seat, dojo role, connection state and whether they are typing. */
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
  const order = { driver: 0, navigator: 1, observer: 2 } as const;
  const sorted = [...participants].sort((a, b) => order[a.seat] - order[b.seat] || a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="roster-title" className="panel">
      <h2 id="roster-title">People ({participants.length})</h2>
      <ul className="roster">
        {sorted.map((p) => {
          const typing = presence.some((entry) => entry.sessionId === p.sessionId && entry.typing);
          const inVoice = voice.find((member) => member.sessionId === p.sessionId);
          return (
            <li key={p.sessionId} className="roster__item" data-seat={p.seat} data-user={p.userId}>
              <span className="roster__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
              <span className="roster__name">
                {p.name}
                {p.userId === selfUserId ? ' (you)' : ''}
              </span>
              <span className={`seat seat--${p.seat}`}>{seatLabel[p.seat]}</span>
              {p.role === 'facilitator' && <span className="muted">facilitator</span>}
              {p.connection === 'reconnecting' && <span className="roster__state">reconnecting…</span>}
              {typing && <span className="roster__typing">typing…</span>}
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
