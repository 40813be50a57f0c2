import type { DojoReplay, ReplayEdit } from '@pocdojo/common/dojo-replay/replay-model';
import { DEFAULT_TIME_ZONE } from '@pocdojo/common/i18n/locales';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FileTabs } from '../dojo/FileTabs.tsx';
import { colourName, verdictText } from '../dojo/runSummary.ts';
import { useMessages } from '../i18n/useMessages.ts';
import type { Words } from '../lib/words.ts';
import { useReplay } from './useReplay.ts';

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
const AUTHOR_COLOURS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324'];
/** Playback advances the clock this often (ms of real time). */
const TICK_MS = 100;

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
};
/** "Ana typed “x” in roman.ts": what one change did, in words. */
function describeEdits(name: string, edits: ReplayEdit[], { t }: Words): string {
  if (edits.length === 0) return t('replay.edit.nothing', { name });
  return edits
    .map((edit) => {
      if (edit.kind === 'file')
        return t('replay.edit.file', {
          name,
          path: edit.path,
          action: edit.text === 'deleted' ? 'deleted' : 'created',
        });
      if (edit.kind === 'delete') return t('replay.edit.delete', { name, count: edit.length, path: edit.path });
      const shown = edit.text.length > 40 ? `${edit.text.slice(0, 40)}…` : edit.text;
      return t('replay.edit.insert', { name, text: shown.replace(/\n/g, '⏎'), path: edit.path });
    })
    .join('; ');
}

/** The dojo played back: scrub or play at 1×–32×, the files at any moment, the lights, who typed what. */
export function ReplayView({ dojoId }: { dojoId: string }) {
  const replay = useReplay(dojoId);
  const { t } = useMessages();
  if (replay.error) return <ProblemAlert error={replay.error} />;
  if (!replay.data) return <p aria-live="polite">{t('replay.loading')}</p>;
  return <ReplayPlayer replay={replay.data} />;
}

function ReplayPlayer({ replay }: { replay: DojoReplay }) {
  const words = useMessages();
  const { t, locale } = words;
  const timeOfDay = (at: number) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: DEFAULT_TIME_ZONE }).format(at);
  const { start, end } = replay;
  const [time, setTime] = useState(end);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [activeFile, setActiveFile] = useState<string | null>(null);
  const timeRef = useRef(time);
  timeRef.current = time;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = Math.min(end, timeRef.current + TICK_MS * speed);
      setTime(next);
      if (next >= end) setPlaying(false);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, end]);

  const index = replay.indexAt(time);
  const files = useMemo(() => replay.filesAt(index), [replay, index]);
  const edits = useMemo(() => replay.editsOf(index), [replay, index]);
  const authors = useMemo(() => replay.authors(), [replay]);
  const colourOf = useMemo(() => {
    const map = new Map(authors.map((author, i) => [author.userId ?? '', AUTHOR_COLOURS[i % AUTHOR_COLOURS.length]!]));
    return (userId: string | null) => map.get(userId ?? '') ?? '#666';
  }, [authors]);
  const paths = Object.keys(files).sort();
  const edited = edits.find((edit) => edit.path in files)?.path;
  // The tab someone picked; else the file this change edited; else the code, not its tests (as the room does).
  const file =
    activeFile && paths.includes(activeFile)
      ? activeFile
      : (edited ?? paths.find((path) => !/test/i.test(path)) ?? paths[0] ?? null);
  const change = index >= 0 ? replay.changes[index] : undefined;
  const text = file ? (files[file] ?? '') : '';
  const insert = edits.find((edit) => edit.path === file && edit.kind === 'insert');

  const jump = (direction: 1 | -1) => {
    const run = replay.runNear(time, direction);
    if (run) {
      setPlaying(false);
      setTime(run.at);
    }
  };

  return (
    <section aria-labelledby="replay-title" className="panel replay" data-testid="replay">
      <h2 id="replay-title">{t('replay.title')}</h2>
      <div className="replay__controls">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (!playing && time >= end) setTime(start);
            setPlaying(!playing);
          }}
        >
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        <label>
          {t('replay.speed')}{' '}
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}>
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => jump(-1)}
          disabled={!replay.runNear(time, -1)}
        >
          {t('replay.previous_light')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => jump(1)}
          disabled={!replay.runNear(time, 1)}
        >
          {t('replay.next_light')}
        </button>
      </div>
      <label className="replay__scrubber">
        <span className="visually-hidden">{t('replay.position')}</span>
        <input
          type="range"
          min={start}
          max={end}
          step={100}
          value={time}
          aria-valuetext={t('replay.position_value', { at: clock(time - start), length: clock(end - start) })}
          onChange={(event) => {
            setPlaying(false);
            setTime(Number(event.target.value));
          }}
        />
      </label>
      <ol className="replay__lights" aria-label={t('replay.lights')}>
        {replay.runs.map((run) => (
          <li
            key={`${run.at}-${run.colour}`}
            style={{ left: `${end > start ? ((run.at - start) / (end - start)) * 100 : 0}%` }}
          >
            <button
              type="button"
              className={`light light--${run.colour}`}
              data-colour={run.colour}
              aria-label={t('replay.light', {
                light: colourName(run.colour, words),
                time: timeOfDay(run.at),
                name: run.name,
                verdict: verdictText({ colour: run.colour, reason: null, summary: run.summary }, words),
              })}
              aria-current={replay.runNear(time + 1, -1) === run ? 'true' : undefined}
              onClick={() => {
                setPlaying(false);
                setTime(run.at);
              }}
            />
          </li>
        ))}
      </ol>
      <p className="replay__position" data-testid="replay-position" aria-live="off">
        {clock(time - start)} / {clock(end - start)} ·{' '}
        {t('replay.change_of', { index: index + 1, count: replay.changes.length })}
        {change ? ` · ${timeOfDay(change.at)}` : ''}
      </p>
      <p className="replay__who" data-testid="replay-who">
        {change ? (
          <>
            <span className="replay__swatch" style={{ background: colourOf(change.userId) }} aria-hidden="true" />
            {describeEdits(change.name, edits, words)}
          </>
        ) : (
          t('replay.starters')
        )}
      </p>
      <FileTabs files={paths} active={file} onSelect={setActiveFile} />
      <div role="tabpanel" id="file-panel" aria-label={file ?? t('replay.no_file')}>
        <pre className="replay__code" data-testid="replay-code">
          {insert && insert.index + insert.length <= text.length ? (
            <>
              {text.slice(0, insert.index)}
              <mark style={{ outline: `2px solid ${colourOf(change?.userId ?? null)}` }}>
                {text.slice(insert.index, insert.index + insert.length)}
              </mark>
              {text.slice(insert.index + insert.length)}
            </>
          ) : (
            text
          )}
        </pre>
      </div>
      <h3>{t('replay.authors_title')}</h3>
      <ul className="replay__authors" aria-label={t('replay.authors')}>
        {authors.map((author) => (
          <li key={author.userId ?? 'server'}>
            <span className="replay__swatch" style={{ background: colourOf(author.userId) }} aria-hidden="true" />
            {t('replay.author_changes', { name: author.name, count: author.changes })}
          </li>
        ))}
      </ul>
    </section>
  );
}
