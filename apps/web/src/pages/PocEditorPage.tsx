import { useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { ApiError } from '../api/ApiError.ts';
import { createPoc, deletePoc, getPoc, updatePoc } from '../api/pocs.ts';
import { type Poc, type PocInput, type PocStatus, PocStatuses } from '../api/types.ts';
import { AttachmentsPanel } from '../components/AttachmentsPanel.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { navigate } from '../router.tsx';

type FormState = {
  name: string;
  description: string;
  languages: string;
  tags: string;
  repoUrl: string;
  status: PocStatus;
  startedAt: string;
  finishedAt: string;
};

const empty: FormState = {
  name: '',
  description: '',
  languages: '',
  tags: '',
  repoUrl: '',
  status: 'idea',
  startedAt: '',
  finishedAt: '',
};
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const fromPoc = (poc: Poc): FormState => ({
  name: poc.name,
  description: poc.description ?? '',
  languages: poc.languages.join(', '),
  tags: poc.tags.join(', '),
  repoUrl: poc.repoUrl ?? '',
  status: poc.status,
  startedAt: day(poc.startedAt),
  finishedAt: day(poc.finishedAt),
});
const toInput = (form: FormState): PocInput => ({
  name: form.name.trim(),
  description: form.description,
  languages: list(form.languages),
  tags: list(form.tags),
  repoUrl: form.repoUrl.trim() || null,
  status: form.status,
  startedAt: form.startedAt || null,
  finishedAt: form.finishedAt || null,
});

const statusOptions = PocStatuses.map((s) => ({ value: s, label: s }));
const fields = ['name', 'description', 'languages', 'tags', 'repoUrl', 'status', 'startedAt', 'finishedAt'];

/** Create (`/pocs/new`) or edit (`/pocs/:id`) a POC; edits carry the version they started from. */
export function PocEditorPage({ id }: { id?: string }) {
  const { api } = useServices();
  const [poc, setPoc] = useState<Poc | null>(null);
  const { values: form, setValues: setForm, bind } = useForm<FormState>(empty);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    getPoc(api, id, controller.signal).then(
      (loaded) => {
        setPoc(loaded);
        setForm(fromPoc(loaded));
      },
      (error: unknown) => !controller.signal.aborted && setLoadError(error),
    );
    return () => controller.abort();
  }, [api, id, setForm]);

  const save = useAsyncAction(async () => {
    if (!poc) {
      const created = await createPoc(api, toInput(form));
      navigate(`/pocs/${created.id}`, { replace: true });
      return;
    }
    try {
      const updated = await updatePoc(api, poc.id, poc.version, toInput(form));
      setPoc(updated);
      setForm(fromPoc(updated));
      setConflict(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else throw error;
    }
  });
  const remove = useAsyncAction(async () => {
    if (!poc || !window.confirm(`Delete "${poc.name}"? This cannot be undone.`)) return;
    await deletePoc(api, poc.id);
    navigate('/pocs', { replace: true });
  });
  const reloadLatest = async () => {
    if (!poc) return;
    const latest = await getPoc(api, poc.id);
    setPoc(latest);
    setForm(fromPoc(latest));
    setConflict(false);
  };

  if (loadError) return <ProblemAlert error={loadError} />;
  if (id && !poc) return <p aria-live="polite">Loading…</p>;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="poc-form-title">
        <h1 id="poc-form-title">{poc ? `Edit ${poc.name}` : 'New POC'}</h1>
        <form onSubmit={save.submit} noValidate>
          {conflict && (
            <div className="alert alert--warning" role="alert">
              <p>Someone else changed this POC while you were editing. Your changes were not saved.</p>
              <button type="button" className="button button--ghost" onClick={() => void reloadLatest()}>
                Load their version
              </button>
            </div>
          )}
          <ProblemAlert error={save.error ?? remove.error} fields={fields} />
          <Field label="Name" required {...bind('name', save.error)} />
          <TextAreaField label="Description" rows={4} {...bind('description', save.error)} />
          <div className="row">
            <Field label="Languages" hint="Comma-separated, e.g. TypeScript, Go" {...bind('languages', save.error)} />
            <Field label="Tags" hint="Comma-separated" {...bind('tags', save.error)} />
          </div>
          <div className="row">
            <Field label="Repository URL" type="url" {...bind('repoUrl', save.error)} />
            <SelectField label="Status" options={statusOptions} {...bind('status', save.error)} />
          </div>
          <div className="row">
            <Field label="Started" type="date" {...bind('startedAt', save.error)} />
            <Field label="Finished" type="date" {...bind('finishedAt', save.error)} />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={save.busy}>
              {save.busy ? 'Saving…' : poc ? 'Save changes' : 'Create POC'}
            </button>
            {poc && (
              <button type="button" className="button button--danger" onClick={() => void remove.run()}>
                Delete
              </button>
            )}
          </div>
          {poc && !save.busy && !save.error && !conflict && (
            <p className="muted" aria-live="polite">
              Version {poc.version}, updated {new Date(poc.updatedAt).toLocaleString()}
            </p>
          )}
        </form>
      </section>
      {poc && <AttachmentsPanel pocId={poc.id} />}
    </div>
  );
}
