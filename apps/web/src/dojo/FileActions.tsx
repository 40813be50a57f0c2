import { type FormEvent, useState } from 'react';

type Mode = { kind: 'idle' } | { kind: 'new' } | { kind: 'rename'; from: string };

/**
 * New file, rename and delete for whoever may edit: each is a change of the shared document, so every
 * client's tabs follow. `problem` checks a path before anything changes.
 */
export function FileActions({
  active,
  problem,
  onChange,
}: {
  active: string | null;
  problem: (path: string) => string | null;
  /** Adds (`to` undefined), renames (`to` a path) or deletes (`to` null). */
  onChange: (path: string, to: string | null | undefined) => void;
}) {
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = (next: Mode) => {
    setMode(next);
    setPath(next.kind === 'rename' ? next.from : '');
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = path.trim();
    const why = problem(name);
    if (why) {
      setError(why);
      return;
    }
    if (mode.kind === 'new') onChange(name, undefined);
    if (mode.kind === 'rename') onChange(mode.from, name);
    open({ kind: 'idle' });
  };
  return (
    <div className="file-actions">
      {mode.kind === 'idle' ? (
        <>
          <button type="button" className="button button--small" onClick={() => open({ kind: 'new' })}>
            New file
          </button>
          {active && (
            <>
              <button
                type="button"
                className="button button--small"
                onClick={() => open({ kind: 'rename', from: active })}
              >
                Rename
              </button>
              <button type="button" className="button button--small" onClick={() => onChange(active, null)}>
                Delete {active}
              </button>
            </>
          )}
        </>
      ) : (
        <form onSubmit={submit} className="file-actions__form">
          <label>
            {mode.kind === 'new' ? 'New file path' : `Rename ${mode.from} to`}
            <input value={path} onChange={(event) => setPath(event.target.value)} maxLength={200} />
          </label>
          <button type="submit" className="button button--small">
            {mode.kind === 'new' ? 'Create' : 'Rename'}
          </button>
          <button type="button" className="button button--small" onClick={() => open({ kind: 'idle' })}>
            Cancel
          </button>
          {error && (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
