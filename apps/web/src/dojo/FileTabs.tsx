import type { KeyboardEvent } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/** One tab per file of the dojo document (WAI-ARIA tabs: arrow keys move between them). */
export function FileTabs({
  files,
  active,
  onSelect,
}: {
  files: string[];
  active: string | null;
  onSelect: (path: string) => void;
}) {
  const { t } = useMessages();
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = files[(index + step + files.length) % files.length]!;
    onSelect(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={t('dojo.files.tabs')} className="file-tabs">
      {files.map((path, index) => (
        <button
          key={path}
          id={`tab-${path}`}
          type="button"
          role="tab"
          aria-selected={path === active}
          aria-controls="file-panel"
          tabIndex={path === active ? 0 : -1}
          className="file-tab"
          onClick={() => onSelect(path)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {path}
        </button>
      ))}
    </div>
  );
}
