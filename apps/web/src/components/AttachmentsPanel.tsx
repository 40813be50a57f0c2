import { type ChangeEvent, type FormEvent, lazy, Suspense, useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { deleteAttachment, listAttachments, renameAttachment, UploadFailed, uploadAttachment } from '../api/pocs.ts';
import type { Attachment } from '../api/types.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useResource } from '../lib/useResource.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const MarkdownText = lazy(() => import('./MarkdownText.tsx'));

/** A file size in the reader's number format: "512 byte", "1.5 kB", "2,3 MB". */
const size = (bytes: number, locale: string) => {
  const [value, unit] =
    bytes < 1024 ? [bytes, 'byte'] : bytes < 1_048_576 ? [bytes / 1024, 'kilobyte'] : [bytes / 1_048_576, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
};

const isText = (type: string) => type.startsWith('text/') || type === 'application/json';

/** What a file looks like without downloading it: images, videos and text shown, PDFs opened in a tab. */
function Preview({ file }: { file: Attachment }) {
  const { t } = useMessages();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = file.previewUrl ?? file.url;
  useEffect(() => {
    if (!isText(file.contentType)) return;
    const controller = new AbortController();
    // The bytes are decoded as UTF-8 here, whatever the server's headers say.
    fetch(url, { signal: controller.signal })
      .then((response) => response.arrayBuffer())
      .then((bytes) => setText(new TextDecoder('utf-8').decode(bytes)))
      .catch((caught: unknown) => !controller.signal.aborted && setError(caught));
    return () => controller.abort();
  }, [url, file.contentType]);
  if (file.contentType.startsWith('image/')) return <img className="preview__image" src={url} alt={file.fileName} />;
  if (file.contentType.startsWith('video/'))
    return (
      // biome-ignore lint/a11y/useMediaCaption: a user's uploaded file; no caption track exists for it
      <video className="preview__video" src={url} controls aria-label={file.fileName} />
    );
  if (file.contentType === 'application/pdf')
    return (
      <a href={url} target="_blank" rel="noopener">
        {t('poc.files.open_pdf', { name: file.fileName })}
      </a>
    );
  if (error) return <ProblemAlert error={error} />;
  if (text === null) return <p aria-live="polite">{t('poc.files.loading_preview')}</p>;
  if (file.contentType === 'text/markdown')
    return (
      <Suspense fallback={<pre className="preview__text">{text}</pre>}>
        <MarkdownText text={text} />
      </Suspense>
    );
  return <pre className="preview__text">{text}</pre>;
}

function AttachmentRow({ pocId, file, onChanged }: { pocId: string; file: Attachment; onChanged: () => void }) {
  const { api } = useServices();
  const { t, locale } = useMessages();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(file.fileName);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await renameAttachment(api, pocId, file.id, name.trim());
      setRenaming(false);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('poc.files.delete_confirm', { name: file.fileName }))) return;
    setError(null);
    try {
      await deleteAttachment(api, pocId, file.id);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <li className="attachment">
      {renaming ? (
        <form onSubmit={rename} className="attachment__rename">
          <label>
            <span className="visually-hidden">{t('poc.files.new_name', { name: file.fileName })}</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this file
              autoFocus
            />
          </label>
          <button type="submit" className="button">
            {t('poc.files.save_name')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setRenaming(false)}>
            {t('poc.files.cancel')}
          </button>
        </form>
      ) : (
        <>
          <a href={file.url} download={file.fileName} rel="noopener">
            {file.fileName}
          </a>{' '}
          <span className="muted">
            {file.contentType}, {size(file.bytes, locale)}
          </span>
        </>
      )}
      <span className="attachment__actions">
        <button
          type="button"
          className="button button--ghost"
          aria-expanded={previewing}
          onClick={() => setPreviewing(!previewing)}
        >
          {previewing ? t('poc.files.hide_preview') : t('poc.files.preview')}
          <span className="visually-hidden"> {file.fileName}</span>
        </button>
        {!renaming && (
          <button type="button" className="button button--ghost" onClick={() => setRenaming(true)}>
            {t('poc.files.rename')}
            <span className="visually-hidden"> {file.fileName}</span>
          </button>
        )}
        <button type="button" className="button button--ghost" onClick={() => void remove()}>
          {t('poc.files.delete')}
          <span className="visually-hidden"> {file.fileName}</span>
        </button>
      </span>
      <ProblemAlert error={error} />
      {previewing && (
        <section className="preview" aria-label={t('poc.files.preview_of', { name: file.fileName })}>
          <Preview file={file} />
        </section>
      )}
    </li>
  );
}

/** Files of a POC: uploaded straight to S3 through presigned PUTs, listed with presigned GETs. */
export function AttachmentsPanel({ pocId }: { pocId: string }) {
  const { api } = useServices();
  const { t } = useMessages();
  const attachments = useResource((signal) => listAttachments(api, pocId, signal), [pocId]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setError(null);
    for (const file of files) {
      setUploading(file.name);
      try {
        await uploadAttachment(api, pocId, file);
      } catch (caught) {
        setError(
          caught instanceof UploadFailed ? new Error(t('poc.files.upload_failed', { name: caught.fileName })) : caught,
        );
        break;
      }
    }
    setUploading(null);
    attachments.reload();
  };
  return (
    <section aria-labelledby="attachments-title" className="card">
      <h2 id="attachments-title">{t('poc.files.title')}</h2>
      <ProblemAlert error={error ?? attachments.error} />
      <label className="button button--ghost file-button">
        {t('poc.files.attach')}
        <input type="file" multiple onChange={upload} className="visually-hidden" />
      </label>
      <p aria-live="polite" className="muted">
        {uploading ? t('poc.files.uploading', { name: uploading }) : ''}
      </p>
      {attachments.data && attachments.data.items.length === 0 && <p className="muted">{t('poc.files.none')}</p>}
      <ul className="attachment-list">
        {attachments.data?.items.map((file) => (
          <AttachmentRow key={file.id} pocId={pocId} file={file} onChanged={attachments.reload} />
        ))}
      </ul>
    </section>
  );
}
