import { useServices } from '../AppContext.tsx';
import { createDojo } from '../api/dojos.ts';
import { EditPolicies, type EditPolicy, type Kata } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { type MessageKey, useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { navigate } from '../router.tsx';

export const dojoLanguages = [
  { value: 'typescript', label: 'TypeScript' },
  { value: 'python', label: 'Python' },
  { value: 'java', label: 'Java' },
  { value: 'go', label: 'Go' },
];

const policyLabels: Record<EditPolicy, MessageKey> = {
  driver: 'dojo.create.policy.driver',
  everyone: 'dojo.create.policy.everyone',
};

/** Schedules a dojo; the creator becomes its facilitator. */
export function DojoCreateForm({ katas }: { katas: Kata[] }) {
  const { api } = useServices();
  const { t } = useMessages();
  const policyOptions = EditPolicies.map((p) => ({ value: p, label: t(policyLabels[p]) }));
  const { values: form, bind } = useForm({
    title: '',
    kataId: katas[0]?.id ?? '',
    language: 'typescript',
    durationMinutes: '60',
    rotationMinutes: '7',
    editPolicy: 'driver' as EditPolicy,
    scheduledAt: '',
  });
  const create = useAsyncAction(async () => {
    const dojo = await createDojo(api, {
      title: form.title.trim(),
      kataId: form.kataId || undefined,
      language: form.language,
      durationMinutes: Number(form.durationMinutes),
      rotationMinutes: Number(form.rotationMinutes),
      editPolicy: form.editPolicy,
      scheduledAt: form.scheduledAt ? new Date(form.scheduledAt).toISOString() : undefined,
    });
    navigate(`/dojos/${dojo.id}`);
  });
  const kata = katas.find((k) => k.id === form.kataId);
  const kataOptions = [
    { value: '', label: t('dojo.create.no_kata') },
    ...katas.map((k) => ({ value: k.id, label: k.title })),
  ];
  return (
    <form className="card" onSubmit={create.submit} aria-labelledby="create-dojo-title" noValidate>
      <h2 id="create-dojo-title">{t('dojo.create.title')}</h2>
      <ProblemAlert
        error={create.error}
        fields={['title', 'kataId', 'language', 'durationMinutes', 'rotationMinutes', 'editPolicy', 'scheduledAt']}
      />
      <Field label={t('dojo.create.field.title')} required {...bind('title', create.error)} />
      <div className="row">
        <SelectField label={t('dojo.create.field.kata')} options={kataOptions} {...bind('kataId', create.error)} />
        <SelectField
          label={t('dojo.create.field.language')}
          options={dojoLanguages}
          {...bind('language', create.error)}
        />
      </div>
      {kata?.summary && <p className="muted">{kata.summary}</p>}
      <div className="row">
        <Field
          label={t('dojo.create.field.duration')}
          type="number"
          min={1}
          max={480}
          {...bind('durationMinutes', create.error)}
        />
        <Field
          label={t('dojo.create.field.rotation')}
          type="number"
          min={1}
          max={120}
          {...bind('rotationMinutes', create.error)}
        />
      </div>
      <div className="row">
        <SelectField
          label={t('dojo.create.field.policy')}
          options={policyOptions}
          {...bind('editPolicy', create.error)}
        />
        <Field label={t('dojo.create.field.scheduled')} type="datetime-local" {...bind('scheduledAt', create.error)} />
      </div>
      <button type="submit" className="button" disabled={create.busy}>
        {create.busy ? t('dojo.create.creating') : t('dojo.create.submit')}
      </button>
    </form>
  );
}
