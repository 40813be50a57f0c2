import { type FormEvent, useState } from 'react';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import type { FilePathProblem } from './DojoSession.ts';

const problemKeys: Record<FilePathProblem, MessageKey> = {
  empty: 'dojo.files.problem.empty',
  too_long: 'dojo.files.problem.too_long',
  invalid: 'dojo.files.problem.invalid',
  exists: 'dojo.files.problem.exists',
};

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
  problem: (path: string) => FilePathProblem | null;
  /** Adds (`to` undefined), renames (`to` a path) or deletes (`to` null). */
  onChange: (path: string, to: string | null | undefined) => void;
}) {
  const { t } = useMessages();
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
      setError(t(problemKeys[why], { path: name }));
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
            {t('dojo.files.new')}
          </button>
          {active && (
            <>
              <button
                type="button"
                className="button button--small"
                onClick={() => open({ kind: 'rename', from: active })}
              >
                {t('dojo.files.rename')}
              </button>
              <button type="button" className="button button--small" onClick={() => onChange(active, null)}>
                {t('dojo.files.delete', { path: active })}
              </button>
            </>
          )}
        </>
      ) : (
        <form onSubmit={submit} className="file-actions__form">
          <label>
            {mode.kind === 'new' ? t('dojo.files.new_path') : t('dojo.files.rename_to', { path: mode.from })}
            <input value={path} onChange={(event) => setPath(event.target.value)} maxLength={200} />
          </label>
          <button type="submit" className="button button--small">
            {mode.kind === 'new' ? t('dojo.files.create') : t('dojo.files.rename')}
          </button>
          <button type="button" className="button button--small" onClick={() => open({ kind: 'idle' })}>
            {t('dojo.files.cancel')}
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
