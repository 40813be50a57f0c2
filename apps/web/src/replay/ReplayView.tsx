import type { DojoReplay, ReplayEdit } from '@pocdojo/common/contracts/dojo-replay/replay-model';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { FileTabs } from '../dojo/FileTabs.tsx';
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
const timeOfDay = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Ana typed “x” in roman.ts": what one change did, in words. */
function describeEdits(name: string, edits: ReplayEdit[]): string {
  if (edits.length === 0) return `${name} changed nothing visible`;
  return edits
    .map((edit) => {
      if (edit.kind === 'file') return `${name} ${edit.text} ${edit.path}`;
      if (edit.kind === 'delete')
        return `${name} deleted ${edit.length} character${edit.length === 1 ? '' : 's'} in ${edit.path}`;
      const shown = edit.text.length > 40 ? `${edit.text.slice(0, 40)}…` : edit.text;
      return `${name} typed “${shown.replace(/\n/g, '⏎')}” in ${edit.path}`;
    })
    .join('; ');
}

/** The dojo played back: scrub or play at 1×–32×, the files at any moment, the lights, who typed what. */
export function ReplayView({ dojoId }: { dojoId: string }) {
  const replay = useReplay(dojoId);
  if (replay.error) return <ProblemAlert error={replay.error} />;
  if (!replay.data) return <p aria-live="polite">Loading the replay…</p>;
  return <ReplayPlayer replay={replay.data} />;
}

function ReplayPlayer({ replay }: { replay: DojoReplay }) {
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
      <h2 id="replay-title">Replay</h2>
      <div className="replay__controls">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (!playing && time >= end) setTime(start);
            setPlaying(!playing);
          }}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
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
          Previous light
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => jump(1)}
          disabled={!replay.runNear(time, 1)}
        >
          Next light
        </button>
      </div>
      <label className="replay__scrubber">
        <span className="visually-hidden">Position in the dojo</span>
        <input
          type="range"
          min={start}
          max={end}
          step={100}
          value={time}
          aria-valuetext={`${clock(time - start)} of ${clock(end - start)}`}
          onChange={(event) => {
            setPlaying(false);
            setTime(Number(event.target.value));
          }}
        />
      </label>
      <ol className="replay__lights" aria-label="Traffic lights">
        {replay.runs.map((run) => (
          <li
            key={`${run.at}-${run.colour}`}
            style={{ left: `${end > start ? ((run.at - start) / (end - start)) * 100 : 0}%` }}
          >
            <button
              type="button"
              className={`light light--${run.colour}`}
              data-colour={run.colour}
              aria-label={`${run.colour} at ${timeOfDay(run.at)}${run.name ? ` by ${run.name}` : ''}: ${run.summary}`}
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
        {clock(time - start)} / {clock(end - start)} · change {index + 1} of {replay.changes.length}
        {change ? ` · ${timeOfDay(change.at)}` : ''}
      </p>
      <p className="replay__who" data-testid="replay-who">
        {change ? (
          <>
            <span className="replay__swatch" style={{ background: colourOf(change.userId) }} aria-hidden="true" />
            {describeEdits(change.name, edits)}
          </>
        ) : (
          'The starter files, before anyone typed'
        )}
      </p>
      <FileTabs files={paths} active={file} onSelect={setActiveFile} />
      <div role="tabpanel" id="file-panel" aria-label={file ?? 'No file'}>
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
      <h3>Who typed</h3>
      <ul className="replay__authors" aria-label="Authors">
        {authors.map((author) => (
          <li key={author.userId ?? 'server'}>
            <span className="replay__swatch" style={{ background: colourOf(author.userId) }} aria-hidden="true" />
            {author.name}: {author.changes} change{author.changes === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </section>
  );
}
