import { type ChangeEvent, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listAttachments, uploadAttachment } from '../api/pocs.ts';
import { useResource } from '../lib/useResource.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1_048_576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Files of a POC: uploaded straight to S3 through presigned PUTs, listed with presigned GETs. */
export function AttachmentsPanel({ pocId }: { pocId: string }) {
  const { api } = useServices();
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
        setError(caught);
        break;
      }
    }
    setUploading(null);
    attachments.reload();
  };
  return (
    <section aria-labelledby="attachments-title" className="card">
      <h2 id="attachments-title">Attachments</h2>
      <ProblemAlert error={error ?? attachments.error} />
      <label className="button button--ghost file-button">
        Attach files
        <input type="file" multiple onChange={upload} className="visually-hidden" />
      </label>
      <p aria-live="polite" className="muted">
        {uploading ? `Uploading ${uploading}…` : ''}
      </p>
      {attachments.data && attachments.data.items.length === 0 && <p className="muted">No files yet.</p>}
      <ul className="attachment-list">
        {attachments.data?.items.map((file) => (
          <li key={file.id ?? file.url}>
            <a href={file.url} download={file.fileName} rel="noopener">
              {file.fileName}
            </a>{' '}
            <span className="muted">
              {file.contentType}, {size(file.bytes)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
