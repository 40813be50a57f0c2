import { useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { ApiError } from '../api/ApiError.ts';
import { createPoc, getPoc, updatePoc } from '../api/pocs.ts';
import { type Poc, type PocInput, type PocStatus, PocStatuses } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { setFlash } from '../lib/flash.ts';
import { completions, languageSuggestions, useTeamLabels } from '../lib/labelSuggestions.ts';
import { statusLabels } from '../lib/pocStatusLabels.ts';
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

const fields = ['name', 'description', 'languages', 'tags', 'repoUrl', 'status', 'startedAt', 'finishedAt'];

/** Create (`/pocs/new`) or edit (`/pocs/:id/edit`) a POC; edits carry the version they started from. */
export function PocEditorPage({ id }: { id?: string }) {
  const { api } = useServices();
  const { t, formatDateTime } = useMessages();
  const statusOptions = PocStatuses.map((s) => ({ value: s, label: t(statusLabels[s]) }));
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
      setFlash(t('poc.flash.created'));
      navigate(`/pocs/${created.id}`, { replace: true });
      return;
    }
    try {
      await updatePoc(api, poc.id, poc.version, toInput(form));
      setFlash(t('poc.flash.saved'));
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
  if (id && !poc) return <p aria-live="polite">{t('poc.loading')}</p>;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="poc-form-title">
        <h1 id="poc-form-title">{poc ? t('poc.form.edit_title', { name: poc.name }) : t('poc.form.new_title')}</h1>
        <form onSubmit={save.submit} noValidate>
          {conflict && (
            <div className="alert alert--warning" role="alert">
              <p>{t('poc.form.conflict')}</p>
              <button type="button" className="button button--ghost" onClick={() => void reloadLatest()}>
                {t('poc.form.load_theirs')}
              </button>
            </div>
          )}
          <ProblemAlert error={save.error} fields={fields} />
          <Field label={t('poc.form.name')} required {...bind('name', save.error)} />
          <TextAreaField label={t('poc.form.description')} rows={4} {...bind('description', save.error)} />
          <div className="row">
            <Field
              label={t('poc.form.languages')}
              hint={t('poc.form.languages_hint')}
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
              label={t('poc.form.tags')}
              hint={t('poc.form.tags_hint')}
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
            <Field label={t('poc.form.repo_url')} type="url" {...bind('repoUrl', save.error)} />
            <SelectField label={t('poc.form.status')} options={statusOptions} {...bind('status', save.error)} />
          </div>
          <div className="row">
            <Field label={t('poc.form.started')} type="date" {...bind('startedAt', save.error)} />
            <Field label={t('poc.form.finished')} type="date" {...bind('finishedAt', save.error)} />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={save.busy}>
              {save.busy ? t('poc.form.saving') : poc ? t('poc.form.save') : t('poc.form.create')}
            </button>
            <Link to={poc ? `/pocs/${poc.id}` : '/pocs'} className="button button--ghost">
              {t('poc.form.cancel')}
            </Link>
          </div>
          {poc && !save.busy && !save.error && !conflict && (
            <p className="muted">
              {t('poc.form.editing_version', { version: poc.version, date: formatDateTime(poc.updatedAt) })}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
