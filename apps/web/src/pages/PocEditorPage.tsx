import { useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { ApiError } from '../api/ApiError.ts';
import { createPoc, getPoc, updatePoc } from '../api/pocs.ts';
import { type Poc, type PocInput, type PocStatus, PocStatuses } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { setFlash } from '../lib/flash.ts';
import { completions, languageSuggestions, useTeamLabels } from '../lib/labelSuggestions.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate } from '../router.tsx';

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

/** Create (`/pocs/new`) or edit (`/pocs/:id/edit`) a POC; edits carry the version they started from. */
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
      setFlash('Created. Attach files below, or edit it any time.');
      navigate(`/pocs/${created.id}`, { replace: true });
      return;
    }
    try {
      await updatePoc(api, poc.id, poc.version, toInput(form));
      setFlash('Saved');
      navigate(`/pocs/${poc.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else throw error;
    }
  });
  const team = useTeamLabels(api);
  const languageOptions = completions(form.languages, languageSuggestions(team.languages));
  const tagOptions = completions(form.tags, team.tags);
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
          <ProblemAlert error={save.error} fields={fields} />
          <Field label="Name" required {...bind('name', save.error)} />
          <TextAreaField label="Description" rows={4} {...bind('description', save.error)} />
          <div className="row">
            <Field
              label="Languages"
              hint="Comma-separated, e.g. TypeScript, Go; suggestions as you type"
              list="poc-language-options"
              autoComplete="off"
              {...bind('languages', save.error)}
            />
            <datalist id="poc-language-options">
              {languageOptions.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
            <Field
              label="Tags"
              hint="Comma-separated; your team's tags are suggested"
              list="poc-tag-options"
              autoComplete="off"
              {...bind('tags', save.error)}
            />
            <datalist id="poc-tag-options">
              {tagOptions.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
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
            <Link to={poc ? `/pocs/${poc.id}` : '/pocs'} className="button button--ghost">
              Cancel
            </Link>
          </div>
          {poc && !save.busy && !save.error && !conflict && (
            <p className="muted">
              Editing version {poc.version}, updated {new Date(poc.updatedAt).toLocaleString()}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
