import { CommandAction, type PresenceEntry } from '@pocdojo/common/dojo-protocol/index';
import { useEffect, useMemo, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { finishDojo, getDojo } from '../api/dojos.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useResource } from '../lib/useResource.ts';
import { ReplayView } from '../replay/ReplayView.tsx';
import { Link } from '../router.tsx';
import { announcementText } from './announcementText.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { DojoEditor } from './DojoEditor.tsx';
import type { DojoSession } from './DojoSession.ts';
import { DriveRequestList, RequestToDrive } from './DriveRequests.tsx';
import { FacilitatorControls } from './FacilitatorControls.tsx';
import { FileActions } from './FileActions.tsx';
import { FileTabs } from './FileTabs.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { KataPanel } from './KataPanel.tsx';
import { joinErrorText } from './RoomNotice.ts';
import { Roster } from './Roster.tsx';
import type { RemoteCursor } from './remoteCursors.ts';
import { SaveAsPoc } from './SaveAsPoc.tsx';
import { TestRunsPanel } from './TestRunsPanel.tsx';
import { TimerPanel } from './TimerPanel.tsx';
import { useDojoSession } from './useDojoSession.ts';
import { useDriverCue } from './useDriverCue.ts';
import { VoiceChat } from './VoiceChat.ts';
import { VoicePanel } from './VoicePanel.tsx';

/** Resolves when the room shows the timer ended (the command was applied), or after 3 s. */
function timerEnded(session: DojoSession): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, 3000);
    const unsubscribe = session.subscribe(() => {
      if (session.getSnapshot().room?.timer.status === 'ended') done();
    });
  });
}

/** The dojo room: editor, people, chat, timer and facilitation; the history once it is over. */
export function DojoRoomPage({ dojoId }: { dojoId: string }) {
  const { api } = useServices();
  const me = useSession();
  const words = useMessages();
  const { t } = words;
  const dojo = useResource((signal) => getDojo(api, dojoId, signal), [dojoId]);
  const finished = dojo.data?.status === 'finished';
  const { session, snapshot, error } = useDojoSession(dojoId, !!dojo.data && !finished);
  const [activeFile, setActiveFile] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const voice = useMemo(() => (session ? new VoiceChat(session) : null), [session]);
  useEffect(() => () => voice?.dispose(), [voice]);
  // One way to end: the dojo is marked finished first, then the kata's timer stops, which tells everyone
  // in the room to look again (and find it finished); then this page leaves the room for the history.
  const endDojo = useAsyncAction(async () => {
    const ended = await finishDojo(api, dojoId);
    const timer = snapshot?.room?.timer.status;
    if (session && (timer === 'running' || timer === 'paused')) {
      session.command({ action: CommandAction.timerEnd });
      await timerEnded(session);
    }
    dojo.setData(ended);
  });

  const files = snapshot?.files ?? [];
  const file =
    activeFile && files.includes(activeFile) ? activeFile : (files.find((f) => !/test/i.test(f)) ?? files[0]);
  useEffect(() => {
    if (file && file !== activeFile) setActiveFile(file);
  }, [file, activeFile]);

  const room = snapshot?.room;
  const welcome = snapshot?.welcome;
  const timerStatus = room?.timer.status;
  // The facilitator ended the dojo (or the kata ran out): is the dojo over?
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change to "ended" asks again
  useEffect(() => {
    if (timerStatus === 'ended') dojo.reload();
  }, [timerStatus]);
  const userId = welcome?.userId ?? me?.user.id;
  const isFacilitator = welcome?.role === 'facilitator';
  const isDriver = !!room && room.driverUserId === userId;
  const canEdit = !!room && (room.editPolicy === 'everyone' || isFacilitator || isDriver);
  const driverName = room?.participants.find((p) => p.userId === room.driverUserId)?.name;
  const drivingCue = useDriverCue(room?.driverUserId, userId);
  const connected = snapshot?.status === 'connected';
  const joinError = joinErrorText(error, words);

  const cursors = useMemo<RemoteCursor[]>(
    () =>
      (snapshot?.presence ?? [])
        .filter((p: PresenceEntry) => p.file === file && p.anchor !== null && p.head !== null)
        .map((p) => ({
          sessionId: p.sessionId,
          name: p.name,
          color: p.color,
          anchor: p.anchor!,
          head: p.head!,
          typing: p.typing,
        })),
    [snapshot?.presence, file],
  );

  if (dojo.error) return <ProblemAlert error={dojo.error} />;
  if (!dojo.data) return <p aria-live="polite">{t('dojo.room.loading')}</p>;

  if (finished) {
    return (
      <div className="stack">
        <h1>{dojo.data.title}</h1>
        <p>
          {t('dojo.room.over')} <Link to="/dojos">{t('dojo.room.back_to_lobby')}</Link>
        </p>
        <SaveAsPoc
          dojo={dojo.data}
          mayManage={dojo.data.facilitatorId === me?.user.id || me?.user.role === 'owner' || me?.user.role === 'admin'}
          onSaved={(pocId) => dojo.setData({ ...dojo.data!, pocId })}
        />
        <ReplayView dojoId={dojoId} />
        <HistoryPanel dojoId={dojoId} />
      </div>
    );
  }

  return (
    <div className="dojo">
      <div className="dojo__head">
        <h1>{room?.title ?? dojo.data.title}</h1>
        <p className="muted">
          {t('dojo.room.summary', {
            language: dojo.data.language,
            minutes: new Intl.NumberFormat(words.locale, { style: 'unit', unit: 'minute' }).format(
              dojo.data.rotationMinutes,
            ),
            policy: dojo.data.editPolicy === 'driver' ? 'driver' : 'everyone',
          })}
        </p>
      </div>
      <ConnectionBanner status={snapshot?.status ?? 'connecting'} notice={snapshot?.notice ?? null} />
      {joinError ? (
        <p className="alert alert--error" role="alert">
          {joinError}
        </p>
      ) : (
        <ProblemAlert error={error ?? endDojo.error} />
      )}
      <div className="dojo__layout">
        <div className="dojo__main">
          <FileTabs files={files} active={file ?? null} onSelect={setActiveFile} />
          {session && canEdit && connected && (
            <FileActions
              active={file ?? null}
              problem={(path) => session.filePathProblem(path)}
              onChange={(path, to) => {
                if (session.changeFile(path, to) && to !== null) setActiveFile(to ?? path);
              }}
            />
          )}
          {drivingCue && (
            <p className="alert alert--driving" role="alert">
              {t('dojo.room.you_drive')}
            </p>
          )}
          {!canEdit && room && (
            <p className="alert alert--info" role="status" data-testid="readonly-reason">
              {driverName ? t('dojo.room.read_only_named', { driver: driverName }) : t('dojo.room.read_only')}
            </p>
          )}
          {room && session && !isFacilitator && !isDriver && connected && (
            <p className="drive-request">
              <RequestToDrive driverName={driverName} onRequest={() => session.requestDrive()} />
            </p>
          )}
          {room && session && (isFacilitator || isDriver) && (
            <DriveRequestList
              requests={(snapshot?.driveRequests ?? []).filter((r) => r.userId !== room.driverUserId)}
              now={Date.now() + (snapshot?.clockOffsetMs ?? 0)}
              onAccept={(id) => session.acceptDrive(id)}
            />
          )}
          {session && file && snapshot?.welcome && (
            <div role="tabpanel" id="file-panel" aria-label={file}>
              <DojoEditor
                key={file}
                session={session}
                path={file}
                language={room?.language ?? dojo.data.language}
                readOnly={!canEdit}
                cursors={cursors}
              />
            </div>
          )}
          {!snapshot?.welcome && <p aria-live="polite">{t('dojo.room.joining')}</p>}
          {session && snapshot?.welcome && (
            <TestRunsPanel runs={snapshot.runs} canRun={canEdit && connected} onRun={() => session.runTests()} />
          )}
        </div>
        <aside className="dojo__side" aria-label={t('dojo.room.side_label')}>
          {dojo.data.kataId && <KataPanel kataId={dojo.data.kataId} />}
          {room && <TimerPanel timer={room.timer} clockOffsetMs={snapshot?.clockOffsetMs ?? 0} />}
          {room && isFacilitator && session && (
            <FacilitatorControls
              timerStatus={room.timer.status}
              participants={room.participants}
              driverUserId={room.driverUserId}
              onCommand={(command) => session.command(command)}
              onEnd={() => void endDojo.run()}
              disabled={!connected}
            />
          )}
          {room && (
            <Roster
              participants={room.participants}
              presence={snapshot?.presence ?? []}
              voice={snapshot?.voice ?? []}
              selfUserId={userId}
            />
          )}
          {voice && <VoicePanel voice={voice} members={snapshot?.voice ?? []} canJoin={connected} />}
          {session && (
            <ChatPanel
              messages={snapshot?.chat ?? []}
              onSend={(text) => session.sendChat(text)}
              disabled={!connected}
            />
          )}
          {snapshot?.announcements.length ? (
            <section aria-labelledby="announce-title" className="panel">
              <h2 id="announce-title">{t('dojo.announce.title')}</h2>
              <ul className="announcements" aria-live="polite">
                {snapshot.announcements.slice(-5).map((a) => (
                  <li key={`${a.kind}-${a.at}`}>{announcementText(a, words)}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
      <details className="panel" onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
        <summary>{t('dojo.history.title')}</summary>
        {historyOpen && <HistoryPanel dojoId={dojoId} />}
      </details>
    </div>
  );
}
